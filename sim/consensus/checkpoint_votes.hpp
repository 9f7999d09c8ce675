// Every checkpoint vote (source -> target link) each validator has cast, as one node has seen
// them, checked against Casper FFG's two slashing conditions (Buterin and Griffith 2017,
// section 2.2): a validator must not cast two distinct votes
//   I.  for the same target epoch (a double vote), nor
//   II. one of which surrounds the other: h(s1) < h(s2) < h(t2) < h(t1) (a surround vote).
// Epochs are checkpoint heights / epoch length; Vote::round is the source's, Vote::height the
// target's.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "consensus/rule.hpp"

namespace ostsim::consensus {

class CheckpointVotes {
  public:
    struct Verdict {
        bool duplicate = false;    // the same link again: nothing new
        bool double_vote = false;  // condition I against an earlier vote
        bool surround = false;     // condition II against an earlier vote, either way round
    };

    Verdict add(const Vote& vote);

  private:
    struct Link {
        std::uint64_t source_epoch;
        chain::BlockId source, target;
    };
    // By validator, then by target epoch.
    std::vector<std::map<std::uint64_t, std::vector<Link>>> votes_;
};

}  // namespace ostsim::consensus
