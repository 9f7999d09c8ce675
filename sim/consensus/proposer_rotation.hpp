// Tendermint's proposer selection: weighted round robin by proposer priority (Tendermint spec,
// spec/consensus/proposer-selection.md; types/validator_set.go IncrementProposerPriority).
// Each step adds every validator's voting power to its priority, picks the highest (ties to the
// lowest index, Tendermint's lowest address) and takes the total power from it; so a validator
// of power p proposes p of every `total` steps, spread evenly, and the sequence is a function
// of the powers alone. Before each batch of steps, priorities are rescaled to spread at most
// 2 x total and centred on their mean, as Tendermint does.
//
// A height's set has been advanced once per height since genesis (the genesis set once);
// round r of a height uses that set advanced r more times (consensus/state.go enterNewRound).
#pragma once

#include <cstdint>
#include <vector>

#include "consensus/rule.hpp"

namespace ostsim::consensus {

class ProposerRotation {
  public:
    // The genesis set: powers of validators 0..n-1 (each > 0), advanced once.
    explicit ProposerRotation(const std::vector<std::uint64_t>& powers);

    NodeIndex proposer() const { return proposer_; }
    void advance(std::uint32_t times = 1);
    std::uint64_t total() const { return static_cast<std::uint64_t>(total_); }
    const std::vector<std::int64_t>& priorities() const { return priority_; }

  private:
    std::vector<std::int64_t> power_;
    std::vector<std::int64_t> priority_;
    std::int64_t total_ = 0;
    NodeIndex proposer_ = 0;
};

}  // namespace ostsim::consensus
