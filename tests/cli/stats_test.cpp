// Student-t quantiles against printed tables, and the intervals built from them.
#include <gtest/gtest.h>

#include <cmath>

#include "cli/stats.hpp"

using ostsim::cli::mean_ci95;
using ostsim::cli::t_quantile;

TEST(stats, t_quantiles_match_the_tables) {
    // t(0.975, df), as printed (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2), 3 decimals.
    const std::pair<double, double> two_sided_95[] = {
        {1, 12.706}, {2, 4.303}, {3, 3.182}, {4, 2.776}, {5, 2.571}, {9, 2.262},
        {10, 2.228}, {19, 2.093}, {29, 2.045}, {30, 2.042}, {60, 2.000}, {120, 1.980}};
    for (const auto& [df, t] : two_sided_95) EXPECT_NEAR(t_quantile(0.975, df), t, 5e-4) << df;
    EXPECT_NEAR(t_quantile(0.95, 10), 1.812, 5e-4);
    EXPECT_NEAR(t_quantile(0.995, 5), 4.032, 5e-4);
    EXPECT_NEAR(t_quantile(0.975, 1e7), 1.960, 5e-4);  // the normal limit
    EXPECT_NEAR(t_quantile(0.025, 4), -2.776, 5e-4);
}

TEST(stats, mean_and_interval) {
    const auto i = mean_ci95({1, 2, 3, 4, 5});
    EXPECT_EQ(i.n, 5u);
    EXPECT_DOUBLE_EQ(i.mean, 3);
    // s = sqrt(2.5), t(0.975, 4) = 2.7764451
    EXPECT_NEAR(i.half_width, 2.7764451 * std::sqrt(2.5) / std::sqrt(5.0), 1e-6);
    EXPECT_DOUBLE_EQ(mean_ci95({7, 7, 7}).half_width, 0);
    EXPECT_TRUE(std::isnan(mean_ci95({4}).half_width));
    EXPECT_EQ(mean_ci95({}).n, 0u);
}
