// Byte strings and fixed-size byte arrays (hashes, addresses), with hex conversion.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ostsim::eth {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Lower-case hex of `data`, with a "0x" prefix when `prefixed`.
std::string to_hex(ByteView data, bool prefixed = true);

// Parses hex with or without "0x"; upper or lower case. nullopt on an odd length or a non-hex digit.
std::optional<Bytes> from_hex(std::string_view hex);

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// N bytes by value: keccak256 digests (N = 32), addresses (N = 20), private keys.
template <std::size_t N>
struct FixedBytes {
    std::array<std::uint8_t, N> bytes{};

    static constexpr std::size_t size() { return N; }
    const std::uint8_t* data() const { return bytes.data(); }
    std::uint8_t* data() { return bytes.data(); }
    operator ByteView() const { return {bytes.data(), N}; }
    std::string hex(bool prefixed = true) const { return to_hex(*this, prefixed); }
    bool is_zero() const { return *this == FixedBytes{}; }

    // nullopt unless `hex` holds exactly N bytes.
    static std::optional<FixedBytes> from_hex(std::string_view hex) {
        auto b = eth::from_hex(hex);
        if (!b || b->size() != N) return std::nullopt;
        FixedBytes out;
        std::copy(b->begin(), b->end(), out.bytes.begin());
        return out;
    }
    // Copies exactly N bytes; nullopt on any other length.
    static std::optional<FixedBytes> from_view(ByteView v) {
        if (v.size() != N) return std::nullopt;
        FixedBytes out;
        std::copy(v.begin(), v.end(), out.bytes.begin());
        return out;
    }

    friend auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
    friend bool operator==(const FixedBytes&, const FixedBytes&) = default;
};

using Hash = FixedBytes<32>;
using Address = FixedBytes<20>;

}  // namespace ostsim::eth

template <std::size_t N>
struct std::hash<ostsim::eth::FixedBytes<N>> {
    std::size_t operator()(const ostsim::eth::FixedBytes<N>& b) const noexcept {
        // Digests are uniformly distributed: their first word is already a good hash.
        std::size_t h = 0;
        for (std::size_t i = 0; i < sizeof h && i < N; ++i) h = (h << 8) | b.bytes[i];
        return h;
    }
};
