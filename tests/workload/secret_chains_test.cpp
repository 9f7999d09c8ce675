// The driver's kept chains give the secrets that hashing the seed through gives, whether a chain
// is kept, evicted and remade, or too long to keep.
#include <gtest/gtest.h>

#include "eth/keccak.hpp"
#include "workload/economy.hpp"
#include "workload/secret_chains.hpp"

namespace ostsim::workload {
namespace {

eth::Hash hashed_through(eth::Hash s, std::uint32_t n, std::uint32_t i) {
    for (std::uint32_t k = i; k < n; ++k) s = eth::keccak256(s);
    return s;
}

TEST(SecretChains, SameSecretsAsHashingTheSeedThrough) {
    SecretChains chains(2);  // two slots: seeds collide and evict each other
    for (std::uint32_t n : {1u, 16u, SecretChains::kMaxSecrets + 1}) {
        for (std::uint64_t user = 0; user < 5; ++user) {
            const eth::Hash seed = derive("secret chains test", {user, n});
            for (std::uint32_t i = 0; i <= n; ++i) EXPECT_EQ(chains.secret(seed, n, i), hashed_through(seed, n, i));
        }
        // Interleaved users: each lookup may evict the other's chain.
        const eth::Hash a = derive("secret chains test", {7, n}), b = derive("secret chains test", {8, n});
        for (std::uint32_t i = n; i-- > 0;) {
            EXPECT_EQ(chains.secret(a, n, i), hashed_through(a, n, i));
            EXPECT_EQ(chains.secret(b, n, i), hashed_through(b, n, i));
        }
    }
}

TEST(SecretChains, AKeptChainIsNotHashedAgain) {
    SecretChains chains;
    const eth::Hash seed = derive("secret chains test", {1});
    (void)chains.secret(seed, 16, 0);
    const std::uint64_t before = eth::keccak_counters().calls;
    for (std::uint32_t i = 1; i <= 16; ++i) (void)chains.secret(seed, 16, i);
    EXPECT_EQ(eth::keccak_counters().calls, before);
    // The same seed with another length is another chain.
    EXPECT_EQ(chains.secret(seed, 8, 3), hashed_through(seed, 8, 3));
}

}  // namespace
}  // namespace ostsim::workload
