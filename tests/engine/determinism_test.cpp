// Same model and seed, same committed event sequence: across thread counts, partition counts
// and repetitions, for PHOLD and for a model full of equal timestamps.
#include <gtest/gtest.h>

#include "engine/phold.hpp"
#include "engine/phold_baseline.hpp"
#include "models.hpp"

namespace ostsim::engine {
namespace {

PholdParams small_phold() {
    PholdParams p;
    p.nlp = 256;
    p.events = 4;
    p.end = 20.0;
    p.seed = 5;
    return p;
}

TEST(engine_determinism, phold_digest_is_identical_across_threads_partitions_repetitions) {
    const PholdParams p = small_phold();
    const PholdResult ref = run_phold(p, {});
    // About N * E * end / mean events.
    EXPECT_NEAR(static_cast<double>(ref.stats.committed), 256.0 * 4 * 20, 256.0 * 4 * 20 * 0.05);
    for (int threads : {1, 2, 4, 8}) {
        for (int partitions : {0, 3, 16}) {
            for (int rep = 0; rep < 2; ++rep) {
                Config c;
                c.threads = threads;
                c.partitions = partitions;
                const PholdResult r = run_phold(p, c);
                ASSERT_EQ(r.digest, ref.digest)
                    << threads << " threads, " << partitions << " partitions, rep " << rep;
                ASSERT_EQ(r.stats.committed, ref.stats.committed);
            }
        }
    }
}

TEST(engine_determinism, phold_digest_depends_on_the_seed) {
    PholdParams p = small_phold();
    const std::uint64_t a = run_phold(p, {}).digest;
    p.seed += 1;
    EXPECT_NE(run_phold(p, {}).digest, a);
}

TEST(engine_determinism, phold_bare_loop_commits_the_same_events) {
    const PholdParams p = small_phold();
    EXPECT_EQ(run_phold_baseline(p).committed, run_phold(p, {}).stats.committed);
}

TEST(engine_determinism, equal_timestamps_model_is_identical_across_threads_and_partitions) {
    const Time l = 10 * kMicrosecond;
    const Time end = 200 * l;
    Config base;
    base.lookahead = l;
    const testing::TieResult ref = testing::run_ties(base, 48, 6, end);
    EXPECT_GT(ref.committed, 48u * 6 * 100);
    for (int threads : {1, 2, 4, 8}) {
        for (int partitions : {0, 5}) {
            for (int rep = 0; rep < 2; ++rep) {
                Config c = base;
                c.threads = threads;
                c.partitions = partitions;
                const testing::TieResult r = testing::run_ties(c, 48, 6, end);
                ASSERT_EQ(r.engine_digest, ref.engine_digest)
                    << threads << "t " << partitions << "p";
                ASSERT_EQ(r.state_digest, ref.state_digest) << threads << "t " << partitions << "p";
                ASSERT_EQ(r.committed, ref.committed);
            }
        }
    }
}

TEST(engine_determinism, a_run_in_steps_equals_one_run) {
    const PholdParams p = small_phold();
    const PholdModel model(p);
    Config c;
    c.threads = 2;
    c.lookahead = model.lookahead;
    Engine<PholdLp> stepped(c);
    build_phold(stepped, model, p);
    for (int s = 1; s <= 4; ++s) stepped.run_until(model.end * s / 4);
    EXPECT_EQ(stepped.digest(), run_phold(p, {}).digest);
}

}  // namespace
}  // namespace ostsim::engine
