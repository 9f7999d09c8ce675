#include "protocol/storage_layout.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

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

namespace {

// The mapping slots last hashed on this thread, direct-mapped by their input: a spend reaches
// the same balance, allowance and flag slots several times (read, then written; the allowance
// approved, then spent), each a keccak256 of 64 bytes (docs/sessions.md, "Hashing per spend").
// A hit returns the digest the same input gave before, so results are unchanged; a miss costs
// one 64-byte compare beside the hash.
class MappingSlotMemo {
public:
    Hash get(const std::uint8_t (&in)[64]) {
        std::uint64_t w[8];
        std::memcpy(w, in, 64);
        // Keys are ABI words of addresses or hashes and slots small numbers or hashes: mix all
        // words but the all-zero padding at the front of each half.
        const std::uint64_t h = (w[1] ^ w[2] ^ w[3] ^ (w[5] * 0x9e3779b97f4a7c15ULL) ^ w[6] ^ w[7]) *
                                0xff51afd7ed558ccdULL;
        Entry& e = table_[static_cast<std::size_t>(h >> (64 - kBits))];
        if (e.filled && std::memcmp(e.in, in, 64) == 0) return e.out;
        e.out = eth::keccak256(ByteView(in, 64));
        std::memcpy(e.in, in, 64);
        e.filled = true;
        return e.out;
    }

private:
    static constexpr unsigned kBits = 12;  // 4,096 entries, about 400 KiB a thread
    struct Entry {
        std::uint8_t in[64] = {};
        Hash out{};
        bool filled = false;
    };
    std::vector<Entry> table_ = std::vector<Entry>(std::size_t{1} << kBits);
};

}  // namespace

Hash mapping_slot(const Hash& key_word, const Hash& p) {
    thread_local MappingSlotMemo memo;
    std::uint8_t in[64];
    std::copy(key_word.bytes.begin(), key_word.bytes.end(), in);
    std::copy(p.bytes.begin(), p.bytes.end(), in + 32);
    return memo.get(in);
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
