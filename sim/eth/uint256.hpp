// 256-bit unsigned integers (EVM words) on Boost.Multiprecision, with big-endian conversion.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include "eth/bytes.hpp"

namespace ostsim::eth {

// Wraps modulo 2^256 like the EVM (unchecked); use checked arithmetic in contracts where
// Solidity's SafeMath reverts.
using uint256 = boost::multiprecision::uint256_t;

// The 32-byte big-endian word.
FixedBytes<32> to_word(const uint256& v);
uint256 from_word(const FixedBytes<32>& w);

// Big-endian bytes without leading zeros (empty for zero), as RLP encodes integers.
Bytes to_minimal_bytes(const uint256& v);
// How many bytes those are: 0 for zero, else 1 to 32.
std::size_t minimal_length(const uint256& v);
// Big-endian bytes of any length up to 32; nullopt if longer.
std::optional<uint256> from_big_endian(ByteView b);

}  // namespace ostsim::eth
