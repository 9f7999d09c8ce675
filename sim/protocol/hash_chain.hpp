// The client side of a seed-paper session (seed section 4; PROTOCOL.md 3.5): from a random
// 256-bit seed s_n, the secrets s_i = keccak256(s_{i+1}) for i = n-1 .. 0. s_0, the anchor, is
// what the device approves on-chain; spends then present s_1, s_2, ... in order, each checked
// on-chain against the last accepted secret with keccak256.
//
// Limits: keeps all n+1 secrets (32 bytes each); a compact client would keep the seed and
// recompute (n - i hashes for s_i) or keep checkpoints.
#pragma once

#include <vector>

#include "eth/bytes.hpp"

namespace ostsim::protocol {

class HashChain {
public:
    // n >= 1 spendable secrets s_1 .. s_n.
    HashChain(const eth::Hash& seed, std::uint32_t n);
    std::uint32_t size() const { return static_cast<std::uint32_t>(secrets_.size() - 1); }
    const eth::Hash& anchor() const { return secrets_.front(); }
    // s_i, 0 <= i <= size().
    const eth::Hash& secret(std::uint32_t i) const { return secrets_.at(i); }

private:
    std::vector<eth::Hash> secrets_;  // s_0 .. s_n
};

}  // namespace ostsim::protocol
