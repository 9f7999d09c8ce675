// Selfish mining (Eyal and Sirer 2014, "Majority is not enough", Algorithm 1): a miner of share
// alpha keeps the blocks it finds private and releases them so as to waste honest work:
//
//   lead before an honest block | release
//   0 (no private block)        | nothing; adopt the honest block
//   1                           | the private block: a race of equal-length branches
//   2                           | the whole private branch: it is longer, honest work is lost
//   > 2                         | the private block at the honest block's height
//   and in a race (lead 0, one private block out), a block of its own: the branch, which wins.
//
// "Public" is what the honest miners can see: the longest chain of the blocks they found and
// those this miner released. Who wins a race depends on the honest miners' tie-breaking
// (PowParams::prefer, the share gamma of Eyal and Sirer). The miner draws one exponential clock
// for its whole run and mines on its private tip when it fires: memoryless times make that the
// same law as restarting on every new tip.
#pragma once

#include <deque>

#include "consensus/pow.hpp"

namespace ostsim::consensus {

class SelfishMiner final : public Rule {
  public:
    // Uses `block_interval` and `share` of the mining parameters.
    explicit SelfishMiner(PowParams p) : p_(p) {}

    void start(Host& host) override;
    void on_timer(Host& host, std::uint64_t tag) override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;

    // Private blocks ahead of the public chain (Eyal and Sirer's state).
    std::int64_t lead() const {
        return static_cast<std::int64_t>(private_height_) -
               static_cast<std::int64_t>(public_height_);
    }

  private:
    struct Private {
        chain::BlockId id;
        std::uint64_t height;
    };
    // Releases the private blocks up to `height`; the public chain grows with them.
    void publish_through(Host& host, std::uint64_t height);

    PowParams p_;
    chain::BlockId private_tip_ = chain::kGenesis;
    std::uint64_t private_height_ = 0;
    chain::BlockId public_tip_ = chain::kGenesis;
    std::uint64_t public_height_ = 0;
    std::deque<Private> unpublished_;  // lowest first
    std::uint32_t branch_ = 0;         // the paper's privateBranchLen
};

}  // namespace ostsim::consensus
