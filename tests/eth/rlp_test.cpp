#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "eth/rlp.hpp"
#include "eth/rlp_decode.hpp"

using namespace ostsim::eth;

namespace {
std::string encoded(ByteView s) {
    Bytes out;
    rlp::append(out, s);
    EXPECT_EQ(out.size(), rlp::length(s));
    return to_hex(out, false);
}
std::string encoded(std::uint64_t v) {
    Bytes out;
    rlp::append(out, v);
    EXPECT_EQ(out.size(), rlp::length(v));
    Bytes big;
    rlp::append(big, uint256(v));
    EXPECT_EQ(big, out) << "uint64 and uint256 encodings differ";
    return to_hex(out, false);
}
}  // namespace

// Examples from the Yellow Paper's appendix B and the RLP page of ethereum.org.
TEST(rlp_encode, strings) {
    EXPECT_EQ(encoded(as_bytes("dog")), "83646f67");
    EXPECT_EQ(encoded(as_bytes("")), "80");
    EXPECT_EQ(encoded(Bytes{0x0f}), "0f");
    EXPECT_EQ(encoded(Bytes{0x80}), "8180");
    std::string lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";  // 56 bytes
    EXPECT_EQ(encoded(as_bytes(lorem)).substr(0, 4), "b838");
}

// Integers of every bit length up to 256, all ones and a single bit: EncodedUint (what append and
// length use for uint256) against the string encoder given the minimal bytes.
TEST(rlp_encode, uint256_in_place_is_the_string_encoding_of_its_minimal_bytes) {
    for (unsigned bits = 0; bits <= 256; ++bits) {
        const uint256 top = bits == 0 ? uint256(0) : uint256(1) << (bits - 1);
        const uint256 ones = bits == 0 ? uint256(0) : bits == 256 ? ~uint256(0) : (uint256(1) << bits) - 1;
        for (const uint256& v : {top, ones}) {
            const Bytes want = rlp::encode(to_minimal_bytes(v));
            const rlp::EncodedUint got(v);
            EXPECT_EQ(Bytes(got.view().begin(), got.view().end()), want) << bits << " bits";
            EXPECT_EQ(rlp::length(v), want.size()) << bits << " bits";
            Bytes appended;
            rlp::append(appended, v);
            EXPECT_EQ(appended, want) << bits << " bits";
        }
    }
}

TEST(rlp_encode, integers) {
    EXPECT_EQ(encoded(0), "80");
    EXPECT_EQ(encoded(15), "0f");
    EXPECT_EQ(encoded(1024), "820400");
    EXPECT_EQ(encoded(0xffffffffffffffffull), "88ffffffffffffffff");
}

TEST(rlp_encode, list_header_sized_without_temporaries) {
    Bytes out;
    std::size_t payload = rlp::length(as_bytes("cat")) + rlp::length(as_bytes("dog"));
    rlp::append_list_header(out, payload);
    rlp::append(out, as_bytes("cat"));
    rlp::append(out, as_bytes("dog"));
    EXPECT_EQ(to_hex(out, false), "c88363617483646f67");
    EXPECT_EQ(out.size(), rlp::list_length(payload));
}

TEST(rlp_decode, list_items) {
    auto in = *from_hex("c88363617483646f67");
    auto list = rlp::decode_exact(in);
    ASSERT_TRUE(list);
    ASSERT_TRUE(list->is_list);
    rlp::Item items[3];
    auto n = rlp::decode_list(*list, items, 3);
    ASSERT_TRUE(n);
    ASSERT_EQ(*n, 2u);
    EXPECT_EQ(std::string(items[1].payload.begin(), items[1].payload.end()), "dog");
    EXPECT_EQ(rlp::decode_list(*list, items, 1).error(), rlp::DecodeError::TrailingBytes);
}

TEST(rlp_decode, trailing_bytes_policy) {
    auto in = *from_hex("83646f6701");
    EXPECT_EQ(rlp::decode_exact(in).error(), rlp::DecodeError::TrailingBytes);
    ByteView rest = in;
    auto first = rlp::decode_prefix(rest);
    ASSERT_TRUE(first);
    EXPECT_EQ(rest.size(), 1u);
}

TEST(rlp_decode, errors_are_specific) {
    auto err = [](std::string_view hex) { return rlp::decode_exact(*from_hex(hex)).error(); };
    EXPECT_EQ(err(""), rlp::DecodeError::InputTooShort);
    EXPECT_EQ(err("8100"), rlp::DecodeError::NonCanonicalSingleByte);
    EXPECT_EQ(err("b800"), rlp::DecodeError::NonCanonicalSize);
    EXPECT_EQ(err("b801ff"), rlp::DecodeError::NonCanonicalSize);
    EXPECT_EQ(err("c5010203"), rlp::DecodeError::InputTooShort);
    EXPECT_EQ(err("bf0f000000000000021111"), rlp::DecodeError::InputTooShort);
}

TEST(rlp_decode, integers) {
    std::deque<Bytes> inputs;  // items are views: their bytes must outlive them
    auto item = [&](std::string_view hex) { return *rlp::decode_exact(inputs.emplace_back(*from_hex(hex))); };
    EXPECT_EQ(*rlp::to_uint64(item("820400")), 1024u);
    EXPECT_EQ(*rlp::to_uint64(item("80")), 0u);
    EXPECT_EQ(rlp::to_uint64(item("820004")).error(), rlp::DecodeError::LeadingZero);
    EXPECT_EQ(rlp::to_uint64(item("89010000000000000000")).error(),
              rlp::DecodeError::IntegerOverflow);
    EXPECT_EQ(rlp::to_uint64(item("c0")).error(), rlp::DecodeError::UnexpectedList);
    EXPECT_EQ(*rlp::to_uint256(item("89010000000000000000")), uint256(1) << 64);
}

TEST(rlp_encode, encode_list_of_mixed_fields) {
    EXPECT_EQ(to_hex(rlp::encode_list(as_bytes("cat"), as_bytes("dog")), false), "c88363617483646f67");
    EXPECT_EQ(to_hex(rlp::encode_list(), false), "c0");
    EXPECT_EQ(to_hex(rlp::encode_list(std::uint64_t{1024}, uint256(0), Bytes{}), false), "c58204008080");
}
