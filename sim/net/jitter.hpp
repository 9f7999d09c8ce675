// How one message's latency varies around its link's mean m (in milliseconds). Every law has
// mean m, so the latency matrix means what it says whichever law a scenario picks:
//  - none:      m exactly;
//  - pareto:    SimBlock's (Network.getLatency): shape a = 0.2 m, scale s = m - 5,
//               value = round(s / U^(1/a)) whole milliseconds, U uniform in (0, 1]; mean
//               a s / (a - 1) = m. Needs m > 5 ms; the variance is infinite for m <= 10 ms
//               (a <= 2), e.g. SimBlock's 9 ms within Japan (2015);
//  - uniform:   m (1 + x (2U - 1)), i.e. uniform on m +- x, 0 <= x <= 1 a fraction of m;
//  - lognormal: log-normal with coefficient of variation c > 0: sigma^2 = ln(1 + c^2),
//               mu = ln m - sigma^2 / 2.
// Draws are capped at one day so that times cannot overflow; for SimBlock's matrices the cap is
// reached with probability below 1e-13 per draw.
#pragma once

#include <cstdint>

#include "engine/rng.hpp"
#include "engine/time.hpp"

namespace ostsim::net {

struct Jitter {
    enum class Law : std::uint8_t { none, pareto, uniform, lognormal };
    Law law = Law::none;
    double spread = 0;  // uniform: the fraction x; lognormal: the coefficient of variation c

    static Jitter fixed() { return {}; }
    static Jitter pareto() { return {Law::pareto, 0}; }
    static Jitter uniform(double fraction) { return {Law::uniform, fraction}; }
    static Jitter lognormal(double cv) { return {Law::lognormal, cv}; }
};

// A jitter law bound to one mean: the per-link sampler, precomputed so a draw is a few flops.
class LatencyLaw {
  public:
    LatencyLaw() = default;
    // Throws std::invalid_argument when the mean or the spread is outside the law's domain.
    LatencyLaw(Jitter jitter, double mean_ms);

    engine::Time draw(engine::Stream& rng) const;
    double mean_ms() const { return mean_; }
    // The least value a draw can take: the bound an engine lookahead can rest on. 0 for the
    // log-normal law, whose draws come arbitrarily close to 0.
    engine::Time min() const;

  private:
    Jitter::Law law_ = Jitter::Law::none;
    double mean_ = 0;
    double a_ = 0, b_ = 0;  // pareto: -1/shape, scale; uniform: low, width; lognormal: mu, sigma
};

}  // namespace ostsim::net
