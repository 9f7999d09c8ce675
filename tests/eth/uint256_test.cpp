#include <gtest/gtest.h>

#include <random>

#include "eth/uint256.hpp"

using namespace ostsim::eth;

namespace {

// The conversions by their definition, a byte at a time, against which the limb-wise ones are checked.
FixedBytes<32> word_by_shifts(uint256 v) {
    FixedBytes<32> w;
    for (int i = 31; i >= 0; --i, v >>= 8) w.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v & 0xff);
    return w;
}

uint256 value_by_shifts(ByteView b) {
    uint256 v = 0;
    for (std::uint8_t byte : b) v = (v << 8) | byte;
    return v;
}

// Values of every byte length 0..32, with zero and 0xff bytes inside them.
std::vector<uint256> samples() {
    std::mt19937_64 rng(7);
    std::vector<uint256> out{0, 1, 0xff, 0x100, std::numeric_limits<uint256>::max()};
    for (int bits = 1; bits <= 256; ++bits) {
        for (int k = 0; k < 4; ++k) {
            uint256 v = 0;
            for (int limb = 0; limb < 4; ++limb) v = (v << 64) | rng();
            if (k == 1) v &= ~(uint256(0xff) << 64);  // a zero byte inside
            v &= (bits == 256 ? uint256(0) : uint256(1) << bits) - 1;
            v |= uint256(1) << (bits - 1);  // exactly `bits` bits long
            out.push_back(v);
        }
    }
    return out;
}

}  // namespace

TEST(uint256, word_round_trip) {
    uint256 v = (uint256(1) << 255) + 0x1234;
    auto w = to_word(v);
    EXPECT_EQ(w.bytes[0], 0x80);
    EXPECT_EQ(w.bytes[31], 0x34);
    EXPECT_EQ(from_word(w), v);
    EXPECT_EQ(to_minimal_bytes(0), Bytes{});
    EXPECT_EQ(to_minimal_bytes(0x0400), (Bytes{0x04, 0x00}));
    EXPECT_FALSE(from_big_endian(Bytes(33, 1)));
}

TEST(uint256, conversions_agree_with_byte_shifts) {
    for (const uint256& v : samples()) {
        const FixedBytes<32> w = to_word(v);
        ASSERT_EQ(w, word_by_shifts(v)) << v;
        ASSERT_EQ(from_word(w), v) << v;
        const Bytes minimal = to_minimal_bytes(v);
        ASSERT_TRUE(minimal.empty() || minimal.front() != 0) << v;
        ASSERT_EQ(value_by_shifts(minimal), v) << v;
        ASSERT_EQ(minimal_length(v), minimal.size()) << v;
        ASSERT_EQ(from_big_endian(minimal), v) << v;
        // Leading zero bytes do not change the value, up to 32 bytes in all.
        Bytes padded(32 - minimal.size(), 0);
        padded.insert(padded.end(), minimal.begin(), minimal.end());
        ASSERT_EQ(from_big_endian(padded), v) << v;
    }
}

TEST(uint256, converted_values_do_arithmetic_and_compare) {
    // A value built from limbs must be normalised: it compares and adds like one built by shifts.
    const Bytes one_at_bottom{0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    EXPECT_EQ(*from_big_endian(one_at_bottom), uint256(1));
    EXPECT_EQ(*from_big_endian(one_at_bottom) + 1, uint256(2));
    EXPECT_EQ(*from_big_endian(Bytes{}), uint256(0));
    EXPECT_TRUE(*from_big_endian(Bytes(32, 0)) == 0);
    EXPECT_EQ(*from_big_endian(Bytes(32, 0xff)) + 1, uint256(0));  // wraps as the EVM does
}
