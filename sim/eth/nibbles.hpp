// Nibble (4-bit) paths through a Merkle-Patricia trie, and their hex-prefix encoding
// (Yellow Paper, appendix C).
#pragma once

#include <cassert>
#include <cstdint>
#include <cstring>
#include <vector>

#include "eth/bytes.hpp"

namespace ostsim::eth {

// A view of nibbles [begin, end) of a byte string read high nibble first.
class NibbleView {
public:
    NibbleView() = default;
    NibbleView(const std::uint8_t* data, std::size_t begin, std::size_t end)
        : data_(data), begin_(begin), end_(end) {}
    // All nibbles of a key.
    explicit NibbleView(ByteView key) : data_(key.data()), begin_(0), end_(2 * key.size()) {}

    std::size_t size() const { return end_ - begin_; }
    bool empty() const { return begin_ == end_; }
    std::uint8_t operator[](std::size_t i) const {
        assert(i < size());
        std::size_t k = begin_ + i;
        std::uint8_t b = data_[k / 2];
        return (k & 1) ? (b & 0x0f) : (b >> 4);
    }
    NibbleView drop(std::size_t n) const {
        assert(n <= size());
        return {data_, begin_ + n, end_};
    }
    NibbleView take(std::size_t n) const {
        assert(n <= size());
        return {data_, begin_, begin_ + n};
    }
    // Length of the longest common prefix. Views starting at the same nibble parity (every
    // walk of a trie whose keys have one length) compare eight bytes at a time, then a byte at
    // a time from the first word that differs: a leaf's check of a 32-byte key is a few words,
    // not thirty byte steps.
    std::size_t common_prefix(NibbleView o) const {
        std::size_t n = size() < o.size() ? size() : o.size();
        std::size_t i = 0;
        if (((begin_ ^ o.begin_) & 1) == 0) {
            if ((begin_ & 1) && n > 0) {
                if ((*this)[0] != o[0]) return 0;
                i = 1;
            }
            const std::uint8_t* a = data_ + (begin_ + i) / 2;
            const std::uint8_t* b = o.data_ + (o.begin_ + i) / 2;
            for (std::uint64_t x, y; i + 16 <= n; a += 8, b += 8, i += 16) {
                std::memcpy(&x, a, 8);
                std::memcpy(&y, b, 8);
                if (x != y) break;
            }
            while (i + 2 <= n && *a == *b) ++a, ++b, i += 2;
        }
        while (i < n && (*this)[i] == o[i]) ++i;
        return i;
    }
    bool operator==(NibbleView o) const { return size() == o.size() && common_prefix(o) == size(); }
    // The byte holding nibbles i and i + 1 when nibble i starts a byte of the underlying
    // string, else null: such a run of nibbles copies as bytes.
    const std::uint8_t* bytes_from(std::size_t i) const {
        return ((begin_ + i) & 1) ? nullptr : data_ + (begin_ + i) / 2;
    }

private:
    const std::uint8_t* data_ = nullptr;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

// Nibbles one per byte, for paths built while walking a trie (keys rebuilt, paths joined).
using NibbleVec = std::vector<std::uint8_t>;

inline void append(NibbleVec& v, NibbleView p) {
    for (std::size_t i = 0; i < p.size(); ++i) v.push_back(p[i]);
}

// Nibbles packed two to a byte, high first, so that a NibbleView can read them.
struct PackedNibbles {
    Bytes bytes;
    std::size_t nibbles;
    explicit PackedNibbles(const NibbleVec& v) : bytes((v.size() + 1) / 2), nibbles(v.size()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            bytes[i / 2] |= static_cast<std::uint8_t>((i & 1) ? v[i] : v[i] << 4);
    }
    NibbleView view() const { return {bytes.data(), 0, nibbles}; }
};

// Hex-prefix encoding: the first nibble holds flags (2 = leaf, 1 = odd length); an odd path puts
// its first nibble beside the flags, an even one pads with a zero nibble.
namespace hex_prefix {

inline constexpr std::uint8_t kLeafFlag = 0x20;
inline constexpr std::uint8_t kOddFlag = 0x10;

constexpr std::size_t size(std::size_t nibbles) { return nibbles / 2 + 1; }

// Writes the encoding of `path` (flags: 0 or kLeafFlag) to `out`, which has room for size().
inline void write(std::uint8_t* out, NibbleView path, std::uint8_t flags) {
    std::size_t n = path.size();
    std::size_t i = 0;
    if (n & 1) {
        out[0] = static_cast<std::uint8_t>(flags | kOddFlag | path[0]);
        i = 1;
    } else {
        out[0] = flags;
    }
    // A path cut from a key at a byte boundary (every leaf of a trie whose keys have one
    // length) copies as bytes.
    if (const std::uint8_t* bytes = path.bytes_from(i)) {
        std::memcpy(out + 1, bytes, (n - i) / 2);
        return;
    }
    for (std::uint8_t* p = out + 1; i < n; i += 2)
        *p++ = static_cast<std::uint8_t>(path[i] << 4 | path[i + 1]);
}

// The nibbles of an encoded path (flags stripped); `encoded` must be non-empty.
inline NibbleView path(ByteView encoded) {
    assert(!encoded.empty());
    bool odd = encoded[0] & kOddFlag;
    return {encoded.data(), odd ? 1u : 2u, 2 * encoded.size()};
}

}  // namespace hex_prefix
}  // namespace ostsim::eth
