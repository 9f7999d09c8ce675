// A struct's field j lives at its base slot + j modulo 2^256 (Solidity's layout): the byte-wise
// sum agrees with uint256 arithmetic, carries included, and wraps at 2^256.
#include <gtest/gtest.h>

#include "eth/keccak.hpp"
#include "eth/uint256.hpp"
#include "protocol/storage_layout.hpp"

using namespace ostsim;

TEST(storage_layout, field_is_base_plus_j_modulo_2_to_256) {
    std::vector<eth::Hash> bases;
    for (std::uint8_t i = 0; i < 20; ++i) bases.push_back(eth::keccak256(eth::Bytes{i}));
    eth::Hash carries = bases[0];
    for (std::size_t b = 20; b < 32; ++b) carries.bytes[b] = 0xff;  // a carry across 12 bytes
    bases.push_back(carries);
    eth::Hash top;
    top.bytes.fill(0xff);  // 2^256 - 1: wraps to j - 1
    bases.push_back(top);
    for (const eth::Hash& base : bases) {
        for (std::uint64_t j : {0ULL, 1ULL, 12ULL, 255ULL, 256ULL, 65'537ULL, ~0ULL}) {
            EXPECT_EQ(protocol::field(base, j), eth::to_word(eth::from_word(base) + j)) << j;
        }
    }
    EXPECT_EQ(protocol::field(top, 1), eth::Hash{});
}
