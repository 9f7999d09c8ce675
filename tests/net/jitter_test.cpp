// Latency laws: each draw's distribution against its analytic mean (and spread), within
// statistical tolerances of 5 standard errors; domain errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "net/jitter.hpp"
#include "simblock_vectors.hpp"

namespace ostsim::net {
namespace {

struct Moments {
    double mean = 0, sd = 0, min = 0, max = 0;
};

Moments sample(const LatencyLaw& law, std::uint64_t seed, int n, std::vector<double>* keep = nullptr) {
    engine::Stream rng(seed, 0);
    double sum = 0, sum2 = 0, lo = 1e300, hi = -1e300;
    for (int i = 0; i < n; ++i) {
        const double ms = static_cast<double>(law.draw(rng)) / 1e6;
        sum += ms;
        sum2 += ms * ms;
        lo = std::min(lo, ms);
        hi = std::max(hi, ms);
        if (keep) keep->push_back(ms);
    }
    const double mean = sum / n;
    return {mean, std::sqrt(sum2 / n - mean * mean), lo, hi};
}

// SimBlock's Pareto, shape a = 0.2 m, scale s = m - 5, rounded to whole ms: the analytic mean
// a s / (a - 1) is m, and the rounded law's exact mean sum_j j P(round X = j) is within 0.1 ms of
// it; the sample mean matches the latter. Means above 20 ms keep the fourth moment finite
// (a > 4), so the standard error is reliable.
TEST(net_jitter, ParetoMeanMatchesAnalyticOnSimBlockMatrix) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const Eigen::MatrixXd m = test::matrix(v["latency_ms"]["2015"]);
    const int n = 100'000;
    int tested = 0;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            const double mean = m(i, j);
            if (mean <= 20) continue;
            const double a = 0.2 * mean, s = mean - 5;
            EXPECT_NEAR(a * s / (a - 1), mean, 1e-9);
            auto cdf = [&](double x) { return x <= s ? 0.0 : 1 - std::pow(s / x, a); };
            double rounded_mean = 0;
            // Beyond 100 s the tail adds about a/(a-1) x (s/x)^a < 1e-5 ms (a > 4).
            for (double k = std::round(s); k < 100 * s; ++k) {
                rounded_mean += k * (cdf(k + 0.5) - cdf(k - 0.5));
            }
            EXPECT_NEAR(rounded_mean, mean, 0.1);
            const double sd = s * std::sqrt(a / ((a - 1) * (a - 1) * (a - 2)));

            std::vector<double> draws;
            Moments got = sample(LatencyLaw(Jitter::pareto(), mean), 100 + tested, n, &draws);
            EXPECT_NEAR(got.mean, rounded_mean, 5 * sd / std::sqrt(n)) << "m = " << mean;
            EXPECT_EQ(got.min, std::round(s)) << "m = " << mean;
            // One quantile: P(round X <= m) = F(m + 0.5).
            const double below = static_cast<double>(std::count_if(
                                     draws.begin(), draws.end(), [&](double x) { return x <= mean; })) / n;
            const double p = cdf(mean + 0.5);
            EXPECT_NEAR(below, p, 5 * std::sqrt(p * (1 - p) / n)) << "m = " << mean;
            ++tested;
        }
    }
    EXPECT_EQ(tested, 34);  // all but the 12 ms and 9 ms diagonal entries of 2015
}

TEST(net_jitter, UniformStaysWithinSpreadWithMeanM) {
    const double m = 120, x = 0.2;
    const int n = 200'000;
    Moments got = sample(LatencyLaw(Jitter::uniform(x), m), 1, n);
    EXPECT_NEAR(got.mean, m, 5 * m * x / std::sqrt(3.0 * n));
    EXPECT_GE(got.min, m * (1 - x));
    EXPECT_LE(got.max, m * (1 + x));
    EXPECT_NEAR(got.sd, m * x / std::sqrt(3.0), 0.01 * m * x);
}

TEST(net_jitter, LognormalHasMeanAndCoefficientOfVariation) {
    const double m = 80, cv = 0.5;
    const int n = 200'000;
    Moments got = sample(LatencyLaw(Jitter::lognormal(cv), m), 2, n);
    EXPECT_NEAR(got.mean, m, 5 * m * cv / std::sqrt(n));
    EXPECT_NEAR(got.sd / got.mean, cv, 0.02);
    EXPECT_GT(got.min, 0);
}

TEST(net_jitter, FixedIsExactAndDrawsAreReproducible) {
    engine::Stream rng(1, 1);
    EXPECT_EQ(LatencyLaw(Jitter::fixed(), 36.5).draw(rng), 36'500'000);
    EXPECT_EQ(rng.blocks_drawn(), 0u);  // no randomness used
    LatencyLaw law(Jitter::pareto(), 100);
    engine::Stream a(9, 3), b(9, 3), c(9, 4);
    std::vector<engine::Time> da, db, dc;
    for (int i = 0; i < 100; ++i) {
        da.push_back(law.draw(a));
        db.push_back(law.draw(b));
        dc.push_back(law.draw(c));
    }
    EXPECT_EQ(da, db);
    EXPECT_NE(da, dc);
}

TEST(net_jitter, OutOfDomainIsAnError) {
    auto message = [](Jitter j, double m) {
        try {
            LatencyLaw law(j, m);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message(Jitter::pareto(), 5),
              "latency jitter: the Pareto law needs a mean above 5 ms (scale = mean - 5) (mean "
              "5.000000 ms)");
    EXPECT_EQ(message(Jitter::uniform(1.5), 50),
              "latency jitter: the uniform spread must be a fraction in [0, 1], got 1.500000 (mean "
              "50.000000 ms)");
    EXPECT_EQ(message(Jitter::lognormal(0), 50),
              "latency jitter: the log-normal coefficient of variation must be > 0, got 0.000000 "
              "(mean 50.000000 ms)");
    EXPECT_EQ(message(Jitter::fixed(), -1),
              "latency jitter: the mean latency must be finite and >= 0 (mean -1.000000 ms)");
}

}  // namespace
}  // namespace ostsim::net
