// Runs a model in slices of 1 % of its simulated time, so that an interrupt stops it between
// slices and a terminal shows progress. The engine's results do not depend on the slicing
// (docs/engine.md). `advance(t)` runs the model up to t and returns its events per second;
// `stop()` true after a slice ends the run there too (a trace that can no longer be written).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/interrupt.hpp"
#include "engine/time.hpp"

namespace ostsim::cli {

inline bool never() { return false; }

// Returns the simulated time reached: `end` unless interrupted or stopped.
template <typename Advance, typename Stop = bool (*)()>
engine::Time run_in_slices(engine::Time end, bool progress, Advance advance, Stop stop = never) {
    const engine::Time slice = std::max<engine::Time>(1, end / 100);
    engine::Time reached = 0;
    const auto t0 = std::chrono::steady_clock::now();
    while (reached < end && !interrupted() && !stop()) {
        reached = std::min(end, reached + slice);
        const double rate = advance(reached);
        if (progress) {
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            const double share = static_cast<double>(reached) / static_cast<double>(end);
            std::fprintf(stderr, "\r%.3f s simulated, %5.1f%%, %.2f M ev/s, ETA %.0f s   ",
                         engine::to_seconds(reached), 100 * share, rate / 1e6,
                         share > 0 ? wall * (1 - share) / share : 0.0);
        }
    }
    if (progress) std::fprintf(stderr, "\n");
    return reached;
}

}  // namespace ostsim::cli
