#include "consensus/vote_set.hpp"

namespace ostsim::consensus {

VoteSet::Added VoteSet::add(NodeIndex validator, chain::BlockId block, std::uint64_t power) {
    if (validator >= first_.size()) first_.resize(validator + 1, kNone);
    chain::BlockId& first = first_[validator];
    if (!(first == kNone)) return first == block ? Added::Duplicate : Added::Conflict;
    first = block;
    any_ += power;
    for (auto& [b, p] : by_block_) {
        if (b == block) {
            p += power;
            return Added::New;
        }
    }
    by_block_.emplace_back(block, power);
    return Added::New;
}

std::uint64_t VoteSet::power_for(chain::BlockId block) const {
    for (const auto& [b, p] : by_block_) {
        if (b == block) return p;
    }
    return 0;
}

}  // namespace ostsim::consensus
