#include <gtest/gtest.h>

#include "eth/keccak.hpp"

using namespace ostsim::eth;

// Digests from the Keccak team's reference (as go-ethereum's crypto tests use them): Keccak-256
// with the original 0x01 padding. FIPS-202 SHA3-256("") would be a7ffc6f8...
TEST(keccak256, empty_string) { EXPECT_EQ(keccak256({}).hex(false), kEmptyKeccakHex); }

TEST(keccak256, abc) {
    EXPECT_EQ(keccak256(as_bytes("abc")).hex(false),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(keccak256, counts_calls_and_permutations) {
    auto before = keccak_counters();
    Bytes b(kKeccakRate, 0);
    keccak256(b);                       // 136 bytes: padding needs a second block
    keccak256(ByteView(b).first(135));  // 135 bytes: one block
    auto after = keccak_counters();
    EXPECT_EQ(after.calls - before.calls, 2u);
    EXPECT_EQ(after.permutations - before.permutations, 3u);
}
