// Per-entity random streams: Philox4x32-10 (Random123), a counter-based generator. Stream
// (seed, entity) returns the blocks philox(key = seed, counter = (n, entity)) for n = 0, 1, ...
// so every entity owns a disjoint slice of one counter space: streams never overlap, adding an
// entity perturbs no other, and a stream's output does not depend on which thread draws it.
//
// Limits: 2^64 blocks (4 words each) per entity. below(n) maps 32 random bits by multiply-shift
// (Lemire), so its bias is at most n / 2^32, negligible for the populations ostsim draws from.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace ostsim::engine {

class Stream {
  public:
    using Block = std::array<std::uint32_t, 4>;

    Stream() = default;
    // `first_block`: resume a stream whose owner kept only blocks_drawn() (a compact entity,
    // such as a workload's user, that holds no Stream between its events).
    Stream(std::uint64_t seed, std::uint64_t entity, std::uint64_t first_block = 0)
        : seed_(seed), entity_(entity), next_block_(first_block) {}

    // The n-th block of this stream, independent of what has been drawn.
    Block block(std::uint64_t n) const {
        r123::Philox4x32 gen;
        r123::Philox4x32::ctr_type ctr = {{lo(n), hi(n), lo(entity_), hi(entity_)}};
        r123::Philox4x32::key_type key = {{lo(seed_), hi(seed_)}};
        auto r = gen(ctr, key);
        return {r[0], r[1], r[2], r[3]};
    }

    std::uint32_t next_u32() {
        if (used_ == 4) {
            buf_ = block(next_block_++);
            used_ = 0;
        }
        return buf_[used_++];
    }

    std::uint64_t next_u64() {
        std::uint64_t h = next_u32();
        return (h << 32) | next_u32();
    }

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    // Uniform on [0, 2^32) / 2^32 with 32 bits: enough for a Bernoulli trial.
    double uniform32() { return static_cast<double>(next_u32()) * 0x1.0p-32; }

    // Uniform integer in [0, n), n >= 1.
    std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>((std::uint64_t{next_u32()} * n) >> 32);
    }

    // Exponential with the given mean; 1 - uniform() lies in (0, 1], so the log is finite.
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

    // Standard normal by the Box-Muller transform (one of the pair; the other is not kept, so
    // a draw's value depends only on the stream position).
    double normal() {
        const double u = 1.0 - uniform();  // (0, 1]
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * 3.14159265358979323846 * v);
    }

    std::uint64_t blocks_drawn() const { return next_block_; }

  private:
    static std::uint32_t lo(std::uint64_t x) { return static_cast<std::uint32_t>(x); }
    static std::uint32_t hi(std::uint64_t x) { return static_cast<std::uint32_t>(x >> 32); }

    std::uint64_t seed_ = 0;
    std::uint64_t entity_ = 0;
    std::uint64_t next_block_ = 0;
    Block buf_{};
    std::uint32_t used_ = 4;  // words of buf_ already returned
};

}  // namespace ostsim::engine
