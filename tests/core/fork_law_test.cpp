// Proof of work (consensus::Pow on core::Node) on a network with a fixed delay d and mean
// block interval T.
//
// The fork law: after a block is found, the other miners keep mining on its parent until it
// reaches them d later; another block in that time forks the chain, and one of the two ends
// stale. Forks per height, that is stale blocks per main-chain block, are therefore
// 1 - e^(-(1-s) d/T) for miners of share s (a miner does not race itself), 1 - e^(-d/T) for
// many small miners (Decker and Wattenhofer 2013). The law is first order in d/T: beyond about
// 0.1, several blocks in one window and forks of forks make more stale blocks than it says
// (docs/validation.md has the scan), so it is checked where it holds.
#include <gtest/gtest.h>

#include <cmath>

#include "consensus/pow.hpp"
#include "core/node.hpp"
#include "core_run.hpp"

using namespace ostsim;
using engine::kSecond;

namespace {

using consensus::test::kBitcoinInterval;

struct ForkOutcome {
    std::size_t blocks;  // in node 0's tree
    std::size_t stale;
    std::uint64_t produced;
    std::uint64_t digest;
    double stale_per_main() const {
        return static_cast<double>(stale) / static_cast<double>(blocks - stale);
    }
};

ForkOutcome run_pow(std::uint32_t miners, double d_over_t, std::uint64_t blocks, int threads,
                    std::uint64_t seed) {
    const auto delay = static_cast<engine::Time>(d_over_t * static_cast<double>(kBitcoinInterval));
    auto make = [&](consensus::NodeIndex) {
        return std::make_unique<consensus::Pow>(
            consensus::PowParams{kBitcoinInterval, 1.0 / miners, 6});
    };
    consensus::test::CoreRun run(
        miners, delay, make, kBitcoinInterval * static_cast<engine::Time>(blocks), threads, seed);
    const auto& tree = run.node(0).tree();
    ForkOutcome o{tree.size(), tree.stale(), 0, run.digest()};
    for (std::uint32_t m = 0; m < miners; ++m) o.produced += run.node(m).counters().produced;
    return o;
}

}  // namespace

TEST(pow, stale_blocks_per_main_block_follow_the_fork_law) {
    constexpr std::uint32_t kMiners = 50;
    for (double ratio : {0.05, 0.1}) {
        ForkOutcome o = run_pow(kMiners, ratio, 20000, 2, 7);
        const double law = 1 - std::exp(-(1 - 1.0 / kMiners) * ratio);
        // Stale blocks are a count: four Poisson standard deviations of it.
        const double tolerance =
            4 * std::sqrt(static_cast<double>(o.stale)) / static_cast<double>(o.blocks - o.stale);
        EXPECT_NEAR(o.stale_per_main(), law, tolerance) << "d/T = " << ratio;
        // Every block produced reached miner 0, but those found in the last delay.
        EXPECT_LE(o.produced - o.blocks, 5u);
    }
}

TEST(pow, block_interval_is_the_configured_mean) {
    ForkOutcome o = run_pow(20, 0.001, 20000, 1, 3);
    // Blocks (stale ones too) arrive as a Poisson process of rate 1/T: count within 4 sigma.
    EXPECT_NEAR(static_cast<double>(o.produced), 20000.0, 4 * std::sqrt(20000.0));
}

TEST(pow, same_seed_same_run_at_any_thread_count) {
    ForkOutcome one = run_pow(16, 0.1, 2000, 1, 11);
    ForkOutcome two = run_pow(16, 0.1, 2000, 2, 11);
    ForkOutcome four = run_pow(16, 0.1, 2000, 4, 11);
    EXPECT_EQ(one.digest, two.digest);
    EXPECT_EQ(one.digest, four.digest);
    EXPECT_EQ(one.stale, two.stale);
    EXPECT_NE(run_pow(16, 0.1, 2000, 1, 12).digest, one.digest) << "the seed matters";
}
