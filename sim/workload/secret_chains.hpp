// The hash chains of the sessions a client spent from last, so that a chain is made once per
// session and not again for every spend: a user's compact state keeps only the chain's seed, and
// s_i alone costs n - i keccak256 calls (a 16-secret session made 136 calls for its opening and
// spends, 16 with the chains kept). Direct-mapped by seed: a session whose chain was evicted, or
// one longer than kMaxSecrets, is made again (or hashed through), so memory stays bounded
// whatever the number of users and the secrets are the same either way.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "protocol/hash_chain.hpp"

namespace ostsim::workload {

class SecretChains {
public:
    static constexpr std::uint32_t kMaxSecrets = 64;  // a longer chain is hashed through each time

    explicit SecretChains(std::size_t slots = 1024) : slots_(slots) {}

    // s_i of the n-secret chain whose seed is s_n (0 <= i <= n).
    eth::Hash secret(const eth::Hash& seed, std::uint32_t n, std::uint32_t i);

private:
    struct Slot {
        eth::Hash seed;
        std::optional<protocol::HashChain> chain;
    };
    std::vector<Slot> slots_;
};

}  // namespace ostsim::workload
