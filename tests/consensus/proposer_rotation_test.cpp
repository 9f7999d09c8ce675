#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "consensus/proposer_rotation.hpp"

using namespace ostsim::consensus;

namespace {

std::vector<NodeIndex> sequence(const std::vector<std::uint64_t>& powers, int steps) {
    ProposerRotation r(powers);
    std::vector<NodeIndex> out{r.proposer()};
    for (int i = 1; i < steps; ++i) {
        r.advance();
        out.push_back(r.proposer());
    }
    return out;
}

}  // namespace

TEST(proposer_rotation, equal_powers_take_turns_in_index_order) {
    EXPECT_EQ(sequence({1, 1, 1}, 7), (std::vector<NodeIndex>{0, 1, 2, 0, 1, 2, 0}));
}

TEST(proposer_rotation, priorities_by_hand_for_powers_one_and_three) {
    // Priorities after adding powers [1, 3]: pick 1 -> [1, -1]; [2, 2] tie, lowest index 0 ->
    // [-2, 2]; [-1, 5] -> 1 -> [-1, 1]; [0, 4] -> 1 -> [0, 0]: the cycle 1, 0, 1, 1.
    EXPECT_EQ(sequence({1, 3}, 8), (std::vector<NodeIndex>{1, 0, 1, 1, 1, 0, 1, 1}));
}

TEST(proposer_rotation, each_validator_proposes_in_proportion_to_its_power) {
    const std::vector<std::uint64_t> powers{5, 3, 2, 7, 1};
    constexpr int kSteps = 18 * 1000;
    std::vector<int> count(powers.size());
    for (NodeIndex p : sequence(powers, kSteps)) ++count[p];
    for (std::size_t i = 0; i < powers.size(); ++i) {
        // Weighted round robin keeps every validator within one turn of its share.
        EXPECT_LE(std::abs(count[i] - static_cast<int>(powers[i]) * 1000), 1) << i;
    }
}

TEST(proposer_rotation, advancing_several_rounds_at_once_equals_one_by_one) {
    ProposerRotation a({4, 1, 2}), b({4, 1, 2});
    a.advance(5);
    for (int i = 0; i < 5; ++i) b.advance();
    EXPECT_EQ(a.proposer(), b.proposer());
    EXPECT_EQ(a.priorities(), b.priorities());
}

TEST(proposer_rotation, rejects_an_empty_set_and_zero_power) {
    EXPECT_THROW(ProposerRotation({}), std::invalid_argument);
    EXPECT_THROW(ProposerRotation({1, 0}), std::invalid_argument);
}
