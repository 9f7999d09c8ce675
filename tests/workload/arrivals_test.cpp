// Spend arrivals (sim/workload/arrivals.*) against their analytic laws, on one long path per
// kind from a fixed stream. Tolerances are 4 sigma of each statistic's sampling error (stated at
// each check), at sizes that take well under a second; OSTSIM_FULL=1 runs ten times longer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include "workload/arrivals.hpp"

using namespace ostsim;
using workload::ArrivalSpec;

namespace {

double scale() { return std::getenv("OSTSIM_FULL") ? 10 : 1; }

// Arrival times in seconds of one user's process over [0, horizon), from its stationary start.
std::vector<double> arrivals(const ArrivalSpec& s, double horizon_s, std::uint64_t seed) {
    engine::Stream rng(seed, 1);
    workload::Phase phase = workload::initial_phase(s, rng);
    std::vector<double> out;
    engine::Time t = 0;
    const engine::Time end = engine::from_seconds(horizon_s);
    for (;;) {
        t = workload::next_arrival(s, t, phase, rng);
        if (t >= end) return out;
        out.push_back(engine::to_seconds(t));
    }
}

// Counts of arrivals in consecutive windows of `width` seconds covering [0, horizon).
std::vector<double> window_counts(const std::vector<double>& times, double width, double horizon_s) {
    std::vector<double> counts(static_cast<std::size_t>(horizon_s / width), 0);
    for (double t : times) {
        const auto i = static_cast<std::size_t>(t / width);
        if (i < counts.size()) ++counts[i];
    }
    return counts;
}

double mean(const std::vector<double>& x) {
    double s = 0;
    for (double v : x) s += v;
    return s / static_cast<double>(x.size());
}

double variance(const std::vector<double>& x) {
    const double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / static_cast<double>(x.size() - 1);
}

// The index of dispersion of counts, Var N(t) / E N(t), of a two-state MMPP in its stationary
// regime: state i left at rate r_i, arrivals at rate l_i (Fischer and Meier-Hellstern, "The
// Markov-modulated Poisson process (MMPP) cookbook", Performance Evaluation 18 (1993)):
//   I(t) = 1 + 2 (l1-l2)^2 r1 r2 / ((r1+r2)^2 (l1 r2 + l2 r1))
//            - 2 (l1-l2)^2 r1 r2 (1 - exp(-(r1+r2) t)) / ((r1+r2)^3 (l1 r2 + l2 r1) t).
// Derivation, as for any doubly stochastic Poisson process: Var N(t) = E L(t) + Var L(t) with
// L(t) the integrated rate, and the rate's autocovariance p1 p2 (l1-l2)^2 exp(-(r1+r2) u).
double mmpp_dispersion(double l1, double l2, double r1, double r2, double t) {
    const double g = r1 + r2, d2 = (l1 - l2) * (l1 - l2), m = l1 * r2 + l2 * r1;
    return 1 + 2 * d2 * r1 * r2 / (g * g * m) - 2 * d2 * r1 * r2 * (1 - std::exp(-g * t)) / (g * g * g * m * t);
}

}  // namespace

TEST(arrivals, poisson_gaps_are_exponential_with_the_mean_rate) {
    ArrivalSpec s;
    s.kind = ArrivalSpec::Poisson;
    s.per_hour = 3600;  // one a second
    const double horizon = 200'000 * scale();
    const std::vector<double> t = arrivals(s, horizon, 7);
    std::vector<double> gaps;
    double last = 0;
    for (double x : t) {
        gaps.push_back(x - last);
        last = x;
    }
    const auto n = static_cast<double>(gaps.size());
    // Mean gap 1 s: its standard error is 1 / sqrt(n).
    EXPECT_NEAR(mean(gaps), 1.0, 4 / std::sqrt(n));
    // Squared coefficient of variation 1: the sample variance of unit exponentials has variance
    // (mu4 - sigma^4) / n = (9 - 1) / n.
    EXPECT_NEAR(variance(gaps) / (mean(gaps) * mean(gaps)), 1.0, 4 * std::sqrt(8 / n));
    // Kolmogorov-Smirnov against 1 - exp(-x): sqrt(n) D < 1.95 at the 0.1% level.
    std::sort(gaps.begin(), gaps.end());
    double d = 0;
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        const double f = 1 - std::exp(-gaps[i]);
        d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    EXPECT_LT(std::sqrt(n) * d, 1.95);
    // Counts in 10 s windows are Poisson: index of dispersion 1, whose estimate over k windows
    // has standard error sqrt(2 / (k - 1)).
    const std::vector<double> c = window_counts(t, 10, horizon);
    EXPECT_NEAR(variance(c) / mean(c), 1.0, 4 * std::sqrt(2.0 / static_cast<double>(c.size() - 1)));
}

TEST(arrivals, bursty_keeps_the_mean_rate_and_disperses_counts_as_a_two_state_mmpp) {
    ArrivalSpec s;  // the defaults: bursts of 5 min at 20 x the quiet rate, 55 min apart
    s.kind = ArrivalSpec::Bursty;
    s.per_hour = 60;
    const double horizon = 1.2e8 * scale();  // about 1,400 days: 2 million arrivals
    const std::vector<double> t = arrivals(s, horizon, 9);
    const double rate = s.per_hour / 3600;
    const double burst = 1 / engine::to_seconds(s.burst_mean), quiet = 1 / engine::to_seconds(s.quiet_mean);
    const double quiet_rate = rate / ((quiet * s.burst_factor + burst) / (burst + quiet));  // l2
    const double burst_rate = quiet_rate * s.burst_factor;                                   // l1
    // The MMPP's own long-run rate is per_hour (a check of the test's l1, l2).
    ASSERT_NEAR((burst_rate * quiet + quiet_rate * burst) / (burst + quiet), rate, 1e-12);

    // The mean rate: Var N(T) = I(T) E N(T), so the count's standard error is sqrt(I(T) n).
    const auto n = static_cast<double>(t.size());
    const double i_long = mmpp_dispersion(burst_rate, quiet_rate, burst, quiet, horizon);
    EXPECT_NEAR(n / horizon, rate, 4 * std::sqrt(i_long * n) / horizon);

    // The index of dispersion over 10-minute windows: about 23.5, against 1 for Poisson. Its
    // sampling error, from 20 batches of windows (each batch hundreds of correlation times
    // long, so the batches are nearly independent).
    const double width = 600;
    const double expected = mmpp_dispersion(burst_rate, quiet_rate, burst, quiet, width);
    const std::vector<double> c = window_counts(t, width, horizon);
    const std::size_t batches = 20, per = c.size() / batches;
    std::vector<double> idc;
    for (std::size_t b = 0; b < batches; ++b) {
        const std::vector<double> part(c.begin() + static_cast<std::ptrdiff_t>(b * per),
                                       c.begin() + static_cast<std::ptrdiff_t>((b + 1) * per));
        idc.push_back(variance(part) / mean(part));
    }
    const double se = std::sqrt(variance(idc) / static_cast<double>(batches));
    EXPECT_GT(expected, 20.0);
    EXPECT_LT(se, 0.05 * expected);  // the check below can tell a wrong law apart
    EXPECT_NEAR(mean(idc), expected, 4 * se) << "batch standard error " << se;
}

TEST(arrivals, diurnal_keeps_the_daily_mean_and_peaks_against_troughs_as_the_cosine_says) {
    ArrivalSpec s;
    s.kind = ArrivalSpec::Diurnal;
    s.per_hour = 3600;
    s.amplitude = 0.8;
    s.peak = 18 * workload::kHour;
    const double day = engine::to_seconds(workload::kDay);
    const double days = 20 * scale();
    const std::vector<double> t = arrivals(s, days * day, 5);
    const auto n = static_cast<double>(t.size());
    // Whole days: the cosine integrates to 0, the count is Poisson with mean per_hour x hours.
    const double expected = s.per_hour * 24 * days;
    EXPECT_NEAR(n, expected, 4 * std::sqrt(expected));

    // The hours centred on the peak (18:00) and the trough (06:00). Integrating
    // 1 + a cos(2 pi u / day) over |u| < 30 min gives 1 +- a sinc(pi / 24): the ratio is
    // (1 + a k) / (1 - a k), k = sin(pi/24) / (pi/24) = 0.99715, i.e. 8.887 (the instantaneous
    // (1 + a) / (1 - a) is 9).
    double peak = 0, trough = 0;
    const double peak_s = engine::to_seconds(s.peak), trough_s = peak_s - day / 2;
    for (double x : t) {
        const double tod = std::fmod(x, day);
        if (std::abs(tod - peak_s) < 1800) ++peak;
        if (std::abs(tod - trough_s) < 1800) ++trough;
    }
    const double k = std::sin(std::numbers::pi / 24) / (std::numbers::pi / 24);
    const double ratio = (1 + s.amplitude * k) / (1 - s.amplitude * k);
    // Both counts Poisson and independent: the ratio's relative error is sqrt(1/P + 1/T).
    EXPECT_NEAR(peak / trough, ratio, 4 * ratio * std::sqrt(1 / peak + 1 / trough));
    EXPECT_NEAR(peak, s.per_hour * days * (1 + s.amplitude * k), 4 * std::sqrt(peak));
    // The curve the driver reports agrees.
    EXPECT_NEAR(workload::rate_at(s, s.peak), 1.8, 1e-12);
    EXPECT_NEAR(workload::rate_at(s, s.peak + workload::kDay / 2), 0.2, 1e-12);
}
