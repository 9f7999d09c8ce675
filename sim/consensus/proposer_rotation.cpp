#include "consensus/proposer_rotation.hpp"

#include <algorithm>
#include <stdexcept>

namespace ostsim::consensus {

ProposerRotation::ProposerRotation(const std::vector<std::uint64_t>& powers)
    : power_(powers.begin(), powers.end()), priority_(powers.size(), 0) {
    if (powers.empty()) throw std::invalid_argument("ProposerRotation: no validators");
    for (std::int64_t p : power_) {
        if (p <= 0) throw std::invalid_argument("ProposerRotation: a power must be positive");
        total_ += p;
    }
    advance();  // NewValidatorSet
}

void ProposerRotation::advance(std::uint32_t times) {
    // RescalePriorities(2 x total): shrink the spread by ceil(spread / window) when wider.
    const std::int64_t window = 2 * total_;
    const auto [lo, hi] = std::minmax_element(priority_.begin(), priority_.end());
    const std::int64_t spread = *hi - *lo;
    if (spread > window) {
        const std::int64_t ratio = (spread + window - 1) / window;
        for (auto& p : priority_) p /= ratio;  // Go's division truncates, as C++'s does
    }
    // shiftByAvgProposerPriority: the mean rounded down (big.Int division is Euclidean).
    std::int64_t sum = 0;
    for (std::int64_t p : priority_) sum += p;
    const auto n = static_cast<std::int64_t>(priority_.size());
    const std::int64_t avg = sum >= 0 ? sum / n : -((-sum + n - 1) / n);
    for (auto& p : priority_) p -= avg;

    for (std::uint32_t t = 0; t < times; ++t) {
        std::size_t best = 0;
        for (std::size_t i = 0; i < priority_.size(); ++i) {
            priority_[i] += power_[i];
            if (priority_[i] > priority_[best]) best = i;  // ties: the lowest index
        }
        priority_[best] -= total_;
        proposer_ = static_cast<NodeIndex>(best);
    }
}

}  // namespace ostsim::consensus
