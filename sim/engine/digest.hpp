// A 64-bit running digest of committed events, for determinism checks. Each LP keeps its own
// chain over the events it commits, in order; the run's digest folds the LP chains in LP order.
// Both are independent of partitions and threads, since an LP's event sequence is.
// Not cryptographic: it detects accidental divergence, not tampering.
#pragma once

#include <cstdint>

namespace ostsim::engine {

// The splitmix64 finaliser (Steele, Lea, Flood 2014): a cheap bijective mixer.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t digest_step(std::uint64_t h, std::uint64_t a, std::uint64_t b) {
    return mix64((h ^ a) * 0x9e3779b97f4a7c15ULL + b);
}

}  // namespace ostsim::engine
