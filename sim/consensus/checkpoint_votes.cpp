#include "consensus/checkpoint_votes.hpp"

namespace ostsim::consensus {

CheckpointVotes::Verdict CheckpointVotes::add(const Vote& vote) {
    if (vote.validator >= votes_.size()) votes_.resize(vote.validator + 1);
    auto& mine = votes_[vote.validator];
    const std::uint64_t s = vote.round, t = vote.height;
    Verdict v;
    auto& same_target = mine[t];
    for (const Link& l : same_target) {
        if (l.source == vote.source && l.target == vote.block) {
            v.duplicate = true;
            return v;
        }
    }
    v.double_vote = !same_target.empty();
    // This vote surrounds an earlier one: s < s1 and t1 < t, so t1 lies in (s + 1, t).
    for (auto it = mine.upper_bound(s + 1); it != mine.end() && it->first < t && !v.surround; ++it) {
        for (const Link& l : it->second) v.surround = v.surround || l.source_epoch > s;
    }
    // An earlier one surrounds this: s1 < s and t < t1.
    for (auto it = mine.upper_bound(t); it != mine.end() && !v.surround; ++it) {
        for (const Link& l : it->second) v.surround = v.surround || l.source_epoch < s;
    }
    same_target.push_back({s, vote.source, vote.block});
    return v;
}

}  // namespace ostsim::consensus
