// Votes a Slow validator casts late: each is held under a timer tag of its own and broadcast
// when the timer fires. Its tags have bit 62 set, so a rule keeps the tags below it for itself.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "consensus/rule.hpp"

namespace ostsim::consensus {

class DelayedVotes {
  public:
    static constexpr std::uint64_t kTagBit = std::uint64_t{1} << 62;

    // Broadcasts `vote` after `delay`; at once when it is 0.
    void send(Host& host, const Vote& vote, engine::Time delay);
    // Broadcasts the vote `tag` holds; false when the tag is not one of these.
    bool on_timer(Host& host, std::uint64_t tag);

  private:
    std::unordered_map<std::uint64_t, Vote> held_;
    std::uint64_t next_ = 0;
};

}  // namespace ostsim::consensus
