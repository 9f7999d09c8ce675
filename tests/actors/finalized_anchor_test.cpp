// Finalised-only anchors (Mosaic-1, PROTOCOL.md 2.3) in world runs: each node of a pair's core
// follows a node of the other core and learns its finality a latency later (core::Follower),
// and the block it builds carries what it knew (Block::remote_finalized). Checked against each
// final target block holding an anchoring: it is rejected NotFinalized exactly when the
// anchored height is above what that block knew final of the source; final heights anchor,
// and stakes and redeems complete through them.
#include <gtest/gtest.h>

#include <vector>

#include "actors/reporter.hpp"
#include "overlay_world.hpp"

using namespace ostsim;
using namespace ostsim::actors_test;

namespace {

struct Outcomes {
    std::size_t anchored = 0, not_finalized = 0, done = 0;
};

// Runs the three-core world with finalised-only anchors, its reporters anchoring final
// blocks or every new head, and checks each anchoring that reached a final target block.
world::WorldSpec finalized_only(int threads, bool final_only) {
    world::WorldSpec spec = three_cores(threads);
    spec.duration = 3 * 60 * engine::kSecond;
    spec.overlay->reporting.rule = protocol::AnchorRule::FinalizedOnly;
    spec.overlay->reporting.final_only = final_only;
    return spec;
}

Outcomes run(bool final_only) {
    const world::WorldSpec spec = finalized_only(1, final_only);
    world::World w(spec);
    w.run_until(spec.duration);
    Outcomes out;
    for (std::size_t i = 0; i < 2 * kPairs; ++i) {
        const auto& r = dynamic_cast<const actors::Reporter&>(w.client(i));
        const actors::Pair& p = facilitator(w, i / 2).pair();
        EXPECT_EQ(r.params().key, r.params().target == p.origin ? p.origin_consensus : p.aux_consensus);
        const core::Node& node = w.node(r.params().target, spec.overlay->node);
        for (const actors::AnchorRecord& a : r.records()) {
            if (a.target_height == 0) continue;  // not final by the end
            const core::Block& b = node.block(node.finals().at(a.target_height - 1).id);
            const auto known = protocol::finalized_height(b.remote_finalized, r.params().source);
            const bool final_there = known && a.height <= *known;
            if (final_there) {
                // Heights increase along the final chain, so nothing else rejects it.
                EXPECT_EQ(a.reverted, protocol::Rejection::None) << "height " << a.height;
                ++out.anchored;
            } else {
                EXPECT_EQ(a.reverted, protocol::Rejection::NotFinalized) << "height " << a.height;
                ++out.not_finalized;
            }
            // What the block knew final of the source, the source node its producer follows
            // held final at least the finality latency before.
            if (!known) continue;
            const core::Core& source = w.core(r.params().source);
            const core::Node& followed = w.node(r.params().source, b.meta.producer % source.nodes());
            EXPECT_LE(*known, followed.finals().size());
            if (*known > followed.finals().size()) continue;
            EXPECT_LE(followed.finals()[*known - 1].time + spec.overlay->reporting.finality_latency, b.meta.timestamp);
        }
    }
    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        for (const actors::MessageRecord& m : facilitator(w, pair).messages()) {
            out.done += m.phase == actors::MessageRecord::Done;
        }
    }
    return out;
}

}  // namespace

TEST(finalized_anchor, final_heights_anchor_and_transfers_complete) {
    const Outcomes o = run(true);
    EXPECT_GT(o.anchored, 100u);
    // A reporter hears of finality from one node; the block builder from the node it follows.
    EXPECT_LT(o.not_finalized * 10, o.anchored);
    EXPECT_GT(o.done, 10u);
}

TEST(finalized_anchor, a_head_not_yet_final_is_rejected) {
    const Outcomes o = run(false);
    // A head is final two blocks later: before its anchoring is in a block, it almost never is.
    EXPECT_GT(o.not_finalized, 100u);
    EXPECT_EQ(o.done, 0u);
}

// Finality crosses cores as events at least the lookahead late: the same run at any thread count.
TEST(finalized_anchor, is_the_same_at_one_and_two_threads) {
    std::vector<std::uint64_t> digests;
    for (int threads : {1, 2}) {
        const world::WorldSpec spec = finalized_only(threads, true);
        world::World w(spec);
        w.run_until(spec.duration);
        digests.push_back(w.digest());
    }
    EXPECT_EQ(digests[0], digests[1]);
}
