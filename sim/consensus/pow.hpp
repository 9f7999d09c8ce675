// Nakamoto proof of work: a miner of share s of the hash power finds its next block after an
// exponential time of mean block_interval / s (times are drawn from rates, never from per-hash
// trials, so any difficulty is exact), on whatever head it has when that time comes; the
// heaviest chain wins, ties to the block seen first; a block is final `confirmations` deep.
//
// A miner that adopts a new head keeps its pending attempt rather than drawing a new one: the
// exponential is memoryless, so the time left is Exp(block_interval / s) either way, and no
// superseded timer is left in the event queue (6,000 per block on a 6,000-node network).
#pragma once

#include <vector>

#include "consensus/rule.hpp"

namespace ostsim::consensus {

struct PowParams {
    engine::Time block_interval = 600 * engine::kSecond;  // mean time between blocks, all miners
    double share = 0;                                     // of the hash power; 0: not a miner
    std::uint32_t confirmations = 6;                      // Bitcoin paper, section 11
};

// The time to a miner's next block: exponential of mean interval / share (share > 0).
engine::Time next_block_in(engine::Stream& rng, const PowParams& p);

class Pow final : public Rule {
  public:
    // `prefer`: which of equal-weight tips to mine on. Empty: the one seen first (Bitcoin
    // Core). Otherwise a tip produced by one of these nodes, when there is one: how a share
    // gamma of honest power comes to mine on a selfish miner's branch in a tie (Eyal and Sirer
    // 2014, section 3). Fork choice itself (the node's head, finality) stays first-seen.
    explicit Pow(PowParams p, std::vector<NodeIndex> prefer = {})
        : p_(p), prefer_(std::move(prefer)) {}

    void start(Host& host) override;
    void on_timer(Host& host, std::uint64_t tag) override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;

  private:
    void arm(Host& host);
    bool preferred(NodeIndex producer) const;

    PowParams p_;
    std::vector<NodeIndex> prefer_;
    chain::BlockId tip_ = chain::kGenesis;  // the block being mined on
};

}  // namespace ostsim::consensus
