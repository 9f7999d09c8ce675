// How an engine runs: threads, partitions and the lookahead between partitions.
#pragma once

#include <cstdint>

#include "engine/time.hpp"

namespace ostsim::engine {

struct Config {
    // Worker threads (a tbb::task_arena of this size); 1 runs without TBB.
    int threads = 1;
    // Partitions: groups of LPs that each run sequentially within a window. 0 means one per
    // thread. More partitions than threads balance load at the cost of more outboxes.
    int partitions = 0;
    // The least delay of any event between two partitions; > 0 whenever partitions > 1. The
    // engine checks every cross-partition event against it. Windows are at most half this
    // wide (two consecutive windows overlap, see docs/engine.md).
    Time lookahead = 0;
};

}  // namespace ostsim::engine
