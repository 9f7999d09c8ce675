// The votes of one kind (bft prevotes or precommits) in one round of one height: the first vote
// of each validator, the power behind each block (nil included) and behind any vote at all.
// A validator's second vote for another block is equivocation: it is not counted, and add()
// says so, for the rule to record the evidence (Tendermint's VoteSet keeps the first vote and
// reports the conflict as DuplicateVoteEvidence).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "consensus/rule.hpp"

namespace ostsim::consensus {

class VoteSet {
  public:
    enum class Added : std::uint8_t { New, Duplicate, Conflict };

    explicit VoteSet(std::size_t validators = 0) : first_(validators, kNone) {}

    Added add(NodeIndex validator, chain::BlockId block, std::uint64_t power);
    std::uint64_t power_for(chain::BlockId block) const;
    std::uint64_t any() const { return any_; }
    // (block, power) for every block voted for, in the order first voted for.
    const std::vector<std::pair<chain::BlockId, std::uint64_t>>& blocks() const {
        return by_block_;
    }

  private:
    // Not a block any vote names: nil is kNil, a real block has a producer below ~0 - 1.
    static constexpr chain::BlockId kNone{~std::uint32_t{0} - 1, ~std::uint32_t{0}};

    std::vector<chain::BlockId> first_;  // by validator; kNone: no vote yet
    std::vector<std::pair<chain::BlockId, std::uint64_t>> by_block_;
    std::uint64_t any_ = 0;
};

}  // namespace ostsim::consensus
