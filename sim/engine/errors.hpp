// Scheduling errors. The engine reports an event that would break causality instead of
// reordering it: the message names both LPs, their partitions and the times involved.
// After an error is thrown from run_until() the engine's state is unspecified; discard it.
#pragma once

#include <stdexcept>
#include <string>

#include "engine/event.hpp"
#include "engine/time.hpp"

namespace ostsim::engine {

class SchedulingError : public std::logic_error {
  public:
    enum class Kind {
        past,       // an event for a time before the sender's clock (or the engine's horizon)
        lookahead,  // a cross-partition event with a delay under the lookahead
    };

    // Where the event was scheduled from: an LP's handler, or outside the run (src = kOutside).
    struct Ends {
        LpId src;
        std::uint32_t src_partition;
        Time now;  // the sender's clock (or the engine horizon for kOutside)
        LpId dst;
        std::uint32_t dst_partition;
        Time time;  // the event's requested time
    };
    static constexpr LpId kOutside = ~LpId{0};

    SchedulingError(Kind kind, const Ends& ends, Time lookahead);

    Kind kind() const { return kind_; }
    const Ends& ends() const { return ends_; }

  private:
    Kind kind_;
    Ends ends_;
};

// std::length_error for exhausted limits (LP count, one LP's sequence numbers) and
// std::out_of_range for an unknown destination LP; out of line so the hot path carries a call.
[[noreturn]] void throw_capacity(const char* what);
[[noreturn]] void throw_unknown_lp(LpId src, LpId dst, std::size_t lp_count);

}  // namespace ostsim::engine
