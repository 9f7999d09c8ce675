#include "eth/uint256.hpp"

#include <cstdint>
#include <cstring>

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
    const auto w = to_word(v);
    return Bytes(w.bytes.end() - static_cast<std::ptrdiff_t>(minimal_length(v)), w.bytes.end());
}

std::size_t minimal_length(const uint256& v) {
    // The backend keeps no leading zero limbs (one zero limb for zero).
    const auto& backend = v.backend();
    const std::size_t used = backend.size();
    const Limb top = backend.limbs()[used - 1];
    if (top == 0) return 0;
    return 8 * (used - 1) + static_cast<std::size_t>(8 - __builtin_clzll(top) / 8);
}

std::optional<uint256> from_big_endian(ByteView b) {
    if (b.size() > 32) return std::nullopt;
    Limb limbs[kLimbs] = {};
    // Whole limbs from the end, eight bytes at a time (a hash-sized word is four loads), then
    // the bytes of the top limb one at a time.
    std::size_t end = b.size(), i = 0;
    for (; end >= 8; end -= 8, ++i) {
        std::uint8_t be[8];
        std::memcpy(be, b.data() + end - 8, 8);
        Limb limb = 0;
        for (std::uint8_t byte : be) limb = limb << 8 | byte;
        limbs[i] = limb;
    }
    for (std::size_t k = 0; k < end; ++k) limbs[i] = limbs[i] << 8 | b[k];
    uint256 v;
    auto& backend = v.backend();
    backend.resize(kLimbs, kLimbs);
    for (std::size_t j = 0; j < kLimbs; ++j) backend.limbs()[j] = limbs[j];
    backend.normalize();
    return v;
}

}  // namespace ostsim::eth
