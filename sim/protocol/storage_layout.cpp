#include "protocol/storage_layout.hpp"

#include <algorithm>

#include "eth/keccak.hpp"

namespace ostsim::protocol {

Hash address_word(const Address& a) {
    Hash w;
    std::copy(a.bytes.begin(), a.bytes.end(), w.bytes.begin() + 12);
    return w;
}

Hash keccak_words(std::span<const Hash> words) {
    Bytes in;
    in.reserve(words.size() * 32);
    for (const Hash& w : words) in.insert(in.end(), w.bytes.begin(), w.bytes.end());
    return eth::keccak256(in);
}

uint256 to_uint(const Address& a) { return eth::from_word(address_word(a)); }

Address to_address(const uint256& v) {
    Hash w = eth::to_word(v);
    Address a;
    std::copy(w.bytes.begin() + 12, w.bytes.end(), a.bytes.begin());
    return a;
}

Hash mapping_slot(const Hash& key_word, const Hash& p) {
    std::uint8_t in[64];
    std::copy(key_word.bytes.begin(), key_word.bytes.end(), in);
    std::copy(p.bytes.begin(), p.bytes.end(), in + 32);
    return eth::keccak256(ByteView(in, 64));
}

Hash array_element(std::uint64_t p, std::uint64_t i) {
    return field(eth::keccak256(slot(p)), i);
}

Hash field(const Hash& base, std::uint64_t j) {
    // base + j modulo 2^256, on the big-endian bytes: a round trip through uint256 took a sixth
    // of a session spend's time (docs/performance.md, Session spends).
    Hash out = base;
    unsigned carry = 0;
    for (int i = 31; i >= 0; --i) {
        const unsigned sum = out.bytes[static_cast<std::size_t>(i)] + static_cast<unsigned>(j & 0xff) + carry;
        out.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
        j >>= 8;
        if (j == 0 && carry == 0) break;
    }
    return out;
}

}  // namespace ostsim::protocol
