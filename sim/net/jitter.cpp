#include "net/jitter.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace ostsim::net {

namespace {

constexpr double kCapMs = 86'400'000.0;  // one day

engine::Time from_ms(double ms) {
    return static_cast<engine::Time>(std::llround(std::min(ms, kCapMs) * 1e6));
}

}  // namespace

LatencyLaw::LatencyLaw(Jitter jitter, double mean_ms) : law_(jitter.law), mean_(mean_ms) {
    auto bad = [&](const std::string& why) {
        throw std::invalid_argument("latency jitter: " + why + " (mean " +
                                    std::to_string(mean_ms) + " ms)");
    };
    if (!(mean_ms >= 0) || !std::isfinite(mean_ms)) bad("the mean latency must be finite and >= 0");
    switch (law_) {
        case Jitter::Law::none:
            break;
        case Jitter::Law::pareto:
            if (!(mean_ms > 5)) bad("the Pareto law needs a mean above 5 ms (scale = mean - 5)");
            a_ = -1.0 / (0.2 * mean_ms);
            b_ = mean_ms - 5;
            break;
        case Jitter::Law::uniform:
            if (!(jitter.spread >= 0 && jitter.spread <= 1)) {
                bad("the uniform spread must be a fraction in [0, 1], got " +
                    std::to_string(jitter.spread));
            }
            a_ = mean_ms * (1 - jitter.spread);
            b_ = 2 * mean_ms * jitter.spread;
            break;
        case Jitter::Law::lognormal: {
            if (!(jitter.spread > 0) || !std::isfinite(jitter.spread)) {
                bad("the log-normal coefficient of variation must be > 0, got " +
                    std::to_string(jitter.spread));
            }
            if (!(mean_ms > 0)) bad("the log-normal law needs a mean above 0");
            const double var = std::log1p(jitter.spread * jitter.spread);
            a_ = std::log(mean_ms) - var / 2;
            b_ = std::sqrt(var);
            break;
        }
    }
}

engine::Time LatencyLaw::draw(engine::Stream& rng) const {
    switch (law_) {
        case Jitter::Law::none:
            return from_ms(mean_);
        case Jitter::Law::pareto:  // 1 - uniform() lies in (0, 1]: the power is finite
            return from_ms(std::round(b_ * std::pow(1.0 - rng.uniform(), a_)));
        case Jitter::Law::uniform:
            return from_ms(a_ + b_ * rng.uniform());
        case Jitter::Law::lognormal:
            return from_ms(std::exp(a_ + b_ * rng.normal()));
    }
    return 0;
}

engine::Time LatencyLaw::min() const {
    switch (law_) {
        case Jitter::Law::none:
            return from_ms(mean_);
        case Jitter::Law::pareto:  // U = 1
            return from_ms(std::round(b_));
        case Jitter::Law::uniform:
            return from_ms(a_);
        case Jitter::Law::lognormal:
            return 0;
    }
    return 0;
}

}  // namespace ostsim::net
