// Double spending by a private branch (Nakamoto 2008, section 11; Rosenfeld 2014): an attacker
// of share q pays a merchant, mines in private a branch without the payment from the block
// before it, and releases the branch as soon as it is longer than the honest chain once the
// merchant has shipped (the payment block z deep, itself counting as one). The honest chain
// then reorganises the payment away.
//
// Attacks repeat: when one ends (released, or given up) the next begins on the public head, so
// one run holds many independent trials (the clocks are memoryless, so each attack starts
// afresh). With `premine` the attacker first mines one block on the head in private and pays
// only once it has it (Rosenfeld's assumption, which makes his closed form exact for this
// race); if the head moves first it mines on the new head. Without, it pays at once and
// forks from the head of the moment.
#pragma once

#include "consensus/pow.hpp"

namespace ostsim::consensus {

struct DoubleSpendParams {
    PowParams mining;                 // block_interval and the attacker's share q
    std::uint32_t confirmations = 6;  // z
    bool premine = true;
    // Give up when the honest branch leads by this many blocks (0: never) or has this many
    // blocks past the fork (0: no horizon).
    std::uint32_t give_up_behind = 0;
    std::uint32_t horizon = 0;
};

struct DoubleSpendCounts {
    std::uint64_t attacks = 0;  // ended: succeeded or given up
    std::uint64_t succeeded = 0;
};

class DoubleSpender final : public Rule {
  public:
    explicit DoubleSpender(DoubleSpendParams p) : p_(p) {}

    void start(Host& host) override;
    void on_timer(Host& host, std::uint64_t tag) override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;

    const DoubleSpendCounts& counts() const { return counts_; }
    bool racing() const { return racing_; }

  private:
    // Blocks past the fork: the honest branch's and the attacker's.
    std::uint64_t honest() const { return public_height_ - fork_height_; }
    std::uint64_t own() const { return private_height_ - fork_height_; }
    void begin();             // a new attack from the public head
    void settle(Host& host);  // releases or gives up when the rules say so

    DoubleSpendParams p_;
    DoubleSpendCounts counts_;
    bool racing_ = false;  // the payment is out (false: premining)
    std::uint64_t fork_height_ = 0;
    chain::BlockId private_tip_ = chain::kGenesis;
    std::uint64_t private_height_ = 0;
    std::vector<chain::BlockId> branch_;  // the private blocks, lowest first
    chain::BlockId public_tip_ = chain::kGenesis;
    std::uint64_t public_height_ = 0;
};

}  // namespace ostsim::consensus
