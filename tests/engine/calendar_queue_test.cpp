// CalendarQueue against a sorted reference, under delays that exercise the near heap (zero
// delay), the ring, the far heap beyond it, jumps over empty stretches and re-filing when the
// day length adapts.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

#include "engine/calendar_queue.hpp"
#include "engine/event.hpp"

namespace ostsim::engine {
namespace {

using Ev = Event<Empty>;

struct Key {
    bool operator()(const Ev& a, const Ev& b) const { return EarlierEvent{}(a, b); }
};

void check(unsigned seed, Time max_delay) {
    CalendarQueue<Ev, EarlierEvent> q;
    std::set<Ev, Key> ref;
    std::mt19937_64 gen(seed);
    std::uint64_t tie = 0;
    Time now = 0;
    auto make = [&] {
        Time delay = 0;
        switch (gen() % 8) {
            case 0:
                delay = 0;
                break;  // same time
            case 1:
                delay = static_cast<Time>(gen() % 1000) * max_delay;
                break;  // far future
            default:
                delay = static_cast<Time>(gen() % static_cast<std::uint64_t>(max_delay));
        }
        return Ev{now + delay, tie++, 0, {}};
    };
    for (int i = 0; i < 500; ++i) {
        const Ev e = make();
        q.push(e);
        ref.insert(e);
    }
    for (int step = 0; step < 60000; ++step) {
        ASSERT_EQ(q.size(), ref.size());
        if (ref.empty() || gen() % 3 == 0) {
            const Ev e = make();
            q.push(e);
            ref.insert(e);
            continue;
        }
        const Ev& top = q.top();
        ASSERT_EQ(top.time, ref.begin()->time) << "step " << step;
        ASSERT_EQ(top.tie, ref.begin()->tie) << "step " << step;
        now = top.time;
        ref.erase(ref.begin());
        if (gen() % 2) {
            const Ev e = make();
            q.replace_top(e);
            ref.insert(e);
        } else {
            q.pop();
        }
    }
}

TEST(engine_calendar_queue, matches_sorted_reference_short_delays) {
    check(1, 1000);
}
TEST(engine_calendar_queue, matches_sorted_reference_long_delays) {
    check(2, kSecond);
}
TEST(engine_calendar_queue, matches_sorted_reference_unit_delays) {
    check(3, 2);
}

TEST(engine_calendar_queue, day_length_adapts_to_event_density) {
    CalendarQueue<Ev, EarlierEvent> q;
    const int start = q.shift();
    std::uint64_t tie = 0;
    for (int i = 0; i < 100000; ++i) q.push({static_cast<Time>(i) * 10, tie++, 0, {}});
    while (!q.empty()) {
        q.top();
        q.pop();
    }
    EXPECT_LT(q.shift(), start);  // 10 ns apart: days of ~1 ms hold far too many
}

TEST(engine_calendar_queue, a_crowded_day_refiles_when_it_comes_due) {
    // A burst of 10,000 events within one ~1 ms day, the first day that holds anything: the
    // mean over visited days has not been taken yet, the day's own count shortens the days.
    using Q = CalendarQueue<Ev, EarlierEvent>;
    Q q;
    const int start = q.shift();
    std::mt19937_64 gen(4);
    std::set<Ev, Key> ref;
    for (std::uint64_t tie = 0; tie < 10000; ++tie) {
        const Ev e{2 * kMillisecond + static_cast<Time>(gen() % 10000), tie, 0, {}};
        q.push(e);
        ref.insert(e);
    }
    ASSERT_GT(ref.size(), Q::kCrowded);
    EXPECT_EQ(q.top().tie, ref.begin()->tie);
    EXPECT_LT(q.shift(), start - 4);
    for (const Ev& e : ref) {
        ASSERT_EQ(q.top().tie, e.tie);
        q.pop();
    }
    EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace ostsim::engine
