// Events that would break causality are reported with both ends named, never reordered.
#include <gtest/gtest.h>

#include <string>

#include "engine/engine.hpp"

namespace ostsim::engine {
namespace {

// LP 0 sends one event to `target` with `delay` when it handles its first event.
struct Sender {
    using Payload = Empty;
    LpId target = 0;
    Time delay = 0;
    void handle(Context<Sender>& ctx, const Event<Empty>&) {
        if (ctx.self() == 0) ctx.send(target, delay);
    }
};

// Two LPs in two partitions, lookahead 100 ns; LP 0 handles an event at t = 1000.
SchedulingError run_expecting_error(int threads, LpId target, Time delay) {
    Config c;
    c.threads = threads;
    c.partitions = 2;
    c.lookahead = 100;
    Engine<Sender> eng(c);
    eng.add_lp({target, delay}, 0);
    eng.add_lp({}, 1);
    eng.schedule(0, 1000);
    try {
        eng.run();
    } catch (const SchedulingError& e) {
        return e;
    }
    ADD_FAILURE() << "no SchedulingError";
    return SchedulingError(SchedulingError::Kind::past, {}, 0);
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

TEST(engine_errors, lookahead_violation_names_both_ends) {
    for (int threads : {1, 2}) {
        const SchedulingError e = run_expecting_error(threads, 1, 99);
        EXPECT_EQ(e.kind(), SchedulingError::Kind::lookahead);
        EXPECT_EQ(e.ends().src, 0u);
        EXPECT_EQ(e.ends().dst, 1u);
        EXPECT_EQ(e.ends().now, 1000);
        EXPECT_EQ(e.ends().time, 1099);
        const std::string m = e.what();
        EXPECT_TRUE(contains(m, "lookahead violation")) << m;
        EXPECT_TRUE(contains(m, "LP 0 (partition 0) at t=1000 ns")) << m;
        EXPECT_TRUE(contains(m, "LP 1 (partition 1) for t=1099 ns")) << m;
        EXPECT_TRUE(contains(m, "delay 99 ns")) << m;
    }
}

TEST(engine_errors, zero_delay_across_partitions_is_a_lookahead_violation) {
    EXPECT_EQ(run_expecting_error(2, 1, 0).kind(), SchedulingError::Kind::lookahead);
}

TEST(engine_errors, exactly_the_lookahead_is_allowed) {
    Config c;
    c.threads = 2;
    c.partitions = 2;
    c.lookahead = 100;
    Engine<Sender> eng(c);
    eng.add_lp({1, 100}, 0);
    eng.add_lp({}, 1);
    eng.schedule(0, 1000);
    EXPECT_EQ(eng.run().committed, 2u);
}

TEST(engine_errors, scheduling_in_the_past_names_both_ends) {
    for (LpId target : {0u, 1u}) {  // same partition and other partition
        const SchedulingError e = run_expecting_error(2, target, -5);
        EXPECT_EQ(e.kind(), SchedulingError::Kind::past);
        const std::string m = e.what();
        EXPECT_TRUE(contains(m, "in the past")) << m;
        EXPECT_TRUE(contains(m, "LP 0 (partition 0) at t=1000 ns")) << m;
        EXPECT_TRUE(contains(m, "LP " + std::to_string(target))) << m;
        EXPECT_TRUE(contains(m, "t=995 ns")) << m;
    }
}

TEST(engine_errors, scheduling_from_outside_before_the_horizon) {
    Engine<Sender> eng;
    eng.add_lp({});
    eng.run_until(500);
    EXPECT_EQ(eng.horizon(), 501);
    try {
        eng.schedule(0, 500);
        FAIL() << "no SchedulingError";
    } catch (const SchedulingError& e) {
        EXPECT_EQ(e.kind(), SchedulingError::Kind::past);
        EXPECT_TRUE(contains(e.what(), "outside the run")) << e.what();
    }
    eng.schedule(0, 501);  // the horizon itself is fine
}

TEST(engine_errors, unknown_destination_and_bad_configuration) {
    EXPECT_THROW(run_expecting_error(1, 7, 200), std::out_of_range);
    Config c;
    c.partitions = 2;  // without a lookahead
    EXPECT_THROW(Engine<Sender>{c}, std::invalid_argument);
    c.threads = 0;
    EXPECT_THROW(Engine<Sender>{c}, std::invalid_argument);
}

}  // namespace
}  // namespace ostsim::engine
