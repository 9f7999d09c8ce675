#include "engine/stats.hpp"

#include <fmt/format.h>

namespace ostsim::engine {

std::string summary(const Stats& s) {
    return fmt::format(
        "committed {} events in {:.3f} s ({:.3f} M ev/s); scheduled {}, pending {}; {} windows "
        "({:.1f} events each), imbalance {:.3f}; {} threads, {} partitions",
        s.committed, s.wall_seconds, s.events_per_second() / 1e6, s.scheduled, s.pending, s.windows,
        s.events_per_window(), s.imbalance(), s.threads, s.partitions);
}

}  // namespace ostsim::engine
