// Causality, checked from inside the handlers (see testing::WatchLp): no partition's clock goes
// back, and no window runs past a cross-partition event it has not yet received.
#include <gtest/gtest.h>

#include "models.hpp"

namespace ostsim::engine {
namespace {

void run_watched(int threads, int partitions) {
    const Time l = 50 * kMicrosecond;
    const std::uint32_t nlp = 40;
    Config c;
    c.threads = threads;
    c.partitions = partitions;
    c.lookahead = l;
    Engine<testing::WatchLp> eng(c);
    testing::Watch watch(static_cast<std::size_t>(partitions));
    for (std::uint32_t i = 0; i < nlp; ++i) eng.add_lp({&watch, l, nlp, Stream(3, i)});
    for (std::uint32_t i = 0; i < nlp; ++i) {
        for (int e = 0; e < 3; ++e) eng.schedule(i, (i * 7 + static_cast<Time>(e)) % l);
    }
    const Stats& s = eng.run_until(400 * l);
    EXPECT_GT(s.committed, 10000u);
    EXPECT_GT(s.windows, 300u);
    for (int p = 0; p < partitions; ++p) EXPECT_EQ(watch.violations[p], 0u) << "partition " << p;
}

TEST(engine_causality, single_thread_many_partitions) {
    run_watched(1, 4);
}
TEST(engine_causality, two_threads) {
    run_watched(2, 2);
}
TEST(engine_causality, eight_threads_more_partitions_than_threads) {
    run_watched(8, 12);
}

// The watcher itself can fail: a partition whose clock is deliberately rewound is reported.
TEST(engine_causality, watcher_detects_a_rewound_clock) {
    testing::Watch watch(1);
    watch.last_time[0] = kSecond;
    Engine<testing::WatchLp> eng;
    eng.add_lp({&watch, kMillisecond, 1, Stream(1, 0)});
    eng.schedule(0, 0);
    eng.run_until(0);
    EXPECT_EQ(watch.violations[0], 1u);
}

}  // namespace
}  // namespace ostsim::engine
