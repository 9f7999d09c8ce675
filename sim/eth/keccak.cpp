#include "eth/keccak.hpp"

#include <cryptopp/keccak.h>

namespace ostsim::eth {

KeccakCounters& keccak_counters() {
    thread_local KeccakCounters counters;
    return counters;
}

Hash keccak256(ByteView data) {
    auto& c = keccak_counters();
    ++c.calls;
    c.permutations += data.size() / kKeccakRate + 1;
    if (c.lengths) c.lengths->push_back(static_cast<std::uint32_t>(data.size()));
    Hash out;
    CryptoPP::Keccak_256 h;
    h.CalculateDigest(out.data(), data.data(), data.size());
    return out;
}

}  // namespace ostsim::eth
