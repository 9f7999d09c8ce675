#include "eth/uint256.hpp"

namespace ostsim::eth {

FixedBytes<32> to_word(const uint256& v) {
    FixedBytes<32> w;
    uint256 x = v;
    for (int i = 31; i >= 0 && x != 0; --i) {
        w.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x & 0xff);
        x >>= 8;
    }
    return w;
}

uint256 from_word(const FixedBytes<32>& w) { return *from_big_endian(w); }

Bytes to_minimal_bytes(const uint256& v) {
    auto w = to_word(v);
    std::size_t first = 0;
    while (first < 32 && w.bytes[first] == 0) ++first;
    return Bytes(w.bytes.begin() + static_cast<std::ptrdiff_t>(first), w.bytes.end());
}

std::optional<uint256> from_big_endian(ByteView b) {
    if (b.size() > 32) return std::nullopt;
    uint256 v = 0;
    for (std::uint8_t byte : b) v = (v << 8) | byte;
    return v;
}

}  // namespace ostsim::eth
