#include "consensus/delayed_votes.hpp"

namespace ostsim::consensus {

void DelayedVotes::send(Host& host, const Vote& vote, engine::Time delay) {
    if (delay <= 0) {
        host.broadcast(vote);
        return;
    }
    const std::uint64_t tag = kTagBit | next_++;
    held_.emplace(tag, vote);
    host.set_timer(delay, tag);
}

bool DelayedVotes::on_timer(Host& host, std::uint64_t tag) {
    if (!(tag & kTagBit)) return false;
    auto it = held_.find(tag);
    if (it != held_.end()) {
        host.broadcast(it->second);
        held_.erase(it);
    }
    return true;
}

}  // namespace ostsim::consensus
