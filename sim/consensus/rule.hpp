// A consensus rule, as a state machine without I/O: it reads its node's block tree and clock,
// and acts only through the Host its node gives it (timers, producing and publishing blocks,
// broadcasting votes, declaring blocks final). The node (sim/core) turns those acts into
// engine events and network messages, so a rule is testable with a hand-driven host, and
// adding a rule is adding one module: nothing else changes.
//
// Callbacks run inside the node's event handler; a rule must not keep the Host beyond a call.
#pragma once

#include <cstdint>

#include "chain/block_tree.hpp"
#include "engine/rng.hpp"
#include "engine/time.hpp"

namespace ostsim::consensus {

using NodeIndex = std::uint32_t;  // a node's index within its core

// What a rule knows of a block: its place in the tree, who made it and when.
struct BlockMeta {
    chain::BlockId id;
    chain::BlockId parent;
    std::uint64_t height = 0;
    engine::Time timestamp = 0;  // when it was produced
    NodeIndex producer = 0;
    std::uint64_t weight = 1;  // fork-choice weight (pow: 1; clique: 2 in turn, 1 out of turn)
    std::uint64_t seal = 0;    // rule-defined (bft: the commit round; ffg: unused)
};

// A validator's vote, gossiped to the core's nodes: bft prevotes and precommits, ffg
// checkpoint votes (source -> target).
struct Vote {
    enum Kind : std::uint8_t { Prevote, Precommit, Checkpoint } kind = Prevote;
    NodeIndex validator = 0;
    std::uint32_t round = 0;      // bft: the round; ffg: the source epoch
    std::uint64_t height = 0;     // bft: the height; ffg: the target epoch
    chain::BlockId block;         // the block voted for; kNil for a nil vote
    chain::BlockId source;        // ffg: the source checkpoint
};
inline constexpr chain::BlockId kNil{~std::uint32_t{0}, ~std::uint32_t{0}};

// What a node offers its rule.
class Host {
  public:
    virtual engine::Time now() const = 0;
    virtual NodeIndex self() const = 0;
    virtual engine::Stream& rng() = 0;
    virtual const chain::BlockTree& tree() const = 0;
    // Metadata of a block in the tree (genesis included).
    virtual const BlockMeta& meta(chain::BlockId id) const = 0;

    // Calls Rule::on_timer(tag) after `delay` (>= 0). Timers cannot be cancelled: a rule
    // puts an epoch in the tag and ignores the ones it no longer wants.
    virtual void set_timer(engine::Time delay, std::uint64_t tag) = 0;
    // Builds a block on `parent` (transactions from the node's mempool, the state root after
    // them), adds it to the node's tree (on_block follows) and relays it unless `withhold`.
    virtual chain::BlockId produce(chain::BlockId parent, std::uint64_t weight,
                                   std::uint64_t seal = 0, bool withhold = false) = 0;
    // Relays a block produced with `withhold` (a selfish miner's release).
    virtual void publish(chain::BlockId id) = 0;
    // Sends a vote to every other node of the core; the sender's rule does not receive it.
    virtual void broadcast(const Vote& vote) = 0;
    // Declares `id` and its ancestors final at this node; re-declaring is harmless.
    virtual void finalize(chain::BlockId id) = 0;
    // Records that the rule could not make progress (e.g. a bft round without 2/3 online).
    virtual void stalled(std::uint64_t height, std::uint32_t round) = 0;

  protected:
    ~Host() = default;
};

class Rule {
  public:
    virtual ~Rule() = default;
    // At time zero, once per node.
    virtual void start(Host& host) = 0;
    virtual void on_timer(Host& host, std::uint64_t tag) = 0;
    // Whether a block received from the network is valid under the rule (a clique signer's
    // turn and recency, a bft commit); invalid blocks are dropped and recorded.
    virtual bool valid(const Host& host, const BlockMeta& block) const {
        (void)host;
        (void)block;
        return true;
    }
    // A block joined the tree, the node's own included; `change` says whether the head moved.
    virtual void on_block(Host& host, const BlockMeta& block,
                          const chain::BlockTree::Change& change) = 0;
    virtual void on_vote(Host& host, const Vote& vote) {
        (void)host;
        (void)vote;
    }
};

}  // namespace ostsim::consensus
