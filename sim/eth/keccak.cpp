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
    // One hasher per thread: constructing one zeroes its state and destroying it wipes it
    // again, a cost per call that the trie's many small hashes felt. CalculateDigest restarts it.
    thread_local CryptoPP::Keccak_256 h;
    Hash out;
    h.CalculateDigest(out.data(), data.data(), data.size());
    return out;
}

}  // namespace ostsim::eth
