// Selfish mining (consensus::SelfishMiner) against honest miners (consensus::Pow) on core
// nodes, checked against Eyal and Sirer's closed form for the pool's relative revenue.
//
// Node 0 is the pool, of share alpha; nodes 1..10 share the rest equally, and the first
// 10 gamma of them prefer the pool's tip in a tie (PowParams' `prefer`), so gamma is set
// directly. The delay is d = 1e-6 T: the closed form assumes that blocks propagate at once and
// that the pool answers an honest block at once; with d/T = 1e-6 the chance that another block
// is found while one is in flight, a natural fork the model does not have, is about 2e-6 per
// block, so a run of 10^5 blocks has less than one. With d = 0 the race would be decided by
// event order at equal times rather than by gamma, and the engine could not run in parallel
// (its lookahead is d).
//
// gamma from the network: on this core every block reaches every node after the same d, so the
// honest block, sent at t, reaches the honest nodes at t + d and the pool's answer at t + 2d;
// first-seen honest miners all stay on the honest block: gamma = 0 (the runs with an empty
// preference are that case). On a network with per-link latency (sim/net), gamma is the share
// of honest power whose nodes hear the pool's block first.
//
// Honest miners declare nothing final (confirmations beyond the run): the pool's overrides
// reorganise deeper than any fixed depth, and a node stops following finality after a
// conflicting declaration, walking its whole chain on every later one.
//
// Tolerance: four standard deviations of the revenue over the run's main-chain blocks,
// analytic::selfish_revenue_sd (a renewal-reward delta method over attack cycles, checked
// against a direct simulation of the state machine in tests/consensus/analytic_test.cpp).
// CI runs 30 000 T per point; OSTSIM_FULL=1 runs 300 000 T (docs/validation.md).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "consensus/analytic.hpp"
#include "consensus/pow.hpp"
#include "consensus/selfish.hpp"
#include "core/node.hpp"
#include "core_run.hpp"

using namespace ostsim;
namespace analytic = consensus::analytic;

namespace {

using consensus::test::kBitcoinInterval;
constexpr std::uint32_t kHonestMiners = 10;
using consensus::test::kNoFinality;

double blocks_per_run() {
    return std::getenv("OSTSIM_FULL") ? 300'000 : 30'000;
}

struct Revenue {
    std::uint64_t main_blocks;
    std::uint64_t pool_blocks;
    std::uint64_t digest;
    double share() const { return static_cast<double>(pool_blocks) / main_blocks; }
};

Revenue run_selfish(double alpha, double gamma, double blocks, int threads, std::uint64_t seed) {
    const auto preferring = static_cast<std::uint32_t>(std::lround(gamma * kHonestMiners));
    auto make = [&](consensus::NodeIndex m) -> std::unique_ptr<consensus::Rule> {
        if (m == 0) {
            return std::make_unique<consensus::SelfishMiner>(
                consensus::PowParams{kBitcoinInterval, alpha, kNoFinality});
        }
        std::vector<consensus::NodeIndex> prefer;
        if (m <= preferring) prefer.push_back(0);
        return std::make_unique<consensus::Pow>(
            consensus::PowParams{kBitcoinInterval, (1 - alpha) / kHonestMiners, kNoFinality},
            std::move(prefer));
    };
    consensus::test::CoreRun eng(
        kHonestMiners + 1, kBitcoinInterval / 1'000'000, make,
        static_cast<engine::Time>(blocks * static_cast<double>(kBitcoinInterval)), threads, seed);
    // The main chain as the last honest node sees it (it prefers nobody).
    const chain::BlockTree& tree = eng.node(kHonestMiners).tree();
    Revenue r{tree.head().height, 0, eng.digest()};
    for (chain::BlockId b = tree.head().id; !(b == chain::kGenesis); b = tree.block(b).parent) {
        r.pool_blocks += b.producer == 0;
    }
    return r;
}

double tolerance(double alpha, double gamma, const Revenue& r) {
    return 4 * analytic::selfish_revenue_sd(alpha, gamma, static_cast<double>(r.main_blocks));
}

}  // namespace

TEST(selfish_mining, relative_revenue_follows_eyal_and_sirer) {
    std::uint64_t seed = 0;  // one per point: independent errors
    for (double alpha : {0.2, 0.3, 0.4}) {
        for (double gamma : {0.0, 0.5, 1.0}) {
            const Revenue r = run_selfish(alpha, gamma, blocks_per_run(), 1, ++seed);
            const double want = analytic::selfish_revenue(alpha, gamma);
            std::printf(
                "alpha %.2f gamma %.1f: %6llu main-chain blocks, revenue %.4f, closed form "
                "%.4f, sd %.4f\n",
                alpha, gamma, static_cast<unsigned long long>(r.main_blocks), r.share(), want,
                tolerance(alpha, gamma, r) / 4);
            EXPECT_NEAR(r.share(), want, tolerance(alpha, gamma, r))
                << "alpha " << alpha << " gamma " << gamma << " over " << r.main_blocks;
        }
    }
}

// Just below the threshold (1 - gamma)/(3 - 2 gamma) the pool earns less than its share, just
// above more, each by more than four standard deviations.
TEST(selfish_mining, pays_only_above_the_threshold) {
    struct Point {
        double alpha, gamma;
        bool pays;
    };
    std::uint64_t seed = 100;
    for (Point p : {Point{0.29, 0.0, false}, Point{0.38, 0.0, true}, Point{0.20, 0.5, false},
                    Point{0.30, 0.5, true}}) {
        ASSERT_EQ(p.alpha > analytic::selfish_threshold(p.gamma), p.pays);
        const Revenue r = run_selfish(p.alpha, p.gamma, blocks_per_run(), 1, ++seed);
        const double margin = (r.share() - p.alpha) / (tolerance(p.alpha, p.gamma, r) / 4);
        std::printf("alpha %.2f gamma %.1f: revenue %.4f, closed form %.4f, %+.1f sd from alpha\n",
                    p.alpha, p.gamma, r.share(), analytic::selfish_revenue(p.alpha, p.gamma),
                    margin);
        if (p.pays) {
            EXPECT_GT(margin, 4) << "alpha " << p.alpha << " gamma " << p.gamma;
        } else {
            EXPECT_LT(margin, -4) << "alpha " << p.alpha << " gamma " << p.gamma;
        }
    }
}

TEST(selfish_mining, same_seed_same_run_at_any_thread_count) {
    const Revenue one = run_selfish(0.3, 0.5, 2000, 1, 5);
    EXPECT_EQ(one.digest, run_selfish(0.3, 0.5, 2000, 2, 5).digest);
    EXPECT_EQ(one.digest, run_selfish(0.3, 0.5, 2000, 4, 5).digest);
    EXPECT_NE(one.digest, run_selfish(0.3, 0.5, 2000, 1, 6).digest);
}
