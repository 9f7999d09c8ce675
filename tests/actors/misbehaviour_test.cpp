// Facilitators that misbehave, in a world run (overlay_world.hpp's `misbehaving`): pair 0's goes
// offline after 4 minutes and its users revoke what it leaves (revert, confirm revert, progress revert, each proven against an
// anchored root); pair 1's withholds the secret on the target side, so every message completes
// there by progress{Mint,Unstake}WithProof. Checked against the chain: the burners hold exactly
// the penalties and bounties of the revocations, and the facilitator's balances add up with its
// gas.
#include <gtest/gtest.h>

#include <map>

#include "actors/reporter.hpp"
#include "actors/transfer_summary.hpp"
#include "overlay_world.hpp"
#include "protocol/erc20.hpp"
#include "protocol/storage_layout.hpp"

using namespace ostsim;
using namespace ostsim::actors_test;
using actors::Flow;
using actors::MessageRecord;
using actors::StepKind;

TEST(misbehaviour, users_revoke_what_an_offline_facilitator_leaves) {
    const world::WorldSpec spec = misbehaving(1);
    world::World w(spec);
    w.run_until(spec.duration);
    const actors::Facilitator& f = facilitator(w, 0);
    const actors::Pair& p = f.pair();
    Steps steps = steps_by_message(f);
    const auto [origin_final, origin_h] = last_seen_final(w.node(p.origin, 0), spec.overlay->latency, spec.duration);
    const auto [aux_final, aux_h] = last_seen_final(w.node(p.aux, 0), spec.overlay->latency, spec.duration);

    std::map<Flow, int> revoked;
    chain::uint256 origin_burnt = 0, aux_burnt = 0;  // what the steps final by the end burnt
    const chain::uint256 penalty = protocol::GatewayBase::penalty(f.bounty());
    for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
        const MessageRecord& m = f.messages()[i];
        EXPECT_NE(m.phase, MessageRecord::Failed) << i;
        const bool stake = m.flow == Flow::Stake;
        const std::uint32_t source = stake ? p.origin : p.aux, target = stake ? p.aux : p.origin;
        const std::uint64_t source_h = stake ? origin_h : aux_h;
        auto final_by_end = [&](StepKind k) {
            return steps[i].count(k) && steps[i][k]->height > 0 && steps[i][k]->height <= source_h;
        };
        chain::uint256& burnt = stake ? origin_burnt : aux_burnt;
        if (final_by_end(StepKind::Revert)) burnt += penalty;
        if (final_by_end(StepKind::ProgressRevert)) burnt += f.bounty();
        if (m.phase != MessageRecord::Revoked) continue;
        ++revoked[m.flow];
        // Revoked only what the facilitator left after going offline, after the users' timeout.
        EXPECT_GE(m.revoking, spec.overlay->facilitator.offline_after);
        EXPECT_FALSE(steps[i].count(StepKind::ProgressSource));
        for (auto [k, core] : {std::pair{StepKind::Confirm, target}, {StepKind::Revert, source},
                               {StepKind::AnchorRevert, target}, {StepKind::ConfirmRevert, target},
                               {StepKind::AnchorRevoked, source}, {StepKind::ProgressRevert, source}}) {
            ASSERT_TRUE(steps[i].count(k)) << to_string(k);
            const actors::StepRecord& s = *steps[i][k];
            EXPECT_EQ(s.core, core) << to_string(k);
            EXPECT_GT(s.height, 0u) << to_string(k);
            EXPECT_EQ(s.reverted, protocol::Rejection::None) << to_string(k);
            if (k != StepKind::Confirm && k != StepKind::AnchorRevert && k != StepKind::AnchorRevoked) {
                EXPECT_TRUE(s.by_user) << to_string(k);
            }
        }
        // Each proof is against an anchoring of the block holding the step it proves.
        EXPECT_LT(steps[i][StepKind::Revert]->included, steps[i][StepKind::AnchorRevert]->included);
        EXPECT_LE(steps[i][StepKind::AnchorRevert]->included, steps[i][StepKind::ConfirmRevert]->included);
        EXPECT_LT(steps[i][StepKind::ConfirmRevert]->included, steps[i][StepKind::AnchorRevoked]->included);
        EXPECT_LE(steps[i][StepKind::AnchorRevoked]->included, steps[i][StepKind::ProgressRevert]->included);
    }
    EXPECT_GE(revoked[Flow::Stake], 5);
    // Burnt on chain: the 1.5 x bounty penalty at revert and the bounty at progress revert, in
    // OST on the origin and in base coin on the auxiliary.
    EXPECT_GT(origin_burnt, 0);
    EXPECT_EQ(slot_value(w, p.origin, origin_final, p.ost,
                         protocol::mapping_slot(p.origin_burner, protocol::Erc20::kBalancesSlot)),
              origin_burnt);
    EXPECT_EQ(const_cast<core::Core&>(w.core(p.aux)).ledger().account(aux_final, p.aux_burner).balance, aux_burnt);

    const actors::TransferSummary t = actors::summarize(f);
    EXPECT_EQ(t.stake.revoked, static_cast<std::uint64_t>(revoked[Flow::Stake]));
    EXPECT_EQ(t.stake.failed, 0u);
    EXPECT_GT(t.stake.revocation_s, 0);
    EXPECT_GT(t.stake.gas_per_revocation, 100'000);
    EXPECT_EQ(t.stake.penalty_wei, static_cast<double>(revoked[Flow::Stake]) * 150);
}

TEST(misbehaviour, a_withheld_secret_completes_the_target_by_proof) {
    const world::WorldSpec spec = misbehaving(1);
    world::World w(spec);
    w.run_until(spec.duration);
    const actors::Facilitator& f = facilitator(w, 1);
    const actors::Pair& p = f.pair();
    Steps steps = steps_by_message(f);
    std::map<Flow, int> done;
    for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
        const MessageRecord& m = f.messages()[i];
        EXPECT_NE(m.phase, MessageRecord::Failed) << i;
        EXPECT_NE(m.phase, MessageRecord::Revoked) << i;
        EXPECT_FALSE(steps[i].count(StepKind::ProgressTarget));  // the secret never goes there
        if (m.phase != MessageRecord::Done) continue;
        ++done[m.flow];
        EXPECT_TRUE(m.with_proof);
        const std::uint32_t target = m.flow == Flow::Stake ? p.aux : p.origin;
        const actors::StepRecord& source = *steps[i][StepKind::ProgressSource];
        const actors::StepRecord& anchor = *steps[i][StepKind::AnchorProgress];
        const actors::StepRecord& by_proof = *steps[i][StepKind::ProgressProof];
        EXPECT_EQ(by_proof.core, target);
        EXPECT_EQ(by_proof.reverted, protocol::Rejection::None);
        EXPECT_FALSE(by_proof.by_user);
        EXPECT_LT(source.included, anchor.included);
        EXPECT_LE(anchor.included, by_proof.included);
    }
    EXPECT_GE(done[Flow::Stake], 15);
    EXPECT_GE(done[Flow::Redeem], 5);
    const actors::TransferSummary t = actors::summarize(f);
    EXPECT_EQ(t.stake.with_proof, t.stake.done);
    EXPECT_EQ(t.redeem.with_proof, t.redeem.done);
}

// A facilitator that withheld the secret and then went offline leaves messages progressed on
// the source only, where nobody can revoke them: their users complete the target with the
// secret the source progress made public, `revoke_after` after it is final. Nothing stays in
// flight but what started near the end.
TEST(misbehaviour, users_complete_what_a_withholding_facilitator_left_when_it_went_offline) {
    const world::WorldSpec spec = withheld_then_offline(1);
    world::World w(spec);
    w.run_until(spec.duration);
    const actors::Facilitator& f = facilitator(w, 1);
    Steps steps = steps_by_message(f);
    std::size_t completed_by_user = 0;
    for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
        const MessageRecord& m = f.messages()[i];
        EXPECT_NE(m.phase, MessageRecord::Failed) << i;
        auto target = steps[i].find(StepKind::ProgressTarget);
        if (target != steps[i].end() && target->second->by_user) {
            const actors::StepRecord& by_user = *target->second;
            EXPECT_EQ(by_user.reverted, protocol::Rejection::None) << i;
            EXPECT_EQ(m.phase, MessageRecord::Done) << i;
            EXPECT_FALSE(m.with_proof) << i;
            EXPECT_GE(by_user.sent, steps[i][StepKind::ProgressSource]->seen + spec.overlay->transfers.revoke_after);
            EXPECT_GE(by_user.sent, spec.overlay->facilitator.offline_after);
            ++completed_by_user;
        }
        // Declaration, timeout, then completion or revocation: within 5 minutes.
        if (m.started + 5 * 60 * engine::kSecond < spec.duration) {
            EXPECT_TRUE(m.phase == MessageRecord::Done || m.phase == MessageRecord::Revoked) << i << " " << int{m.phase};
        }
    }
    EXPECT_GE(completed_by_user, 1u);
}

TEST(misbehaviour, the_facilitator_income_adds_up_with_its_gas) {
    const world::WorldSpec spec = misbehaving(1);
    world::World w(spec);
    w.run_until(spec.duration);
    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        const actors::Facilitator& f = facilitator(w, pair);
        const actors::Balances& b = f.balances();
        // It earns nothing in the origin's coin: that balance only paid its gas there.
        EXPECT_EQ(b.origin_coin + b.origin_gas_cost, actors::actor_coins()) << pair;
        EXPECT_GT(b.aux_gas_cost, 0);
        // Stake bounties (100 wei each) at least, and some mint rewards.
        const actors::TransferSummary t = actors::summarize(f);
        EXPECT_GE(t.income.ost_earned, 100.0 * static_cast<double>(t.stake.done)) << pair;
        EXPECT_GT(t.income.ost_prime_earned, 0) << pair;
        EXPECT_EQ(t.income.ost_prime_net, t.income.ost_prime_earned - t.income.aux_gas_cost);
    }
}

TEST(misbehaviour, is_the_same_at_one_and_two_threads) {
    std::vector<std::uint64_t> digests;
    std::vector<actors::FlowSummary> stakes;
    for (int threads : {1, 2}) {
        const world::WorldSpec spec = misbehaving(threads);
        world::World w(spec);
        w.run_until(spec.duration);
        digests.push_back(w.digest());
        stakes.push_back(actors::summarize(facilitator(w, 0)).stake);
    }
    EXPECT_EQ(digests[0], digests[1]);
    EXPECT_EQ(stakes[0].revoked, stakes[1].revoked);
    EXPECT_EQ(stakes[0].revocation_s, stakes[1].revocation_s);
}

// Reporters that anchor only for pending work still serve every step that needs an anchor -
// declarations, revocations, the proven progress of a withheld secret - with far fewer
// anchorings than one per final block.
TEST(misbehaviour, pending_work_reporters_serve_every_kind_of_step_with_fewer_anchors) {
    std::vector<std::size_t> anchorings;
    std::vector<actors::TransferSummary> pairs;
    for (bool pending_work : {false, true}) {
        world::WorldSpec spec = misbehaving(1);
        spec.overlay->reporting.pending_work = pending_work;
        world::World w(spec);
        w.run_until(spec.duration);
        std::size_t n = 0;
        for (std::size_t r = 0; r < 2 * kPairs; ++r) n += dynamic_cast<const actors::Reporter&>(w.client(r)).records().size();
        anchorings.push_back(n);
        pairs.push_back(actors::summarize(facilitator(w, 0)));
        pairs.push_back(actors::summarize(facilitator(w, 1)));
    }
    EXPECT_LT(anchorings[1] * 2, anchorings[0]);
    const actors::TransferSummary& offline = pairs[2];
    const actors::TransferSummary& withholding = pairs[3];
    EXPECT_GE(offline.stake.revoked, 5u);
    EXPECT_EQ(offline.stake.failed + offline.redeem.failed, 0u);
    EXPECT_GE(withholding.stake.with_proof, 15u);
    EXPECT_EQ(withholding.stake.failed + withholding.redeem.failed, 0u);
    // Nothing left waiting for an anchor but what started near the end.
    EXPECT_LE(withholding.stake.in_flight, pairs[1].stake.in_flight + 2);
}
