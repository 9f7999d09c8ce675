// KeyTable against std::unordered_map under a random mix of inserts, lookups and erasures
// (tombstones and growth included).
#include <gtest/gtest.h>

#include <unordered_map>

#include "engine/rng.hpp"
#include "net/key_table.hpp"

using ostsim::net::KeyTable;

TEST(key_table, agrees_with_unordered_map_under_random_operations) {
    KeyTable<std::uint32_t> table;
    std::unordered_map<std::uint64_t, std::uint32_t> ref;
    ostsim::engine::Stream rng(3, 0);
    for (std::uint32_t step = 0; step < 200'000; ++step) {
        // Keys from a small range (many repeats) spread over the high and low words.
        const std::uint64_t key = std::uint64_t{rng.below(64)} << 32 | rng.below(64);
        switch (rng.below(3)) {
            case 0: {
                const auto [v, fresh] = table.insert(key, step);
                const auto [it, ref_fresh] = ref.try_emplace(key, step);
                ASSERT_EQ(fresh, ref_fresh);
                ASSERT_EQ(*v, it->second);
                break;
            }
            case 1: {
                const std::uint32_t* v = table.find(key);
                const auto it = ref.find(key);
                ASSERT_EQ(v != nullptr, it != ref.end());
                if (v) {
                    ASSERT_EQ(*v, it->second);
                }
                break;
            }
            default:
                table.erase(key);
                ref.erase(key);
        }
        ASSERT_EQ(table.size(), ref.size());
    }
    EXPECT_EQ(table.find(KeyTable<std::uint32_t>::kEmpty - 2), nullptr);
}

TEST(key_table, values_are_writable_in_place) {
    KeyTable<int> table;
    for (std::uint64_t k = 0; k < 1000; ++k) table.insert(k * 7919, 0);
    for (std::uint64_t k = 0; k < 1000; ++k) {
        if (int* v = table.find(k * 7919)) *v = static_cast<int>(k);
    }
    for (std::uint64_t k = 0; k < 1000; ++k) {
        const int* v = table.find(k * 7919);
        ASSERT_NE(v, nullptr);
        if (v) {
            EXPECT_EQ(*v, static_cast<int>(k));
        }
    }
    EXPECT_EQ(table.size(), 1000u);
}
