// RLP decoding of untrusted input. Every function returns an error value and never throws,
// reads out of bounds or allocates; items are views into the input.
//
// Canonical form is enforced, as go-ethereum's rlp package does: a single byte below 0x80 must
// stand alone, long-form headers must not encode lengths below 56 or carry leading zeros, and
// integers must not have leading zero bytes.
//
// Trailing bytes: decode_exact() rejects input with bytes after the first item (a node, a
// transaction, an account must be exactly one item); decode_prefix() returns them to the caller.
#pragma once

#include <cstdint>
#include <string_view>

#include "eth/bytes.hpp"
#include "eth/expected.hpp"
#include "eth/uint256.hpp"

namespace ostsim::eth::rlp {

enum class DecodeError : std::uint8_t {
    InputTooShort,         // a header or payload runs past the end of the input
    TrailingBytes,         // bytes left after the item (decode_exact) or inside a list
    NonCanonicalSingleByte,// 0x81 followed by a byte below 0x80
    NonCanonicalSize,      // long form for a short payload, or a length with leading zeros
    LengthOverflow,        // a length that does not fit in 64 bits or in the input
    UnexpectedList,        // a string was required
    UnexpectedString,      // a list was required
    LeadingZero,           // an integer with a leading zero byte
    IntegerOverflow,       // an integer too wide for the requested type
    WrongSize,             // a fixed-size field (hash, address) or a list of the wrong size
};
std::string_view to_string(DecodeError e);

struct Item {
    bool is_list = false;
    ByteView payload;  // the string's bytes, or the list's concatenated encoded items
    ByteView encoded;  // header and payload
};

// Decodes the first item of `in` and advances `in` past it.
Expected<Item, DecodeError> decode_prefix(ByteView& in);
// Decodes `in` as exactly one item. Nested items are checked when they are read.
Expected<Item, DecodeError> decode_exact(ByteView in);
// Decodes `in` as exactly one item and checks every nested item too, for input that is used
// whole rather than read field by field. Iterative: deep nesting cannot exhaust the stack.
Expected<Item, DecodeError> decode_tree(ByteView in);

// Walks the items of a list payload in order.
class ListReader {
public:
    explicit ListReader(const Item& list) : rest_(list.payload) {}
    bool done() const { return rest_.empty(); }
    Expected<Item, DecodeError> next() { return decode_prefix(rest_); }

private:
    ByteView rest_;
};

// Decodes a list item into its elements; fails on a string item, on more than `max_items`
// elements or on a malformed element. Writes at most `max_items` entries to `out`.
Expected<std::size_t, DecodeError> decode_list(const Item& list, Item* out, std::size_t max_items);

Expected<std::uint64_t, DecodeError> to_uint64(const Item& item);
Expected<uint256, DecodeError> to_uint256(const Item& item);

}  // namespace ostsim::eth::rlp
