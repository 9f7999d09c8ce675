// The floor for PHOLD: one sequential loop over a binary heap (std::priority_queue) of 16-byte
// events, with the same model and random streams as the engine but no partitions, windows,
// tie-breakers or digests. It commits the same number of events as the engine (an LP's events
// at equal times generate the same successors in either order).
#pragma once

#include <cstdint>

#include "engine/phold.hpp"

namespace ostsim::engine {

struct BaselineResult {
    std::uint64_t committed;
    double wall_seconds;  // the event loop only
};

BaselineResult run_phold_baseline(const PholdParams& params);

}  // namespace ostsim::engine
