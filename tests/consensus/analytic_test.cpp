// The closed forms against the published figures, and against each other.
#include <gtest/gtest.h>

#include <cmath>

#include "consensus/analytic.hpp"
#include "engine/rng.hpp"

using namespace ostsim::consensus::analytic;

TEST(analytic, nakamoto_reproduces_the_bitcoin_paper_tables) {
    // Bitcoin paper, section 11, printed to 7 decimals.
    const double q01[] = {1.0000000, 0.2045873, 0.0509779, 0.0131722, 0.0034552, 0.0009137,
                          0.0002428, 0.0000647, 0.0000173, 0.0000046, 0.0000012};
    for (std::uint32_t z = 0; z <= 10; ++z) {
        EXPECT_NEAR(nakamoto_success(0.1, z), q01[z], 5e-8) << "q = 0.1, z = " << z;
    }
    const double q03[] = {1.0000000, 0.1773523, 0.0416605, 0.0101008, 0.0024804, 0.0006132,
                          0.0001522, 0.0000379, 0.0000095, 0.0000024, 0.0000006};
    for (std::uint32_t i = 0; i <= 10; ++i) {
        EXPECT_NEAR(nakamoto_success(0.3, 5 * i), q03[i], 5e-8) << "q = 0.3, z = " << 5 * i;
    }
    // "Solving for P less than 0.1%": the least such z per q.
    const std::pair<double, std::uint32_t> least[] = {{0.10, 5},  {0.15, 8},  {0.20, 11},
                                                      {0.25, 15}, {0.30, 24}, {0.35, 41},
                                                      {0.40, 89}, {0.45, 340}};
    for (auto [q, z] : least) {
        EXPECT_LT(nakamoto_success(q, z), 0.001) << q;
        EXPECT_GE(nakamoto_success(q, z - 1), 0.001) << q;
    }
}

TEST(analytic, rosenfeld_is_the_premined_race_without_giving_up) {
    for (double q : {0.05, 0.1, 0.25, 0.3, 0.4, 0.45}) {
        for (std::uint32_t z = 1; z <= 12; ++z) {
            EXPECT_NEAR(rosenfeld_success(q, z), race_success(q, z, true, 0), 1e-12)
                << q << " " << z;
        }
    }
    // One confirmation, one block premined: the attacker wins if its next block comes before
    // the payment block (q), or, level after it (p), if it ever gains one (q/p): 2q.
    EXPECT_NEAR(rosenfeld_success(0.1, 1), 0.2, 1e-15);
    EXPECT_EQ(rosenfeld_success(0.5, 6), 1.0);
    // Both catch up from z - k behind with (q/p)^(z-k); they differ only in the attacker's
    // progress k: Nakamoto's Poisson has the negative binomial's mean z q/p but not its variance
    // z q/p^2, so it understates the attacker's lucky runs (0.000914 against 0.00178 here).
    EXPECT_GT(rosenfeld_success(0.1, 5), 1.9 * nakamoto_success(0.1, 5));
}

TEST(analytic, giving_up_and_not_premining_cost_the_attacker) {
    const double q = 0.3;
    for (std::uint32_t z = 1; z <= 6; ++z) {
        const double never = race_success(q, z, true, 0);
        EXPECT_LT(race_success(q, z, true, z + 2), race_success(q, z, true, z + 6));
        EXPECT_LT(race_success(q, z, true, z + 6), never);
        EXPECT_NEAR(race_success(q, z, true, 60), never, 1e-12);  // (q/p)^60
        EXPECT_LT(race_success(q, z, false, 0), never);
    }
    // Without premining, z = 1, by the attacker's blocks before the honest one: none (p), one
    // behind, it must gain two; one (pq), level, it must gain one; more (q^2), ahead at once.
    const double p = 1 - q;
    EXPECT_NEAR(race_success(q, 1, false, 0), p * (q / p) * (q / p) + p * q * (q / p) + q * q,
                1e-15);
    // Both barriers (gambler's ruin), z = 1, premined, giving up one behind: the attacker's
    // second block before the honest one (q) wins at once; otherwise level (p), it must gain one
    // before losing one, which it does with probability q / (p + q) = q.
    EXPECT_NEAR(race_success(q, 1, true, 1), q + p * q, 1e-15);
}

TEST(analytic, selfish_revenue_crosses_alpha_at_the_threshold) {
    for (double g : {0.0, 0.25, 0.5, 0.75}) {
        const double t = selfish_threshold(g);
        EXPECT_NEAR(selfish_revenue(t, g), t, 1e-12) << g;
        EXPECT_LT(selfish_revenue(t - 0.05, g), t - 0.05);
        EXPECT_GT(selfish_revenue(t + 0.05, g), t + 0.05);
    }
    EXPECT_NEAR(selfish_threshold(0), 1.0 / 3, 1e-15);  // Eyal and Sirer, section 4
    EXPECT_NEAR(selfish_threshold(0.5), 0.25, 1e-15);
    EXPECT_NEAR(selfish_revenue(0.5, 0), 1.0, 1e-12);
}

TEST(analytic, selfish_cycle_gives_the_closed_form) {
    for (double a : {0.1, 0.2, 0.3, 0.4, 0.45}) {
        for (double g : {0.0, 0.5, 1.0}) {
            EXPECT_NEAR(selfish_cycle(a, g).revenue, selfish_revenue(a, g), 1e-12) << a << g;
        }
    }
}

// Eyal and Sirer's state machine block by block (an independent implementation, without the
// engine), run many times: the spread of its revenue is the one selfish_revenue_sd derives.
TEST(analytic, selfish_revenue_sd_matches_the_spread_of_the_state_machine) {
    constexpr int kRuns = 400;
    constexpr double kBlocks = 2000;
    for (auto [a, g] : {std::pair{0.3, 0.5}, std::pair{0.4, 0.0}}) {
        ostsim::engine::Stream rng(5, 0);
        double sum = 0, sum2 = 0;
        for (int run = 0; run < kRuns; ++run) {
            double pool = 0, honest = 0;
            int lead = 0, branch = 0;
            bool race = false;
            while (pool + honest < kBlocks) {
                if (rng.uniform() < a) {
                    ++branch;
                    if (race) {
                        pool += 2;
                        race = false;
                        branch = 0;
                    } else {
                        ++lead;
                    }
                } else if (race) {
                    (rng.uniform() < g ? pool : honest) += 1;
                    honest += 1;
                    race = false;
                    branch = 0;
                } else if (lead == 0) {
                    honest += 1;
                } else if (lead == 1) {
                    race = true;
                    lead = 0;
                } else if (lead == 2) {
                    pool += branch;
                    lead = branch = 0;
                } else {
                    --lead;
                }
            }
            const double r = pool / (pool + honest);
            sum += r;
            sum2 += r * r;
        }
        const double mean = sum / kRuns;
        const double sd = std::sqrt((sum2 - kRuns * mean * mean) / (kRuns - 1));
        const double want = selfish_revenue_sd(a, g, kBlocks);
        // A sample sd of n runs has relative standard error about 1/sqrt(2(n-1)) (3.5 %);
        // four of them, with room for the revenue's heavier-than-normal tails.
        EXPECT_NEAR(sd / want, 1.0, 0.15) << a << " " << g;
        EXPECT_NEAR(mean, selfish_revenue(a, g), 4 * want / std::sqrt(kRuns));
    }
}
