// Nakamoto proof of work: a miner of share s of the hash power finds its next block after an
// exponential time of mean block_interval / s, restarted whenever it adopts a new head (times
// are drawn from rates, never from per-hash trials, so any difficulty is exact); the heaviest
// chain wins, ties to the block seen first; a block is final `confirmations` blocks deep.
#pragma once

#include "consensus/rule.hpp"

namespace ostsim::consensus {

struct PowParams {
    engine::Time block_interval = 600 * engine::kSecond;  // mean time between blocks, all miners
    double share = 0;                                     // of the hash power; 0: not a miner
    std::uint32_t confirmations = 6;                      // Bitcoin paper, section 11
};

class Pow final : public Rule {
  public:
    explicit Pow(PowParams p) : p_(p) {}

    void start(Host& host) override { restart(host); }
    void on_timer(Host& host, std::uint64_t tag) override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;

  private:
    void restart(Host& host);

    PowParams p_;
    std::uint64_t epoch_ = 0;  // the current mining attempt; older timers are void
};

}  // namespace ostsim::consensus
