// What a run did. Counters accumulate over every run_until() of one engine.
#pragma once

#include <cstdint>
#include <string>

namespace ostsim::engine {

struct Stats {
    std::uint64_t committed = 0;  // events handled
    std::uint64_t scheduled = 0;  // events created: seeded from outside plus sent by handlers
    std::uint64_t pending = 0;    // events not yet handled; committed = scheduled - pending
    std::uint64_t windows = 0;    // synchronisation rounds (every partition runs each)
    // Sum over windows of the busiest partition's events, and of the mean partition's events;
    // their ratio is the imbalance (1 = perfectly even; P = one partition did all the work).
    std::uint64_t busiest_sum = 0;
    double mean_sum = 0;
    double wall_seconds = 0;  // inside run_until(), setup excluded
    int threads = 1;
    int partitions = 1;

    double events_per_window() const {
        return windows ? static_cast<double>(committed) / static_cast<double>(windows) : 0.0;
    }
    double imbalance() const {
        return mean_sum > 0 ? static_cast<double>(busiest_sum) / mean_sum : 1.0;
    }
    double events_per_second() const {
        return wall_seconds > 0 ? static_cast<double>(committed) / wall_seconds : 0.0;
    }
};

// One line: "committed 13107200 events in 2.1 s (6.2 M ev/s), 2000 windows, ...".
std::string summary(const Stats& s);

}  // namespace ostsim::engine
