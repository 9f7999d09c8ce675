// RLP encoding (Ethereum Yellow Paper, appendix B). Encoders append to the caller's buffer; the
// length_* functions size an item without building it, so a list header can be written before
// its payload without temporaries:
//
//     rlp::append_list_header(out, rlp::length(nonce) + rlp::length(balance));
//     rlp::append(out, nonce);
//     rlp::append(out, balance);
#pragma once

#include <cstdint>

#include "eth/bytes.hpp"
#include "eth/uint256.hpp"

namespace ostsim::eth::rlp {

// Offsets of the first header byte: strings start at 0x80, lists at 0xc0 (Yellow Paper eq. 180).
inline constexpr std::uint8_t kStringOffset = 0x80;
inline constexpr std::uint8_t kListOffset = 0xc0;
// Payloads shorter than this have a one-byte header; longer ones a length-of-length header.
inline constexpr std::size_t kShortLimit = 56;

// Bytes needed for the big-endian length `n` without leading zeros.
constexpr std::size_t bytes_of(std::uint64_t n) {
    std::size_t k = 0;
    for (; n != 0; n >>= 8) ++k;
    return k;
}

// Size of the header for a payload of `payload_len` bytes.
constexpr std::size_t header_length(std::size_t payload_len) {
    return payload_len < kShortLimit ? 1 : 1 + bytes_of(payload_len);
}

// Writes the header at `p` (which has room for header_length) and returns the end.
inline std::uint8_t* write_header(std::uint8_t* p, std::size_t payload_len, std::uint8_t offset) {
    if (payload_len < kShortLimit) {
        *p++ = static_cast<std::uint8_t>(offset + payload_len);
        return p;
    }
    std::size_t k = bytes_of(payload_len);
    *p++ = static_cast<std::uint8_t>(offset + kShortLimit - 1 + k);
    for (std::size_t i = k; i-- > 0;) *p++ = static_cast<std::uint8_t>(payload_len >> (8 * i));
    return p;
}

// Encoded size of the byte string `s`: a single byte below 0x80 is its own encoding.
constexpr std::size_t length(ByteView s) {
    if (s.size() == 1 && s[0] < kStringOffset) return 1;
    return header_length(s.size()) + s.size();
}
// Integers encode as their minimal big-endian bytes (zero as the empty string).
constexpr std::size_t length(std::uint64_t v) {
    if (v < kStringOffset) return 1;
    return 1 + bytes_of(v);
}
std::size_t length(const uint256& v);
constexpr std::size_t list_length(std::size_t payload_len) {
    return header_length(payload_len) + payload_len;
}

// The encoding of an integer of up to 256 bits, its minimal big-endian bytes as a string, held
// in place: every storage write encodes one (world state), so it allocates nothing. The view
// points into the object: keep it named unless it is used within one expression.
class EncodedUint {
  public:
    explicit EncodedUint(const uint256& v);
    ByteView view() const { return {bytes_, size_}; }

  private:
    std::uint8_t bytes_[33];  // a header byte and up to 32 bytes
    std::size_t size_;
};

void append(Bytes& out, ByteView s);
void append(Bytes& out, std::uint64_t v);
void append(Bytes& out, const uint256& v);
void append_list_header(Bytes& out, std::size_t payload_len);

// The encoding of the single byte string `s`.
Bytes encode(ByteView s);

// The RLP list of `fields` (byte strings, hashes, addresses, integers), sized once and written
// once: rlp::encode_list(nonce, balance, storage_root, code_hash).
template <typename... Fields>
Bytes encode_list(const Fields&... fields) {
    const std::size_t payload = (length(fields) + ... + 0);
    Bytes out;
    out.reserve(list_length(payload));
    append_list_header(out, payload);
    (append(out, fields), ...);
    return out;
}

}  // namespace ostsim::eth::rlp
