// The "hello simulation" of docs/engine.md, compiled and checked. Keep the two in sync.
#include <gtest/gtest.h>

// --- docs/engine.md example begins
#include "engine/engine.hpp"
using namespace ostsim::engine;

struct Ping {  // an LP: its state and its handler
    using Payload = Empty;
    int received = 0;
    void handle(Context<Ping>& ctx, const Event<Empty>&) {
        if (++received < 3) ctx.send(ctx.self() ^ 1, kMillisecond);  // to the other LP
    }
};

Stats hello() {
    Engine<Ping> eng({.threads = 2, .lookahead = kMillisecond});
    LpId a = eng.add_lp(Ping{});
    eng.add_lp(Ping{});
    eng.schedule(a, 0);
    return eng.run();  // committed 5 events in 5 windows
}
// --- docs/engine.md example ends

TEST(engine_hello, five_line_simulation) {
    const Stats s = hello();
    EXPECT_EQ(s.committed, 5u);
    EXPECT_EQ(s.windows, 5u);
    EXPECT_EQ(s.partitions, 2);
    EXPECT_EQ(s.pending, 0u);
}
