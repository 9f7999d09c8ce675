// Per-entity Philox streams: the known-answer vector, independence from draw history, and the
// ranges of the derived distributions.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "engine/rng.hpp"

namespace ostsim::engine {
namespace {

// Random123's kat_vectors: philox4x32 with 10 rounds, counter 0 and key 0.
TEST(engine_rng, philox_known_answer) {
    Stream s(0, 0);
    Stream::Block b = s.block(0);
    EXPECT_EQ(b[0], 0x6627e8d5u);
    EXPECT_EQ(b[1], 0xe169c58du);
    EXPECT_EQ(b[2], 0xbc57ac4cu);
    EXPECT_EQ(b[3], 0x9b00dbd8u);
}

TEST(engine_rng, stream_is_a_function_of_seed_and_entity) {
    Stream a(7, 42), b(7, 42);
    for (int i = 0; i < 100; ++i) ASSERT_EQ(a.next_u32(), b.next_u32());
    // Block n does not depend on what was drawn before.
    EXPECT_EQ(Stream(7, 42).block(3), a.block(3));
}

TEST(engine_rng, entities_and_seeds_give_distinct_streams) {
    std::set<std::uint64_t> firsts;
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
        for (std::uint64_t e = 0; e < 64; ++e) firsts.insert(Stream(seed, e).next_u64());
    }
    EXPECT_EQ(firsts.size(), 4u * 64u);
}

TEST(engine_rng, distributions_stay_in_range_with_plausible_means) {
    Stream s(1, 2);
    double sum_u = 0, sum_e = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double u = s.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        ASSERT_LT(s.below(10), 10u);
        const double e = s.exponential(2.0);
        ASSERT_TRUE(std::isfinite(e));
        ASSERT_GE(e, 0.0);
        sum_u += u;
        sum_e += e;
    }
    EXPECT_NEAR(sum_u / n, 0.5, 0.01);
    EXPECT_NEAR(sum_e / n, 2.0, 0.05);
}

}  // namespace
}  // namespace ostsim::engine
