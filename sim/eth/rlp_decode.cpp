#include "eth/rlp_decode.hpp"

#include <vector>

#include "eth/rlp.hpp"

namespace ostsim::eth::rlp {

std::string_view to_string(DecodeError e) {
    switch (e) {
        case DecodeError::InputTooShort: return "input too short";
        case DecodeError::TrailingBytes: return "trailing bytes";
        case DecodeError::NonCanonicalSingleByte: return "non-canonical single byte";
        case DecodeError::NonCanonicalSize: return "non-canonical size";
        case DecodeError::LengthOverflow: return "length overflow";
        case DecodeError::UnexpectedList: return "unexpected list";
        case DecodeError::UnexpectedString: return "unexpected string";
        case DecodeError::LeadingZero: return "integer with leading zero";
        case DecodeError::IntegerOverflow: return "integer overflow";
        case DecodeError::WrongSize: return "field of the wrong size";
    }
    return "unknown RLP error";
}

namespace {
using Result = Expected<Item, DecodeError>;

// Reads the big-endian length of `k` bytes (1..8) from `p`.
Expected<std::uint64_t, DecodeError> read_long_length(ByteView in, std::size_t k) {
    if (in.size() < 1 + k) return Unexpected{DecodeError::InputTooShort};
    if (in[1] == 0) return Unexpected{DecodeError::NonCanonicalSize};
    if (k > 8) return Unexpected{DecodeError::LengthOverflow};
    std::uint64_t len = 0;
    for (std::size_t i = 0; i < k; ++i) len = (len << 8) | in[1 + i];
    if (len < kShortLimit) return Unexpected{DecodeError::NonCanonicalSize};
    return len;
}
}  // namespace

Result decode_prefix(ByteView& in) {
    if (in.empty()) return Unexpected{DecodeError::InputTooShort};
    const std::uint8_t h = in[0];
    std::size_t header = 1;
    std::uint64_t len = 0;
    bool is_list = false;
    if (h < kStringOffset) {
        Item item{false, in.first(1), in.first(1)};
        in = in.subspan(1);
        return item;
    } else if (h < kStringOffset + kShortLimit) {
        len = h - kStringOffset;
        if (len == 1) {
            if (in.size() < 2) return Unexpected{DecodeError::InputTooShort};
            if (in[1] < kStringOffset) return Unexpected{DecodeError::NonCanonicalSingleByte};
        }
    } else if (h < kListOffset) {
        std::size_t k = h - (kStringOffset + kShortLimit - 1);
        auto l = read_long_length(in, k);
        if (!l) return Unexpected{l.error()};
        len = *l;
        header += k;
    } else if (h < kListOffset + kShortLimit) {
        is_list = true;
        len = h - kListOffset;
    } else {
        is_list = true;
        std::size_t k = h - (kListOffset + kShortLimit - 1);
        auto l = read_long_length(in, k);
        if (!l) return Unexpected{l.error()};
        len = *l;
        header += k;
    }
    if (len > in.size() - header) return Unexpected{DecodeError::InputTooShort};
    std::size_t total = header + static_cast<std::size_t>(len);
    Item item{is_list, in.subspan(header, static_cast<std::size_t>(len)), in.first(total)};
    in = in.subspan(total);
    return item;
}

Result decode_exact(ByteView in) {
    auto item = decode_prefix(in);
    if (item && !in.empty()) return Unexpected{DecodeError::TrailingBytes};
    return item;
}

Result decode_tree(ByteView in) {
    auto root = decode_exact(in);
    if (!root) return root;
    std::vector<ByteView> pending;
    if (root->is_list) pending.push_back(root->payload);
    while (!pending.empty()) {
        ByteView rest = pending.back();
        pending.pop_back();
        while (!rest.empty()) {
            auto item = decode_prefix(rest);
            if (!item) return Unexpected{item.error()};
            if (item->is_list && !item->payload.empty()) pending.push_back(item->payload);
        }
    }
    return root;
}

Expected<std::size_t, DecodeError> decode_list(const Item& list, Item* out, std::size_t max_items) {
    if (!list.is_list) return Unexpected{DecodeError::UnexpectedString};
    ByteView rest = list.payload;
    std::size_t n = 0;
    while (!rest.empty()) {
        if (n == max_items) return Unexpected{DecodeError::TrailingBytes};
        auto item = decode_prefix(rest);
        if (!item) return Unexpected{item.error()};
        out[n++] = *item;
    }
    return n;
}

Expected<std::uint64_t, DecodeError> to_uint64(const Item& item) {
    if (item.is_list) return Unexpected{DecodeError::UnexpectedList};
    if (item.payload.size() > 8) return Unexpected{DecodeError::IntegerOverflow};
    if (!item.payload.empty() && item.payload[0] == 0) return Unexpected{DecodeError::LeadingZero};
    std::uint64_t v = 0;
    for (std::uint8_t b : item.payload) v = (v << 8) | b;
    return v;
}

Expected<uint256, DecodeError> to_uint256(const Item& item) {
    if (item.is_list) return Unexpected{DecodeError::UnexpectedList};
    if (item.payload.size() > 32) return Unexpected{DecodeError::IntegerOverflow};
    if (!item.payload.empty() && item.payload[0] == 0) return Unexpected{DecodeError::LeadingZero};
    return *from_big_endian(item.payload);
}

}  // namespace ostsim::eth::rlp
