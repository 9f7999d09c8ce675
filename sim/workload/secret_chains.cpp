#include "workload/secret_chains.hpp"

#include <cstring>

#include "eth/keccak.hpp"

namespace ostsim::workload {

eth::Hash SecretChains::secret(const eth::Hash& seed, std::uint32_t n, std::uint32_t i) {
    if (n == 0 || n > kMaxSecrets || slots_.empty()) {
        eth::Hash s = seed;
        for (std::uint32_t k = i; k < n; ++k) s = eth::keccak256(s);
        return s;
    }
    std::uint64_t h;  // seeds are keccak256 digests: any 8 of their bytes index evenly
    std::memcpy(&h, seed.bytes.data(), sizeof h);
    Slot& slot = slots_[static_cast<std::size_t>(h % slots_.size())];
    if (!slot.chain || slot.seed != seed || slot.chain->size() != n) {
        slot.seed = seed;
        slot.chain.emplace(seed, n);
    }
    return slot.chain->secret(i);
}

}  // namespace ostsim::workload
