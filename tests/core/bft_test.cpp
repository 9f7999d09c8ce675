// Tendermint-style BFT (consensus::Bft on core::Node): n = 10 validators of power 1 (more than
// 2/3 is 7), Tendermint's default timeouts, every block and vote reaching every node after a
// fixed delay d. Nothing here is random: the expectations are exact.
//
//  - Full participation. A height starts on every node at once; its proposer produces at t0, the
//    others prevote on receipt (t0 + d), every node holds 7 prevotes at t0 + 2d and precommits,
//    and 7 precommits at t0 + 3d: committed 3d after the block was produced, and the next height
//    starts timeout_commit (tc) later. Commits are tc + 3d apart.
//  - Offline validators, under 1/3 of the power. With equal powers the proposer of height h,
//    round r is validator (h - 1 + r) mod n (weighted round robin; rounds do not carry over to
//    the next height). A round whose proposer is offline fails: propose timeout TP(r), nil
//    prevotes d later, nil precommits d after that, then the precommit timeout TPC(r); it lasts
//    D(r) = TP(r) + TPC(r) + 2d, with TP(r) = 3 s + 0.5 s r, TPC(r) = 1 s + 0.5 s r. A height whose
//    first k proposers are offline commits tc + D(0) + ... + D(k-1) + 3d after the previous one,
//    and each failed round is one stall.
//  - More than 1/3 offline: never 2/3 of any vote, so no prevote or precommit timeout even
//    starts (Algorithm 1, lines 34 and 47): the first round waits for good, no commit, one
//    stall per nominal round length TP(0) + TPV(0) + TPC(0) = 5 s.
//  - Equivocators under 1/3: every block and vote reaches every node, each node counts a
//    validator's first vote, and honest nodes commit the same blocks at the same pace; each
//    equivocator's conflicting prevote is seen as evidence at every height.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "core_run.hpp"
#include "consensus/bft.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using engine::kMillisecond;
using engine::kSecond;

namespace {

constexpr std::uint32_t kValidators = 10;
constexpr engine::Time kDelay = 50 * kMillisecond;
constexpr engine::Time kCommit = 1 * kSecond;  // Tendermint's timeout_commit

test::CoreRun::Make validators(std::set<NodeIndex> offline, Behaviour::Kind faulty = Behaviour::Offline,
                               std::vector<Bft*>* rules = nullptr) {
    return [offline, faulty, rules](NodeIndex i) {
        BftParams p;
        p.powers.assign(kValidators, 1);
        if (offline.count(i)) p.behaviour.kind = faulty;
        auto rule = std::make_unique<Bft>(p);
        if (rules) rules->push_back(rule.get());
        return rule;
    };
}

engine::Time failed_round(std::uint32_t r) {
    return 3 * kSecond + r * 500 * kMillisecond + 1 * kSecond + r * 500 * kMillisecond + 2 * kDelay;
}

// When height h should commit after height h - 1 did (h = 1: after time 0), and its failed rounds.
std::pair<engine::Time, std::uint32_t> expected_gap(std::uint64_t h, const std::set<NodeIndex>& offline) {
    engine::Time gap = h == 1 ? 0 : kCommit;
    std::uint32_t r = 0;
    while (offline.count(static_cast<NodeIndex>((h - 1 + r) % kValidators))) gap += failed_round(r++);
    return {gap + 3 * kDelay, r};
}

}  // namespace

TEST(bft, finality_under_full_and_partial_participation_is_the_derived_delay) {
    for (const std::set<NodeIndex>& offline :
         {std::set<NodeIndex>{}, std::set<NodeIndex>{3}, std::set<NodeIndex>{2, 5, 6}}) {
        // One node beyond the validators follows: it commits too.
        test::CoreRun run(kValidators + 1, kDelay, validators(offline), 1000 * kSecond, 2);
        const auto& finals = run.node(0).finals();
        ASSERT_GT(finals.size(), 100u);
        engine::Time prev = 0, total = 0, expected_total = 0;
        std::uint64_t failed = 0;
        for (std::size_t i = 0; i < finals.size(); ++i) {
            const auto [gap, rounds] = expected_gap(i + 1, offline);
            EXPECT_EQ(finals[i].time - prev, gap) << "height " << i + 1;
            const BlockMeta& b = run.node(0).block(finals[i].id).meta;
            EXPECT_EQ(finals[i].time - b.timestamp, 3 * kDelay);  // produced to committed
            EXPECT_EQ(b.seal, rounds);                            // the round that decided
            total += finals[i].time - prev;
            expected_total += gap;
            failed += rounds;
            prev = finals[i].time;
        }
        EXPECT_EQ(total, expected_total);
        for (std::uint32_t n = 0; n <= kValidators; ++n) {
            if (offline.count(n)) continue;
            EXPECT_EQ(run.node(n).finals().size(), finals.size()) << n;
            EXPECT_EQ(run.node(n).finals().back().id, finals.back().id) << n;
            EXPECT_EQ(run.node(n).counters().conflicting_final, 0u);
            EXPECT_EQ(run.node(n).counters().reorgs, 0u);
        }
        // Every failed round is a stall; the one in progress at the end may be too.
        EXPECT_GE(run.node(0).counters().stalls, failed);
        EXPECT_LE(run.node(0).counters().stalls, failed + 1);
        const double mean = static_cast<double>(total) / static_cast<double>(finals.size());
        std::printf("offline %zu: %zu commits, mean interval %.4f s\n", offline.size(),
                    finals.size(), engine::to_seconds(static_cast<engine::Time>(mean)));
    }
}

TEST(bft, more_than_a_third_offline_loses_liveness_and_records_stalls) {
    test::CoreRun run(kValidators, kDelay, validators({0, 1, 2, 3}), 600 * kSecond, 2);
    for (std::uint32_t n = 4; n < kValidators; ++n) {
        EXPECT_TRUE(run.node(n).finals().empty());
        EXPECT_EQ(run.node(n).counters().stalls, 120u);  // one per 5 s of the 600
    }
}

TEST(bft, equivocators_under_a_third_cannot_break_safety) {
    std::vector<Bft*> rules;
    const std::set<NodeIndex> equivocators{1, 4, 8};
    test::CoreRun run(kValidators, kDelay, validators(equivocators, Behaviour::Equivocating, &rules),
                      600 * kSecond, 2);
    const auto& finals = run.node(0).finals();
    ASSERT_GT(finals.size(), 100u);
    for (std::uint32_t n = 0; n < kValidators; ++n) {
        EXPECT_EQ(run.node(n).counters().conflicting_final, 0u);
        const auto& mine = run.node(n).finals();
        ASSERT_GE(mine.size(), finals.size() - 1) << n;
        for (std::size_t i = 0; i + 1 < finals.size(); ++i) EXPECT_EQ(mine[i].id, finals[i].id);
    }
    // Unchanged pace: commits tc + 3d apart, as with everyone honest.
    for (std::size_t i = 1; i < finals.size(); ++i) {
        EXPECT_EQ(finals[i].time - finals[i - 1].time, kCommit + 3 * kDelay);
    }
    // An equivocating proposer made two blocks; the first everyone saw is the one committed.
    for (const auto& f : finals) {
        const auto& producer = run.node(f.id.producer).produced();
        if (!equivocators.count(f.id.producer)) continue;
        const auto first = std::find_if(producer.begin(), producer.end(), [&](const auto& b) {
            return b.meta.height == run.node(0).block(f.id).meta.height;
        });
        EXPECT_EQ(first->meta.id, f.id);
    }
    // Evidence: each equivocator's conflicting prevote at every height (its conflicting
    // precommit too when it arrives before the node has committed).
    const std::uint64_t heights = finals.size();
    for (std::uint32_t n = 0; n < kValidators; ++n) {
        if (equivocators.count(n)) continue;
        EXPECT_GE(rules[n]->evidence(), 3 * heights) << n;
        EXPECT_LE(rules[n]->evidence(), 6 * (heights + 1)) << n;
    }
}

TEST(bft, same_seed_same_run_at_any_thread_count) {
    // Slow validators under a third: some rounds fail, some commit late.
    auto run = [](int threads) {
        auto make = [](NodeIndex i) {
            BftParams p;
            p.powers = {3, 1, 2, 1, 1, 2, 1};
            if (i == 1 || i == 4) p.behaviour = {Behaviour::Slow, 2900 * kMillisecond};
            return std::make_unique<Bft>(p);
        };
        return test::CoreRun(8, kDelay, make, 600 * kSecond, threads).digest();
    };
    const std::uint64_t one = run(1);
    EXPECT_EQ(run(2), one);
    EXPECT_EQ(run(4), one);
}
