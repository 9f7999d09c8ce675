#include "protocol/hash_chain.hpp"

#include <stdexcept>

#include "eth/keccak.hpp"

namespace ostsim::protocol {

HashChain::HashChain(const eth::Hash& seed, std::uint32_t n) {
    if (n == 0) throw std::invalid_argument("HashChain: n must be at least 1");
    secrets_.resize(std::size_t{n} + 1);
    secrets_[n] = seed;
    for (std::uint32_t i = n; i > 0; --i) secrets_[i - 1] = eth::keccak256(secrets_[i]);
}

}  // namespace ostsim::protocol
