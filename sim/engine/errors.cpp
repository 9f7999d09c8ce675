#include "engine/errors.hpp"

#include <fmt/format.h>

namespace ostsim::engine {
namespace {

std::string describe(SchedulingError::Kind kind, const SchedulingError::Ends& e, Time lookahead) {
    std::string from =
        e.src == SchedulingError::kOutside
            ? fmt::format("outside the run (horizon t={} ns)", e.now)
            : fmt::format("LP {} (partition {}) at t={} ns", e.src, e.src_partition, e.now);
    std::string to =
        fmt::format("LP {} (partition {}) for t={} ns", e.dst, e.dst_partition, e.time);
    switch (kind) {
        case SchedulingError::Kind::past:
            return fmt::format(
                "event scheduled in the past: {} scheduled an event to {}, "
                "{} ns before its clock",
                from, to, e.now - e.time);
        case SchedulingError::Kind::lookahead:
            return fmt::format(
                "lookahead violation: {} sent an event to {}: delay {} ns is "
                "less than the lookahead {} ns between partitions",
                from, to, e.time - e.now, lookahead);
    }
    return from + " -> " + to;
}

}  // namespace

SchedulingError::SchedulingError(Kind kind, const Ends& ends, Time lookahead)
    : std::logic_error(describe(kind, ends, lookahead)), kind_(kind), ends_(ends) {}

void throw_capacity(const char* what) {
    throw std::length_error(fmt::format("ostsim engine capacity exceeded: {}", what));
}

void throw_unknown_lp(LpId src, LpId dst, std::size_t lp_count) {
    throw std::out_of_range(
        fmt::format("LP {} sent an event to LP {}, but only {} LPs exist", src, dst, lp_count));
}

}  // namespace ostsim::engine
