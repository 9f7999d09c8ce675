#include <gtest/gtest.h>

#include <cmath>

#include "consensus/pow.hpp"
#include "test_host.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using engine::kSecond;

TEST(pow_rule, keeps_its_attempt_when_the_head_changes_and_mines_on_the_new_head) {
    test::TestHost host(0);
    Pow rule({600 * kSecond, 0.5, 2});
    host.attach(rule);
    rule.start(host);
    ASSERT_EQ(host.timers.size(), 1u);

    // A block from elsewhere moves the head: no new attempt (the time left is memoryless)...
    host.deliver(rule, BlockMeta{{7, 1}, chain::kGenesis, 1, 0, 7, 1, 0});
    ASSERT_EQ(host.timers.size(), 1u);
    // ...and the pending one, when it fires, extends the new head and starts the next.
    ASSERT_TRUE(host.fire_next(rule));
    ASSERT_EQ(host.produced.size(), 1u);
    EXPECT_EQ(host.produced[0].parent, (chain::BlockId{7, 1}));
    EXPECT_EQ(host.timers.size(), 1u);
}

TEST(pow_rule, produced_block_extends_the_head_and_finality_is_k_deep) {
    test::TestHost host(0);
    Pow rule({600 * kSecond, 1.0, 2});
    host.attach(rule);
    rule.start(host);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(host.fire_next(rule));  // each block arms the next
    ASSERT_EQ(host.produced.size(), 3u);
    EXPECT_EQ(host.produced[2].parent, host.produced[1].id);
    // Height 3 makes height 1 two blocks deep: final.
    ASSERT_FALSE(host.finals.empty());
    EXPECT_EQ(host.finals.back(), host.produced[0].id);
}

TEST(pow_rule, waiting_time_is_exponential_with_mean_interval_over_share) {
    test::TestHost host(0, 9);
    Pow rule({600 * kSecond, 0.25, 6});
    host.attach(rule);
    double sum = 0;
    constexpr int kDraws = 20000;
    for (int i = 0; i < kDraws; ++i) {
        host.timers.clear();
        rule.start(host);
        sum += static_cast<double>(host.timers[0].at);
    }
    const double mean = 600.0 * kSecond / 0.25;
    // Standard error of an exponential mean: mean / sqrt(n); 4 of them.
    EXPECT_NEAR(sum / kDraws, mean, 4 * mean / std::sqrt(kDraws));
}

TEST(pow_rule, a_zero_share_never_mines) {
    test::TestHost host(0);
    Pow rule({600 * kSecond, 0.0, 6});
    rule.start(host);
    EXPECT_TRUE(host.timers.empty());
}

namespace {
BlockMeta block_of(NodeIndex producer, std::uint32_t seq, chain::BlockId parent,
                   std::uint64_t height) {
    return BlockMeta{{producer, seq}, parent, height, 0, producer, 1, 0};
}
// Fires timers until the rule produces (void attempts are skipped); the block it produced.
BlockMeta mine(test::TestHost& host, Rule& rule) {
    const std::size_t before = host.produced.size();
    while (host.produced.size() == before && host.fire_next(rule)) {
    }
    return host.produced.back();
}
}  // namespace

TEST(pow_rule, ties_go_to_the_tip_seen_first) {
    test::TestHost host(0);
    Pow rule({600 * kSecond, 0.5, 6});
    host.attach(rule);
    rule.start(host);
    host.deliver(rule, block_of(7, 1, chain::kGenesis, 1));
    const std::size_t attempts = host.timers.size();
    host.deliver(rule, block_of(5, 1, chain::kGenesis, 1));  // as heavy, seen second
    EXPECT_EQ(host.timers.size(), attempts) << "a tie does not restart mining";
    EXPECT_EQ(mine(host, rule).parent, (chain::BlockId{7, 1}));
}

TEST(pow_rule, a_preferred_producer_wins_ties_but_not_weight) {
    test::TestHost host(0);
    Pow rule({600 * kSecond, 0.5, 6}, {5});
    host.attach(rule);
    rule.start(host);
    host.deliver(rule, block_of(7, 1, chain::kGenesis, 1));
    host.deliver(rule, block_of(5, 1, chain::kGenesis, 1));  // preferred: mine on it
    host.deliver(rule, block_of(6, 1, chain::kGenesis, 1));  // another tie: stay
    EXPECT_EQ(host.tree().head().id, (chain::BlockId{7, 1})) << "fork choice stays first-seen";
    const BlockMeta mined = mine(host, rule);
    EXPECT_EQ(mined.parent, (chain::BlockId{5, 1}));
    // A heavier chain wins whoever made it.
    host.deliver(rule, block_of(7, 2, chain::BlockId{7, 1}, 2));
    host.deliver(rule, block_of(7, 3, chain::BlockId{7, 2}, 3));
    EXPECT_EQ(mine(host, rule).parent, (chain::BlockId{7, 3}));
}
