// The revocation race of PROTOCOL.md 1.1 in world runs (overlay_world.hpp's `racing`): users
// revoke at once, so each user's revert races its facilitator's progress, sent at the same
// moment to the same node (the block builder orders them by sender address), and the contracts
// decide. Progress first: the revert reverts (the stake or redeem record is gone) and the
// message completes. Revert first: the source progress reverts (the outbox is
// DeclaredRevocation), the target's progress lands (its inbox is still Declared), the user's
// confirm revert, if it comes, reverts on the target, and the source side ends by
// progress{Stake,Redeem}WithProof with the target's inbox proven Progressed. Either way the
// message ends Progressed on both sides, which the chain shows at the end.
#include <gtest/gtest.h>

#include <vector>

#include "overlay_world.hpp"
#include "protocol/gateway_base.hpp"

using namespace ostsim;
using namespace ostsim::actors_test;
using actors::Flow;
using actors::MessageRecord;
using actors::StepKind;
using protocol::Rejection;

namespace {

struct Race {
    std::size_t progress_first = 0;  // messages whose user revoked and lost, by the order
    std::size_t revert_first = 0;    // of the two on the source
};

bool race_lost(Rejection r) { return r == Rejection::WrongStatus || r == Rejection::UnknownMessage; }

}  // namespace

TEST(revocation_race, ends_progressed_on_both_sides_whichever_comes_first) {
    const world::WorldSpec spec = racing(1);
    world::World w(spec);
    w.run_until(spec.duration);
    Race out;  // messages whose user revoked and lost, by which came first on the source
    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        const actors::Facilitator& f = facilitator(w, pair);
        const actors::Pair& p = f.pair();
        Steps steps = steps_by_message(f);
        const chain::BlockId origin_final = last_seen_final(w.node(p.origin, 0), spec.overlay->latency, spec.duration).first;
        const chain::BlockId aux_final = last_seen_final(w.node(p.aux, 0), spec.overlay->latency, spec.duration).first;
        for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
            const MessageRecord& m = f.messages()[i];
            EXPECT_NE(m.phase, MessageRecord::Failed) << i;
            EXPECT_NE(m.phase, MessageRecord::Revoked) << i;  // the target always progressed first
            if (m.phase != MessageRecord::Done) continue;
            const bool stake = m.flow == Flow::Stake;
            const std::uint32_t source = stake ? p.origin : p.aux;
            // Both sides Progressed on chain.
            const auto status = [&](std::uint32_t c, protocol::Box box) {
                const chain::BlockId at = c == p.origin ? origin_final : aux_final;
                const chain::Address& gw = c == p.origin ? p.gateway : p.co_gateway;
                return static_cast<protocol::Status>(
                    slot_value(w, c, at, gw, protocol::GatewayBase::status_slot(box, m.hash)).convert_to<std::uint64_t>());
            };
            EXPECT_EQ(status(p.origin, stake ? protocol::Box::Outbox : protocol::Box::Inbox), protocol::Status::Progressed) << i;
            EXPECT_EQ(status(p.aux, stake ? protocol::Box::Inbox : protocol::Box::Outbox), protocol::Status::Progressed) << i;
            if (!m.revocation_failed) continue;
            ASSERT_TRUE(steps[i].count(StepKind::Revert)) << i;
            const actors::StepRecord& revert = *steps[i][StepKind::Revert];
            const actors::StepRecord& progress = *steps[i][StepKind::ProgressSource];
            EXPECT_TRUE(revert.by_user);
            if (revert.reverted != Rejection::None) {  // the progress came first
                ++out.progress_first;
                EXPECT_TRUE(race_lost(revert.reverted)) << i << " " << protocol::to_string(revert.reverted);
                EXPECT_EQ(progress.reverted, Rejection::None) << i;
                EXPECT_LE(progress.height, revert.height) << i;
                EXPECT_FALSE(steps[i].count(StepKind::ConfirmRevert)) << i;
                continue;
            }
            ++out.revert_first;
            EXPECT_EQ(progress.reverted, Rejection::WrongStatus) << i;
            EXPECT_LE(revert.height, progress.height) << i;
            ASSERT_TRUE(steps[i].count(StepKind::ProgressProof)) << i;
            const actors::StepRecord& by_proof = *steps[i][StepKind::ProgressProof];
            EXPECT_EQ(by_proof.core, source) << i;
            EXPECT_EQ(by_proof.reverted, Rejection::None) << i;
            EXPECT_LT(steps[i][StepKind::ProgressTarget]->included, by_proof.included) << i;
            if (steps[i].count(StepKind::ConfirmRevert) && steps[i][StepKind::ConfirmRevert]->height > 0) {
                EXPECT_TRUE(race_lost(steps[i][StepKind::ConfirmRevert]->reverted)) << i;
            }
        }
    }
    EXPECT_GE(out.progress_first, 5u);
    EXPECT_GE(out.revert_first, 5u);
}

TEST(revocation_race, is_the_same_at_one_and_two_threads) {
    std::vector<std::uint64_t> digests;
    for (int threads : {1, 2}) {
        const world::WorldSpec spec = racing(threads);
        world::World w(spec);
        w.run_until(spec.duration);
        digests.push_back(w.digest());
    }
    EXPECT_EQ(digests[0], digests[1]);
}
