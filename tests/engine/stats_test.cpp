// Statistics add up: committed = scheduled - pending, windows and imbalance are consistent.
#include <gtest/gtest.h>

#include "engine/phold.hpp"

namespace ostsim::engine {
namespace {

TEST(engine_stats, committed_is_scheduled_minus_pending) {
    PholdParams p;
    p.nlp = 128;
    p.events = 3;
    p.end = 15.0;
    for (int threads : {1, 2, 4}) {
        Config c;
        c.threads = threads;
        c.partitions = threads == 1 ? 1 : 5;
        const Stats s = run_phold(p, c).stats;
        EXPECT_EQ(s.committed, s.scheduled - s.pending);
        // PHOLD keeps its population: every handled event schedules one.
        EXPECT_EQ(s.pending, 128u * 3);
        EXPECT_EQ(s.scheduled, s.committed + 128u * 3);
        EXPECT_GE(s.windows, 1u);
        EXPECT_DOUBLE_EQ(s.events_per_window(),
                         static_cast<double>(s.committed) / static_cast<double>(s.windows));
        EXPECT_GE(s.imbalance(), 1.0);
        EXPECT_LE(s.imbalance(), c.partitions);
        EXPECT_GT(s.wall_seconds, 0.0);
        EXPECT_EQ(s.partitions, c.partitions);
        if (c.partitions == 1) {
            EXPECT_EQ(s.windows, 1u);  // no lookahead needed: one window
        } else {
            // Windows are half a lookahead wide: about 2 end / L of them.
            EXPECT_NEAR(static_cast<double>(s.windows), 300.0, 10.0);
        }
    }
}

// A model that runs dry: run() returns when nothing is pending.
struct Countdown {
    using Payload = Empty;
    int left;
    void handle(Context<Countdown>& ctx, const Event<Empty>&) {
        if (--left > 0) ctx.send(ctx.self(), kSecond);  // a long gap: skipped, not stepped
    }
};

TEST(engine_stats, run_until_quiet_skips_empty_stretches) {
    Config c;
    c.threads = 2;
    c.lookahead = kMillisecond;
    Engine<Countdown> eng(c);
    eng.add_lp({5});
    eng.add_lp({3});
    eng.schedule(0, 0);
    eng.schedule(1, 0);
    const Stats& s = eng.run();
    EXPECT_EQ(s.committed, 8u);
    EXPECT_EQ(s.scheduled, 8u);
    EXPECT_EQ(s.pending, 0u);
    // Two per distinct time, not one per half millisecond: the window that handles it, and
    // the next, which cannot skip ahead yet (its bound comes from reports two windows old,
    // taken before the event was handled).
    EXPECT_EQ(s.windows, 10u);
}

}  // namespace
}  // namespace ostsim::engine
