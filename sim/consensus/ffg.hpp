// Casper FFG checkpoints over a block-producing rule (Buterin and Griffith 2017; Mosaic's
// design, PROTOCOL.md section 5): the blocks come from the rule this one wraps (clique, as OST's
// auxiliary chains ran it, or pow), through an InnerHost that keeps finality for this rule.
//
//  - Every block at a height that is a multiple of the epoch length E is a checkpoint; genesis
//    is the root, justified and final. A checkpoint's epoch is its height / E.
//  - Validators 0..n-1, with stakes, vote once per target epoch: when their head is
//    `vote_depth` blocks past a new checkpoint, they broadcast (Vote::Checkpoint) the link from
//    the highest justified checkpoint below it (source) to it (target).
//  - A checkpoint is justified by a supermajority link, more than 2/3 of the stake voting it,
//    from a justified ancestor; the source is finalised (host.finalize) when the target is its
//    direct child, one epoch above (commit requires h_t - h_s = 1 epoch, as WP-M states).
//  - Fork choice: the wrapped rule's, except that valid() rejects every block that does not
//    descend from the latest finalised checkpoint, so the head never leaves its chain.
//  - Slashing conditions (double and surround votes, CheckpointVotes) are detected and counted
//    per node; the offenders' votes still count (slashing is an on-chain act, not modelled).
//
// Behaviours (of this node's validator; the wrapped rule has its own): Offline casts no vote
// (the node still follows the chain and justifies); Slow casts each vote `delay` late;
// Equivocating casts, beside each vote from a source above genesis, a second vote for the same
// target from genesis: a double vote each epoch, and a surround vote of its earlier links.
//
// Limits: a fixed validator set (no dynasties, deposits or logouts); WP-M's forward and rear
// validator sets and its transition objects are not modelled; "more than 2/3" where the paper
// says "at least 2/3" (and Mosaic-1 counts floor(2n/3)). The wrapped rule's timer tags must stay
// below 2^62 (clique's and pow's do).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "consensus/checkpoint_votes.hpp"
#include "consensus/delayed_votes.hpp"
#include "consensus/rule.hpp"
#include "consensus/validator.hpp"

namespace ostsim::consensus {

struct FfgParams {
    std::vector<std::uint64_t> stakes{};  // of validators 0..n-1
    std::uint32_t epoch_length = 100;   // blocks; Mosaic-1 EPOCH_LENGTH (PROTOCOL.md 5.2)
    std::uint32_t vote_depth = 0;       // blocks on top of a checkpoint before voting for it
    Behaviour behaviour{};               // this node's validator
};

class Ffg final : public Rule {
  public:
    Ffg(FfgParams p, std::unique_ptr<Rule> proposer);

    void start(Host& host) override;
    void on_timer(Host& host, std::uint64_t tag) override;
    bool valid(const Host& host, const BlockMeta& block) const override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;
    void on_vote(Host& host, const Vote& vote) override;

    chain::BlockId finalized() const { return finalized_; }
    bool justified(chain::BlockId checkpoint) const { return justified_.count(checkpoint.key()); }
    std::uint64_t double_votes() const { return double_votes_; }
    std::uint64_t surround_votes() const { return surround_votes_; }

  private:
    bool is_validator(NodeIndex n) const { return n < p_.stakes.size(); }
    void maybe_vote(Host& host);
    // Counts `vote` (a validator's stake once per link) and justifies what it can.
    void tally(Host& host, const Vote& vote);
    // Justifies `target` if the link from `source` has a supermajority and can, and whatever
    // that link's justification enables in turn.
    void try_link(Host& host, chain::BlockId source, chain::BlockId target);

    FfgParams p_;
    std::unique_ptr<Rule> proposer_;
    std::uint64_t total_ = 0;

    std::unordered_set<std::uint64_t> justified_;  // checkpoint keys
    chain::BlockId finalized_ = chain::kGenesis;
    std::uint64_t finalized_height_ = 0;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> stake_;  // by link's keys
    std::unordered_multimap<std::uint64_t, chain::BlockId> by_source_, by_target_;  // links
    CheckpointVotes history_;
    std::uint64_t double_votes_ = 0, surround_votes_ = 0;

    std::uint64_t voted_epoch_ = 0, voted_source_epoch_ = 0;  // this validator's last vote
    DelayedVotes outbox_;
};

}  // namespace ostsim::consensus
