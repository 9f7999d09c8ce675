// Stake & mint and redeem & unstake end to end on a 3-core world (an origin and two auxiliary
// cores on clique): reporters anchor final roots both ways, each pair's facilitator proves and
// confirms with eth_getProof answers from the source ledger, and progresses with the secrets.
// Checked: every message of an honest run completes, each step in a final block of the right
// core with its gas; token balances in the contracts equal what the completed steps moved; the
// run is the same at 1 and 2 threads.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "actors/facilitator.hpp"
#include "actors/reporter.hpp"
#include "actors/transfer_summary.hpp"
#include "protocol/erc20.hpp"
#include "protocol/storage_layout.hpp"
#include "world/world.hpp"
#include "overlay_world.hpp"

using namespace ostsim;
using actors::Flow;
using actors::StepKind;

using namespace ostsim::actors_test;

TEST(transposition, stakes_and_redeems_complete_through_anchored_proofs_on_three_cores) {
    world::WorldSpec spec = three_cores(1);
    world::World w(spec);
    w.run_until(spec.duration);
    ASSERT_EQ(w.client_count(), 6u);

    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        const actors::Facilitator& f = facilitator(w, pair);
        const actors::Pair& p = f.pair();
        std::map<std::pair<Flow, actors::MessageRecord::Phase>, int> by;
        for (const auto& m : f.messages()) ++by[{m.flow, m.phase}];
        EXPECT_GE((by[{Flow::Stake, actors::MessageRecord::Done}]), 20) << "pair " << pair;
        EXPECT_GE((by[{Flow::Redeem, actors::MessageRecord::Done}]), 5) << "pair " << pair;
        EXPECT_EQ((by[{Flow::Stake, actors::MessageRecord::Failed}]), 0);
        EXPECT_EQ((by[{Flow::Redeem, actors::MessageRecord::Failed}]), 0);

        // Every step of a done message is in a final block of the core its flow puts it on.
        std::map<std::uint32_t, std::map<StepKind, const actors::StepRecord*>> steps;
        for (const auto& s : f.steps()) steps[s.message][s.step] = &s;
        for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
            const auto& m = f.messages()[i];
            if (m.phase != actors::MessageRecord::Done) continue;
            const bool stake = m.flow == Flow::Stake;
            const std::uint32_t source = stake ? p.origin : p.aux, target = stake ? p.aux : p.origin;
            for (auto [k, core] : {std::pair{StepKind::Declare, source}, {StepKind::Anchor, target},
                                   {StepKind::Confirm, target}, {StepKind::ProgressSource, source},
                                   {StepKind::ProgressTarget, target}}) {
                ASSERT_TRUE(steps[i].count(k)) << to_string(k);
                const actors::StepRecord& s = *steps[i][k];
                EXPECT_EQ(s.core, core) << to_string(k);
                EXPECT_GT(s.height, 0u) << to_string(k);
                EXPECT_EQ(s.reverted, protocol::Rejection::None);
                if (k != StepKind::Anchor) {
                    EXPECT_GT(s.gas_used, 21'000u) << to_string(k);
                }
            }
            // Causality: the confirmation comes after the anchoring it proves against, which
            // comes after the declaration; progress after the confirmation.
            EXPECT_LT(steps[i][StepKind::Declare]->included, steps[i][StepKind::Anchor]->included);
            EXPECT_LE(steps[i][StepKind::Anchor]->included, steps[i][StepKind::Confirm]->included);
            EXPECT_LT(steps[i][StepKind::Confirm]->included, steps[i][StepKind::ProgressTarget]->included);
        }

        // The contracts hold what the steps final at node 0 moved, at its last final block of
        // each core: OST in the stake vault = staked - unstaked; OST' supply = minted - redeemed.
        const core::Node& on_origin = w.node(p.origin, 0);
        const core::Node& on_aux = w.node(p.aux, 0);
        // The last blocks final there that the facilitator heard of before the end.
        const auto [origin_final, origin_final_h] = last_seen_final(on_origin, spec.overlay->latency, spec.duration);
        const auto [aux_final, aux_final_h] = last_seen_final(on_aux, spec.overlay->latency, spec.duration);
        chain::uint256 vault = 0, supply = 0;
        for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
            const auto& m = f.messages()[i];
            auto final_at = [&](StepKind k, std::uint64_t limit) {
                return steps[i].count(k) && steps[i][k]->height > 0 && steps[i][k]->height <= limit;
            };
            if (m.flow == Flow::Stake) {
                if (final_at(StepKind::ProgressSource, origin_final_h)) vault += m.amount;
                if (final_at(StepKind::ProgressTarget, aux_final_h)) supply += m.amount;
            } else {
                if (final_at(StepKind::ProgressTarget, origin_final_h)) vault -= m.amount;
                if (final_at(StepKind::ProgressSource, aux_final_h)) supply -= m.amount;
            }
        }
        EXPECT_GT(vault, 0);
        EXPECT_EQ(slot_value(w, p.origin, origin_final, p.ost,
                             protocol::mapping_slot(p.vault, protocol::Erc20::kBalancesSlot)),
                  vault);
        EXPECT_EQ(slot_value(w, p.aux, aux_final, p.ost_prime,
                             protocol::slot(protocol::Erc20::kTotalSupplySlot)),
                  supply);
    }

    // The facilitators' income, read from their balances, is exactly the bounties (100 wei) of
    // the source progress steps and the rewards of the target ones it saw final: every
    // confirmation uses more than the messages' gas limit, so each reward is 100,000 x 2 wei.
    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        const actors::Facilitator& f = facilitator(w, pair);
        std::map<std::pair<Flow, StepKind>, std::uint64_t> final_steps;
        for (const auto& s : f.steps()) {
            if (s.height > 0 && s.reverted == protocol::Rejection::None) ++final_steps[{f.messages()[s.message].flow, s.step}];
        }
        const actors::Income income = actors::summarize(f).income;
        const double bounty = 100, reward = 100'000 * 2;
        EXPECT_EQ(income.ost_earned, bounty * static_cast<double>(final_steps[{Flow::Stake, StepKind::ProgressSource}]) +
                                         reward * static_cast<double>(final_steps[{Flow::Redeem, StepKind::ProgressTarget}]));
        EXPECT_EQ(income.ost_prime_earned,
                  reward * static_cast<double>(final_steps[{Flow::Stake, StepKind::ProgressTarget}]) +
                      bounty * static_cast<double>(final_steps[{Flow::Redeem, StepKind::ProgressSource}]));
        EXPECT_GT(income.ost_earned, 0);
    }

    // Reporters anchored both ways, every anchoring final on its target.
    for (std::size_t r = 0; r < 4; ++r) {
        const auto& rep = dynamic_cast<const actors::Reporter&>(w.client(r));
        ASSERT_GT(rep.records().size(), 10u);
        std::size_t landed = 0;
        for (const auto& a : rep.records()) {
            landed += a.target_height > 0;
            if (a.target_height > 0) {
                EXPECT_EQ(a.reverted, protocol::Rejection::None);
            }
        }
        EXPECT_GT(landed, rep.records().size() * 9 / 10);
    }
}

TEST(transposition, is_the_same_at_one_and_two_threads) {
    std::vector<std::uint64_t> digests;
    std::vector<std::size_t> steps;
    for (int threads : {1, 2}) {
        world::WorldSpec spec = three_cores(threads);
        spec.duration = 4 * 60 * engine::kSecond;
        world::World w(spec);
        w.run_until(spec.duration);
        digests.push_back(w.digest());
        const actors::Facilitator& f = facilitator(w, 0);
        steps.push_back(f.steps().size());
        ASSERT_GT(f.steps().size(), 10u);
    }
    EXPECT_EQ(digests[0], digests[1]);
    EXPECT_EQ(steps[0], steps[1]);
}

// overlay.gas reaches the contracts on every core of the overlay: 1,000 more intrinsic gas per
// transaction makes each step without a proof use exactly 1,000 more, or 500 where the refund cap
// binds (the same first steps in both runs). A proof's bytes - so its calldata gas - differ, since the state paid other fees.
TEST(transposition, a_gas_schedule_override_reaches_every_core) {
    std::vector<std::vector<actors::StepRecord>> runs;
    for (std::uint64_t extra : {0, 1000}) {
        world::WorldSpec spec = three_cores(1);
        spec.duration = 90 * engine::kSecond;
        spec.overlay->gas.transaction += extra;
        world::World w(spec);
        w.run_until(spec.duration);
        runs.push_back(facilitator(w, 0).steps());
    }
    ASSERT_GT(runs[0].size(), 12u);
    std::set<std::uint32_t> cores;
    for (std::size_t i = 0; i < 12; ++i) {
        const actors::StepRecord& a = runs[0][i];
        const actors::StepRecord& b = runs[1][i];
        ASSERT_EQ(a.step, b.step);
        if (a.height == 0 || b.height == 0 || a.step == StepKind::Anchor || a.step == StepKind::Prove ||
            a.step == StepKind::Confirm) {
            continue;
        }
        // progressStake clears its record's three slots: 45,000 of refund, capped at half the
        // gas used (YP eq. 72), so half of the extra 1,000 comes back.
        const std::uint64_t extra = a.step == StepKind::ProgressSource ? 500 : 1000;
        EXPECT_EQ(b.gas_used, a.gas_used + extra) << to_string(a.step) << " on core " << a.core;
        cores.insert(a.core);
    }
    EXPECT_EQ(cores.size(), 2u);  // steps on the origin and on the auxiliary
}
