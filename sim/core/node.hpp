// A node of a core as an engine logical process: its view of the chain (a block tree), its
// consensus rule, and the messages it exchanges with the core's other nodes. It is the Host
// its rule acts through: timers become events to itself, produced blocks are executed on the
// core's ledger (real state and transactions roots) and relayed.
//
// A block whose parent has not arrived waits here, so a rule always validates a block with its
// parent known. Records what analyses need: when each block reached this node, when each became final here,
// reorganisations, blocks rejected by the rule, and stalls the rule reports.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/arrivals.hpp"
#include "core/block.hpp"
#include "core/core.hpp"
#include "core/node_event.hpp"
#include "core/tx_pool.hpp"
#include "engine/context.hpp"
#include "engine/rng.hpp"
#include "net/block_relay.hpp"
#include "net/direct_relay.hpp"
#include "net/tx_gossip.hpp"

namespace ostsim::core {

struct NodeCounters {
    std::uint64_t produced = 0;
    std::uint64_t reorgs = 0;
    std::uint32_t deepest_reorg = 0;
    std::uint64_t invalid = 0;           // blocks the rule rejected
    std::uint64_t stalls = 0;            // rounds the rule reported without progress
    std::uint64_t conflicting_final = 0; // finality declared on a block off the final chain
    std::uint64_t submitted = 0;         // transactions this node's clients sent
    std::uint64_t priced_out = 0;        // arrivals whose sender would not pay the oracle's price
    std::uint64_t pool_refused = 0;      // transactions the mempool turned away (any node's)
};

// A transaction a block builder left out, and why.
struct TxRejection {
    chain::Address sender;
    std::uint64_t nonce;
    chain::Rejection reason;
    engine::Time time;
};

class Participant;

class Node final : public consensus::Host, public net::RelayHost {
  public:
    Node(Core& core, std::uint32_t index, std::unique_ptr<consensus::Rule> rule,
         std::uint64_t seed);

    void handle(engine::Context<Participant>& ctx, const engine::Event<NodeEvent>& ev);

    // Host
    engine::Time now() const override;  // out of line: Participant is incomplete here
    consensus::NodeIndex self() const override { return index_; }
    engine::Stream& rng() override { return rng_; }
    const chain::BlockTree& tree() const override { return tree_; }
    const consensus::BlockMeta& meta(chain::BlockId id) const override;
    void set_timer(engine::Time delay, std::uint64_t tag) override;
    chain::BlockId produce(chain::BlockId parent, std::uint64_t weight, std::uint64_t seal,
                           bool withhold) override;
    void publish(chain::BlockId id) override;
    void broadcast(const consensus::Vote& vote) override;
    void finalize(chain::BlockId id) override;
    void stalled(std::uint64_t height, std::uint32_t round) override;
    // RelayHost (now() and rng() serve both)
    void send(net::NodeId to, engine::Time delay, const net::RelayMsg& msg) override;

    // Results
    // A block of the core by id: any the core has published (this node's view is tree()).
    const Block& block(chain::BlockId id) const { return core_->block(id.key()); }
    // Blocks in the order they reached this node (its tree's), with the time each did.
    Arrivals arrivals() const { return {tree_, arrival_times_}; }
    // Final blocks of this node's chain, lowest first, with the time each became final here.
    Arrivals finals() const { return {tree_, final_times_, last_final_}; }
    const NodeCounters& counters() const { return counters_; }
    const consensus::Rule& rule() const { return *rule_; }
    const std::deque<Block>& produced() const { return produced_; }
    // Transactions submitted through this node, in order.
    const std::deque<chain::Transaction>& submitted() const { return submitted_; }
    const std::vector<TxRejection>& rejections() const { return rejections_; }
    std::size_t pending() const { return pool_.size(); }  // transactions in its mempool
    // The heights of the cores this node follows that it has learnt final (Core::follow).
    const std::vector<protocol::RemoteFinality>& remote_finalized() const { return remote_finalized_; }

  private:
    void receive(const Block* b);
    // Validates and accepts a block whose parent this node holds, and relays it; false when
    // the rule rejects it.
    bool take(const Block* b);
    void accept(const Block* b);
    void relay(const Block* b);
    void to_all_others(const NodeEvent& e);
    void on_relay(const net::RelayMsg& msg);
    engine::Time delay_to(std::uint32_t n);
    void set_arrival();
    void submit();
    // Into this node's pool, then (unless tx_gossip is off) to the others: by gossip under
    // `id`, else straight.
    void propagate(const chain::Transaction& t, std::uint64_t id);
    // Tells the clients watching this node (Core::watchers) of block b, by `kind`.
    void tell_watchers(const Block& b, NodeEvent::Kind kind);
    // Raises what this node knows final of another core (RemoteFinal).
    void learn_final(const NodeEvent::Finality& f);
    void head_moved(chain::BlockId old_head);
    // The oracle's price at the current head, recomputed only when the head moves.
    std::uint64_t oracle_price();

    Core* core_;
    std::uint32_t index_;
    std::unique_ptr<consensus::Rule> rule_;
    engine::Stream rng_;
    engine::Context<Participant>* ctx_ = nullptr;  // during handle() only
    // Next to the fields every event reads, within the lines the engine prefetches for the
    // next event (engine::Partition::prefetch): most of a large network's events are relay
    // messages.
    std::optional<net::BlockRelay> block_relay_;

    chain::BlockTree tree_;
    std::unordered_multimap<std::uint64_t, const Block*> waiting_;  // by the missing parent
    std::deque<Block> produced_;  // stable addresses: other nodes hold pointers
    // Times only: the blocks are the tree's (Arrivals).
    std::vector<engine::Time> arrival_times_;  // of tree_.joined(i)
    std::vector<engine::Time> final_times_;    // of the ancestor of last_final_ at height i + 1
    chain::BlockId last_final_ = chain::kGenesis;
    std::vector<protocol::RemoteFinality> remote_finalized_;  // one entry per followed core
    NodeCounters counters_;

    TxPool pool_;
    DemandSource demand_;
    struct {
        std::uint64_t head_key = ~std::uint64_t{0};
        std::uint64_t price = 0;
    } oracle_{};
    std::deque<chain::Transaction> submitted_;  // stable addresses: gossip holds pointers
    std::vector<TxRejection> rejections_;
    // With a network: one of the two block relays (block_relay_ above), and the transaction
    // gossip (if on).
    std::optional<net::DirectRelay> direct_relay_;
    std::optional<net::TxGossip> gossip_;
};

}  // namespace ostsim::core
