// What the rules with authorities (clique signers, bft and ffg validators) share: how a node
// departs from its protocol, and the stake thresholds of Byzantine agreement.
#pragma once

#include <cstdint>

#include "engine/time.hpp"

namespace ostsim::consensus {

// One per node, in its rule's params. What each kind does is the rule's to say; in short:
//   Offline       never produces a block nor sends a vote (a crashed or disconnected node).
//   Slow          sends everything `delay` late: its blocks are sealed and its votes cast that
//                 much after the protocol says (an overloaded or badly connected node).
//   Equivocating  signs two conflicting messages where the protocol allows one: two blocks
//                 where it may produce one, two votes where it may cast one.
struct Behaviour {
    enum Kind : std::uint8_t { Honest, Offline, Slow, Equivocating } kind = Honest;
    engine::Time delay = 0;  // Slow only
};

// Byzantine quorums over voting power: more than 2/3 decides, more than 1/3 includes an honest
// validator when fewer than 1/3 are faulty (Buchman, Kwon and Milosevic 2018, section 2).
// Integer arithmetic, exact for totals below 2^62.
inline bool over_two_thirds(std::uint64_t part, std::uint64_t total) {
    return 3 * part > 2 * total;
}
inline bool over_one_third(std::uint64_t part, std::uint64_t total) { return 3 * part > total; }

}  // namespace ostsim::consensus
