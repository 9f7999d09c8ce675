// keccak256 as Ethereum defines it: the original Keccak submission with 0x01 padding (Crypto++
// Keccak_256), not FIPS-202 SHA3-256, which pads with 0x06 and gives other digests.
#pragma once

#include <cstdint>
#include <vector>

#include "eth/bytes.hpp"

namespace ostsim::eth {

Hash keccak256(ByteView data);

// keccak256("") — the code hash of an account without code.
inline constexpr std::string_view kEmptyKeccakHex =
    "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

// Keccak-256 absorbs 136-byte blocks (rate = 1600 - 2 x 256 bits); a message of n bytes costs
// n / 136 + 1 permutations because padding always adds at least one byte.
inline constexpr std::size_t kKeccakRate = 136;

// Calls and permutations made by keccak256 on this thread, for benchmarks that compare work
// done against its hashing floor. Counting costs two increments per call. When `lengths` is
// set, each call also appends its input length there, so a benchmark can replay exactly the
// same hashing through a bare loop.
struct KeccakCounters {
    std::uint64_t calls = 0;
    std::uint64_t permutations = 0;
    std::vector<std::uint32_t>* lengths = nullptr;
};
KeccakCounters& keccak_counters();

}  // namespace ostsim::eth
