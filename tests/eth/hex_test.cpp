#include <gtest/gtest.h>

#include "eth/bytes.hpp"

using namespace ostsim::eth;

TEST(hex, round_trip) {
    Bytes b{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(b), "0x0001abff");
    EXPECT_EQ(to_hex(b, false), "0001abff");
    EXPECT_EQ(from_hex("0x0001ABff"), b);
    EXPECT_EQ(from_hex("0001abff"), b);
    EXPECT_EQ(from_hex(""), Bytes{});
}

TEST(hex, rejects_odd_length_and_bad_digits) {
    EXPECT_FALSE(from_hex("0x123"));
    EXPECT_FALSE(from_hex("zz"));
    EXPECT_FALSE(from_hex("0x0g"));
}

TEST(fixed_bytes, requires_exact_size) {
    EXPECT_FALSE(Address::from_hex("0x1234"));
    auto a = Address::from_hex("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->hex(), "0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
    EXPECT_FALSE(a->is_zero());
    EXPECT_TRUE(Hash{}.is_zero());
}
