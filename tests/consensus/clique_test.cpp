#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "consensus/clique.hpp"
#include "test_host.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using engine::kMillisecond;
using engine::kSecond;

namespace {

constexpr engine::Time kPeriod = 3 * kSecond;

CliqueParams signers(std::uint32_t n, Behaviour b = {}) {
    return {.signers = n, .period = kPeriod, .wiggle = 500 * kMillisecond, .confirmations = 0,
            .behaviour = b};
}

// A block by `signer` on `parent`, sealed at its header time, with the difficulty of its turn.
BlockMeta block(const test::TestHost& host, chain::BlockId parent, NodeIndex signer,
                std::uint32_t seq, std::uint32_t n) {
    const BlockMeta& p = host.meta(parent);
    const std::uint64_t h = p.height + 1;
    const std::uint64_t t = p.seal + kPeriod;
    return {{signer, seq}, parent, h, static_cast<engine::Time>(t), signer,
            h % n == signer ? 2u : 1u, t};
}

}  // namespace

TEST(clique_rule, in_turn_signer_seals_at_the_period_with_difficulty_two) {
    test::TestHost host(1);
    Clique rule(signers(3));
    host.attach(rule);
    rule.start(host);
    ASSERT_EQ(host.timers.size(), 1u);
    EXPECT_EQ(host.timers[0].at, kPeriod);  // height 1 is signer 1's turn: no wiggle
    ASSERT_TRUE(host.fire_next(rule));
    ASSERT_EQ(host.produced.size(), 1u);
    EXPECT_EQ(host.produced[0].weight, 2u);
    EXPECT_EQ(host.produced[0].seal, static_cast<std::uint64_t>(kPeriod));
}

TEST(clique_rule, out_of_turn_wiggle_is_uniform_below_half_the_signers_plus_one_times_500ms) {
    test::TestHost host(0, 5);
    Clique rule(signers(5));  // height 1 is signer 1's turn; span (5/2 + 1) x 500 ms = 1.5 s
    EXPECT_EQ(rule.wiggle_span(), 1500 * kMillisecond);
    constexpr int kDraws = 20000;
    double sum = 0;
    engine::Time lo = engine::kNever, hi = 0;
    for (int i = 0; i < kDraws; ++i) {
        host.timers.clear();
        rule.start(host);
        const engine::Time w = host.timers[0].at - kPeriod;
        lo = std::min(lo, w);
        hi = std::max(hi, w);
        sum += static_cast<double>(w);
    }
    const double span = 1.5 * kSecond;
    EXPECT_GE(lo, 0);
    EXPECT_LT(hi, 1500 * kMillisecond);
    // Mean of U(0, span): span/2, standard deviation span/sqrt(12); 4 standard errors.
    EXPECT_NEAR(sum / kDraws, span / 2, 4 * span / std::sqrt(12.0 * kDraws));
    ASSERT_TRUE(host.fire_next(rule));
    EXPECT_EQ(host.produced.back().weight, 1u);
    EXPECT_EQ(host.produced.back().seal, static_cast<std::uint64_t>(kPeriod));  // not wiggled
}

TEST(clique_rule, a_signer_waits_while_it_signed_one_of_the_last_half_n_blocks) {
    // N = 5: out of any 3 consecutive blocks a signer signs one, so signer 2 may not sign on a
    // parent it signed nor on one whose parent it signed, and may again one block later.
    test::TestHost host(2);
    Clique rule(signers(5));
    const BlockMeta b1 = block(host, chain::kGenesis, 2, 1, 5);  // out of turn
    host.deliver(rule, b1);
    EXPECT_TRUE(rule.recently_signed(host, b1.id, 2));
    const BlockMeta b2 = block(host, b1.id, 3, 1, 5);
    host.deliver(rule, b2);
    EXPECT_TRUE(rule.recently_signed(host, b2.id, 2));
    const BlockMeta b3 = block(host, b2.id, 4, 1, 5);
    host.deliver(rule, b3);
    EXPECT_FALSE(rule.recently_signed(host, b3.id, 2));

    host.attach(rule);
    host.timers.clear();
    rule.start(host);  // on b3: free to sign
    EXPECT_EQ(host.timers.size(), 1u);
    // On b2 it would not be: a fresh rule at a head it signed below sets no timer.
    test::TestHost other(2);
    Clique fresh(signers(5));
    other.deliver(fresh, b1);
    other.deliver(fresh, b2);
    other.attach(fresh);
    fresh.start(other);
    EXPECT_TRUE(other.timers.empty());
}

TEST(clique_rule, valid_rejects_outsiders_recent_signers_wrong_difficulty_and_early_times) {
    test::TestHost host(0);
    Clique rule(signers(3));
    const BlockMeta b1 = block(host, chain::kGenesis, 1, 1, 3);
    EXPECT_TRUE(rule.valid(host, b1));
    BlockMeta outsider = block(host, chain::kGenesis, 3, 1, 3);
    EXPECT_FALSE(rule.valid(host, outsider));
    BlockMeta wrong = b1;
    wrong.weight = 1;  // in turn, but claims difficulty 1
    EXPECT_FALSE(rule.valid(host, wrong));
    BlockMeta early = b1;
    early.seal = kPeriod - 1;
    EXPECT_FALSE(rule.valid(host, early));
    host.deliver(rule, b1);
    const BlockMeta again = block(host, b1.id, 1, 2, 3);  // signer 1 on its own block, N = 3
    EXPECT_FALSE(rule.valid(host, again));
    EXPECT_TRUE(rule.valid(host, block(host, b1.id, 2, 1, 3)));
}

TEST(clique_rule, a_new_head_voids_the_pending_seal_and_restarts_on_it) {
    test::TestHost host(0);
    Clique rule(signers(3));
    host.attach(rule);
    rule.start(host);
    ASSERT_EQ(host.timers.size(), 1u);
    host.set_now(kPeriod + 10 * kMillisecond);  // signer 1's block arrives late
    host.deliver(rule, block(host, chain::kGenesis, 1, 1, 3));
    ASSERT_EQ(host.timers.size(), 2u);
    // Height 2 is signer 2's turn; header time = parent's + period, sealing after a wiggle.
    EXPECT_GE(host.timers[1].at, 2 * kPeriod);
    host.timers.erase(host.timers.begin() + 1);
    ASSERT_TRUE(host.fire_next(rule));  // the voided attempt
    EXPECT_TRUE(host.produced.empty());
}

TEST(clique_rule, header_time_is_the_start_time_when_the_parent_came_after_its_slot) {
    test::TestHost host(2);
    Clique rule(signers(3));
    host.attach(rule);
    host.set_now(10 * kSecond);  // the parent (header time 3 s) reaches us at 10 s
    host.deliver(rule, block(host, chain::kGenesis, 1, 1, 3));
    ASSERT_EQ(host.timers.size(), 1u);
    EXPECT_EQ(host.timers[0].at, 10 * kSecond);  // in turn: at once
    ASSERT_TRUE(host.fire_next(rule));
    EXPECT_EQ(host.produced[0].seal, static_cast<std::uint64_t>(10 * kSecond));
}

TEST(clique_rule, behaviours_offline_never_slow_later_equivocating_twice) {
    {
        test::TestHost host(1);
        Clique rule(signers(3, {Behaviour::Offline}));
        rule.start(host);
        EXPECT_TRUE(host.timers.empty());
    }
    {
        test::TestHost host(1);
        Clique rule(signers(3, {Behaviour::Slow, 2 * kSecond}));
        rule.start(host);
        ASSERT_EQ(host.timers.size(), 1u);
        EXPECT_EQ(host.timers[0].at, kPeriod + 2 * kSecond);
    }
    {
        test::TestHost host(1);
        Clique rule(signers(3, {Behaviour::Equivocating}));
        host.attach(rule);
        rule.start(host);
        ASSERT_TRUE(host.fire_next(rule));
        ASSERT_EQ(host.produced.size(), 2u);
        EXPECT_EQ(host.produced[0].parent, host.produced[1].parent);
        EXPECT_FALSE(host.produced[0].id == host.produced[1].id);
        EXPECT_TRUE(host.timers.empty());  // it signed the head: it waits
    }
}

TEST(clique_rule, a_block_k_deep_is_final_when_confirmations_are_set) {
    test::TestHost host(0);
    CliqueParams p = signers(1);
    p.confirmations = 2;
    Clique rule(p);
    host.attach(rule);
    rule.start(host);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(host.fire_next(rule));  // a lone signer, every block
    ASSERT_EQ(host.produced.size(), 3u);
    EXPECT_EQ(host.produced[2].seal, static_cast<std::uint64_t>(3 * kPeriod));
    ASSERT_FALSE(host.finals.empty());
    EXPECT_EQ(host.finals.back(), host.produced[0].id);
}
