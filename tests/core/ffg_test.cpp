// Casper FFG over clique (consensus::Ffg wrapping consensus::Clique on core::Node): 5 nodes,
// each a clique signer and an FFG validator of stake 1 (more than 2/3 is 4 votes), period P,
// epochs of E blocks, every block and vote reaching every node after a fixed delay d.
//
// With every signer online, block h is sealed in turn at exactly h P. The checkpoint of epoch e
// (height e E) is voted for by each validator on receipt (its producer at once, the others d
// later), and every node holds 4 votes at e E P + 2d: it is justified, and finalises the
// checkpoint one epoch below (a direct child link). A block at height e E + j (1 <= j <= E)
// becomes final with the checkpoint at (e + 1) E, at (e + 2) E P + 2d: its finality delay is
// (2E - j) P + 2d, 2 epochs of blocks plus two message delays at most, E P + 2d for a
// checkpoint, ((3E - 1)/2) P + 2d on average. With fewer than 2/3 of the stake voting, nothing
// is justified beyond genesis and nothing is final, while the chain grows.
#include <gtest/gtest.h>

#include <set>

#include "core_run.hpp"
#include "consensus/clique.hpp"
#include "consensus/ffg.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using engine::kMillisecond;
using engine::kSecond;

namespace {

constexpr std::uint32_t kNodes = 5, kEpoch = 10;
constexpr engine::Time kPeriod = 3 * kSecond, kDelay = 50 * kMillisecond;

test::CoreRun::Make validators(std::set<NodeIndex> faulty, Behaviour::Kind kind,
                               std::vector<Ffg*>* rules = nullptr) {
    return [faulty, kind, rules](NodeIndex i) {
        FfgParams p;
        p.stakes.assign(kNodes, 1);
        p.epoch_length = kEpoch;
        if (faulty.count(i)) p.behaviour.kind = kind;
        CliqueParams c;
        c.signers = kNodes;
        auto rule = std::make_unique<Ffg>(p, std::make_unique<Clique>(c));
        if (rules) rules->push_back(rule.get());
        return rule;
    };
}

// Finality delay of every final block at node 0, checked against (2E - j) P + 2d; their mean.
double finality_delays(test::CoreRun& run) {
    const auto& finals = run.node(0).finals();
    double sum = 0;
    for (const auto& f : finals) {
        const BlockMeta& b = run.node(0).block(f.id).meta;
        const std::uint64_t j = (b.height - 1) % kEpoch + 1;
        EXPECT_EQ(f.time - b.timestamp,
                  static_cast<engine::Time>(2 * kEpoch - j) * kPeriod + 2 * kDelay)
            << "height " << b.height;
        sum += engine::to_seconds(f.time - b.timestamp);
    }
    return sum / static_cast<double>(finals.size());
}

}  // namespace

TEST(ffg, finality_two_epochs_of_blocks_plus_vote_delays_with_full_participation) {
    // 100 epochs and a half: the last checkpoint's votes are all in.
    test::CoreRun run(kNodes, kDelay, validators({}, Behaviour::Honest), 3015 * kSecond, 2);
    const auto& finals = run.node(0).finals();
    EXPECT_EQ(finals.size(), 99u * kEpoch);  // up to epoch 99, finalised by epoch 100's link
    const double mean = finality_delays(run);
    EXPECT_NEAR(mean, (3.0 * kEpoch - 1) / 2 * engine::to_seconds(kPeriod) + 2 * 0.05, 1e-9);
    for (std::uint32_t n = 1; n < kNodes; ++n) {
        EXPECT_EQ(run.node(n).finals().back().id, finals.back().id);
        EXPECT_EQ(run.node(n).counters().conflicting_final, 0u);
    }
    std::printf("ffg: %zu final blocks, mean finality delay %.3f s\n", finals.size(), mean);
}

TEST(ffg, one_validator_offline_keeps_finality_two_lose_it) {
    {  // 4 of 5 vote: still more than 2/3, and all 4 votes arrive as before
        test::CoreRun run(kNodes, kDelay, validators({2}, Behaviour::Offline), 1515 * kSecond, 2);
        EXPECT_EQ(run.node(0).finals().size(), 49u * kEpoch);
        finality_delays(run);
    }
    {  // 3 of 5: nothing justified, nothing final, and the chain grows all the same
        test::CoreRun run(kNodes, kDelay, validators({2, 4}, Behaviour::Offline), 1515 * kSecond, 2);
        for (std::uint32_t n = 0; n < kNodes; ++n) {
            EXPECT_TRUE(run.node(n).finals().empty());
            EXPECT_GE(run.node(n).tree().head().height, 504u);  // 505 may be in flight
        }
    }
}

TEST(ffg, an_equivocator_is_caught_for_double_and_surround_votes_and_finality_holds) {
    std::vector<Ffg*> rules;
    test::CoreRun run(kNodes, kDelay, validators({3}, Behaviour::Equivocating, &rules),
                      1515 * kSecond, 2);
    EXPECT_EQ(run.node(0).finals().size(), 49u * kEpoch);
    finality_delays(run);
    // Epochs 1..50 voted; a second vote from genesis at epochs 2..50 (double), which surrounds
    // the equivocator's own link (e-2 -> e-1) from epoch 3 on.
    for (std::uint32_t n = 0; n < kNodes; ++n) {
        if (n == 3) continue;
        EXPECT_EQ(rules[n]->double_votes(), 49u) << n;
        EXPECT_EQ(rules[n]->surround_votes(), 48u) << n;
    }
}

TEST(ffg, same_seed_same_run_at_any_thread_count) {
    auto run = [](int threads, std::uint64_t seed) {
        // A slow signer-validator: out-of-turn blocks with random wiggles, late votes.
        auto make = [](NodeIndex i) {
            FfgParams p;
            p.stakes = {1, 2, 1, 1, 1};
            p.epoch_length = 5;
            CliqueParams c;
            c.signers = kNodes;
            if (i == 1) {
                p.behaviour = {Behaviour::Slow, 500 * kMillisecond};
                c.behaviour = {Behaviour::Slow, 1 * kSecond};
            }
            return std::make_unique<Ffg>(p, std::make_unique<Clique>(c));
        };
        return test::CoreRun(kNodes, kDelay, make, 900 * kSecond, threads, seed).digest();
    };
    const std::uint64_t one = run(1, 3);
    EXPECT_EQ(run(2, 3), one);
    EXPECT_EQ(run(4, 3), one);
    EXPECT_NE(run(1, 4), one) << "the seed matters";
}
