// Simulated time: a signed 64-bit count of nanoseconds. Integer time makes equal timestamps exact
// and ordering independent of floating-point rounding; int64 spans +-292 years.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace ostsim::engine {

using Time = std::int64_t;

inline constexpr Time kNanosecond = 1;
inline constexpr Time kMicrosecond = 1'000;
inline constexpr Time kMillisecond = 1'000'000;
inline constexpr Time kSecond = 1'000'000'000;

// "No event": later than any time a model can schedule.
inline constexpr Time kNever = std::numeric_limits<Time>::max();

// a + b for b >= 0, clamped at kNever instead of overflowing (window bounds near the horizon).
constexpr Time add_saturating(Time a, Time b) {
    return a > kNever - b ? kNever : a + b;
}

// Seconds (as a model parameter states them) to the nearest nanosecond.
inline Time from_seconds(double s) {
    return static_cast<Time>(std::llround(s * static_cast<double>(kSecond)));
}

inline double to_seconds(Time t) {
    return static_cast<double>(t) / static_cast<double>(kSecond);
}

}  // namespace ostsim::engine
