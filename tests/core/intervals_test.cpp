// Proof-of-work block intervals on core nodes: the blocks produced by all miners, stale ones
// included, form a Poisson process of rate 1/T whatever the delay, since each miner's clock is
// memoryless and restarting it on a new head does not change its rate. The intervals are then
// independent Exp(T): checked by the Kolmogorov-Smirnov statistic against that law (T known,
// not fitted, so the classical critical value applies: 1.628/sqrt(n) at alpha = 0.01, the
// asymptotic Kolmogorov quantile; Massey 1951). The delay, d = 0.1 T, is one where the chain
// forks often (docs/validation.md, fork law).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "consensus/pow.hpp"
#include "core/participant.hpp"
#include "core_run.hpp"
#include "engine/engine.hpp"

using namespace ostsim;

namespace {

using consensus::test::kBitcoinInterval;

// Intervals between consecutive blocks produced by any of `miners` equal miners, in units of T.
std::vector<double> block_intervals(std::uint32_t miners, double blocks, std::uint64_t seed) {
    const engine::Time delay = kBitcoinInterval / 10;
    core::CoreParams params;
    params.name = "pow";
    params.delay = delay;
    core::Core chain(params, {}, 0, miners);
    engine::Engine<core::Participant> eng({.threads = 2, .lookahead = delay});
    for (std::uint32_t m = 0; m < miners; ++m) {
        eng.add_lp(core::Node(chain, m,
                              std::make_unique<consensus::Pow>(
                                  consensus::PowParams{kBitcoinInterval, 1.0 / miners, 6}),
                              seed));
    }
    for (std::uint32_t m = 0; m < miners; ++m) eng.schedule(m, 0);
    eng.run_until(static_cast<engine::Time>(blocks * static_cast<double>(kBitcoinInterval)));
    std::vector<engine::Time> times;
    for (std::uint32_t m = 0; m < miners; ++m) {
        for (const core::Block& b : eng.lp(m).node().produced()) times.push_back(b.meta.timestamp);
    }
    std::sort(times.begin(), times.end());
    std::vector<double> gaps;
    engine::Time last = 0;
    for (engine::Time t : times) {
        gaps.push_back(static_cast<double>(t - last) / static_cast<double>(kBitcoinInterval));
        last = t;
    }
    return gaps;
}

// sup |F_n - F| for F the exponential law of the given mean.
double ks_exponential(std::vector<double> x, double mean) {
    std::sort(x.begin(), x.end());
    const double n = static_cast<double>(x.size());
    double d = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double f = 1 - std::exp(-x[i] / mean);
        d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    return d;
}

}  // namespace

TEST(pow_intervals, are_exponential_with_the_configured_mean) {
    const std::vector<double> gaps = block_intervals(20, 20000, 4);
    const double n = static_cast<double>(gaps.size());
    const double critical = 1.628 / std::sqrt(n);
    const double d = ks_exponential(gaps, 1.0);
    double mean = 0;
    for (double g : gaps) mean += g / n;
    std::printf("%zu intervals, mean %.4f T, KS D = %.5f, critical (alpha 0.01) %.5f\n",
                gaps.size(), mean, d, critical);
    EXPECT_LT(d, critical);
    EXPECT_NEAR(mean, 1.0, 4 / std::sqrt(n));  // an exponential's sd is its mean
    // The test has power: a mean 10 % off is rejected.
    EXPECT_GT(ks_exponential(gaps, 1.1), critical);
    EXPECT_GT(ks_exponential(gaps, 0.9), critical);
}
