// Nakamoto proof of work: a miner of share s of the hash power finds its next block after an
// exponential time of mean block_interval / s, restarted whenever it adopts a new head (times
// are drawn from rates, never from per-hash trials, so any difficulty is exact); the heaviest
// chain wins, ties to the block seen first; a block is final `confirmations` blocks deep.
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
    void mine_on(Host& host, chain::BlockId tip);
    bool preferred(NodeIndex producer) const;

    PowParams p_;
    std::vector<NodeIndex> prefer_;
    chain::BlockId tip_ = chain::kGenesis;  // the block being mined on
    std::uint64_t epoch_ = 0;  // the current mining attempt; older timers are void
};

}  // namespace ostsim::consensus
