#include "workload/arrivals.hpp"

#include <cmath>
#include <numbers>

namespace ostsim::workload {

namespace {

double mean_rate(const ArrivalSpec& s) { return s.per_hour / 3600.0; }  // per second

double burst_share(const ArrivalSpec& s) {
    return static_cast<double>(s.burst_mean) / static_cast<double>(s.burst_mean + s.quiet_mean);
}

// The quiet phase's rate, per second, that makes the long-run mean per_hour.
double quiet_rate(const ArrivalSpec& s) {
    const double b = burst_share(s);
    return mean_rate(s) / (1 - b + s.burst_factor * b);
}

engine::Time after(engine::Time now, double seconds) {
    return engine::add_saturating(now, engine::from_seconds(seconds));
}

}  // namespace

double rate_at(const ArrivalSpec& s, engine::Time t) {
    if (s.kind != ArrivalSpec::Diurnal) return mean_rate(s);
    const double day_phase = static_cast<double>((t - s.peak) % kDay) / static_cast<double>(kDay);
    return mean_rate(s) * (1 + s.amplitude * std::cos(2 * std::numbers::pi * day_phase));
}

Phase initial_phase(const ArrivalSpec& s, engine::Stream& rng) {
    Phase p;
    p.burst = rng.uniform() < burst_share(s);
    p.end = engine::from_seconds(rng.exponential(engine::to_seconds(p.burst ? s.burst_mean : s.quiet_mean)));
    return p;
}

engine::Time next_arrival(const ArrivalSpec& s, engine::Time now, Phase& phase, engine::Stream& rng) {
    if (s.per_hour <= 0) return engine::kNever;
    switch (s.kind) {
        case ArrivalSpec::Poisson: return after(now, rng.exponential(1 / mean_rate(s)));
        case ArrivalSpec::Bursty: {
            const double quiet = quiet_rate(s);
            for (;;) {
                const double rate = phase.burst ? quiet * s.burst_factor : quiet;
                const engine::Time t = after(now, rng.exponential(1 / rate));
                if (t < phase.end) return t;
                now = phase.end;
                phase.burst = !phase.burst;
                phase.end = after(now, rng.exponential(engine::to_seconds(phase.burst ? s.burst_mean : s.quiet_mean)));
            }
        }
        case ArrivalSpec::Diurnal: {
            const double peak = mean_rate(s) * (1 + s.amplitude);
            for (;;) {
                now = after(now, rng.exponential(1 / peak));
                if (rng.uniform() * peak < rate_at(s, now)) return now;
            }
        }
    }
    return engine::kNever;
}

}  // namespace ostsim::workload
