#include "eth/uint256.hpp"

#include <cstdint>

namespace ostsim::eth {

namespace {

// The conversions work on the backend's 64-bit limbs (least significant first) rather than a
// byte at a time through 256-bit shifts: storage reads and writes convert every word, and the
// shifts were about a tenth of a whole-world spend's time (docs/performance.md, Session spends).
using Limb = boost::multiprecision::limb_type;
static_assert(sizeof(Limb) == 8, "the conversions assume 64-bit limbs");
constexpr std::size_t kLimbs = 4;

}  // namespace

FixedBytes<32> to_word(const uint256& v) {
    FixedBytes<32> w;
    const auto& backend = v.backend();
    const Limb* limbs = backend.limbs();
    for (std::size_t i = 0; i < backend.size(); ++i) {
        const std::uint64_t limb = limbs[i];
        for (std::size_t b = 0; b < 8; ++b)
            w.bytes[31 - 8 * i - b] = static_cast<std::uint8_t>(limb >> (8 * b));
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
    Limb limbs[kLimbs] = {};
    for (std::size_t k = 0; k < b.size(); ++k) {  // byte k from the end is limb k/8, shift 8(k%8)
        const std::size_t from_end = b.size() - 1 - k;
        limbs[from_end / 8] |= Limb{b[k]} << (8 * (from_end % 8));
    }
    uint256 v;
    auto& backend = v.backend();
    backend.resize(kLimbs, kLimbs);
    for (std::size_t i = 0; i < kLimbs; ++i) backend.limbs()[i] = limbs[i];
    backend.normalize();
    return v;
}

}  // namespace ostsim::eth
