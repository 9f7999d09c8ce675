// A fixed ring of N uint256 items in contract storage, as MC's CircularBufferUint keeps it: the
// items as a dynamic array at slot p (length word at p, item i at keccak256(p) + i), the index of
// the last write at slot p + 1. store() moves to the next position, overwrites it and returns
// what it held, so the caller can delete the data keyed by the evicted item (PROTOCOL.md 2.1).
#pragma once

#include "protocol/exec.hpp"

namespace ostsim::protocol {

struct CircularBuffer {
    Address contract;
    std::uint64_t items_slot = 0;  // p; the index lives at p + 1
    std::uint64_t size = 1;

    // The constructor's work: the array length (the items start as zeros).
    void init(Exec& x) const;
    // Returns the evicted item (zero until the ring has wrapped).
    uint256 store(Exec& x, const uint256& item) const;
    // The item written last.
    uint256 head(Exec& x) const;
};

}  // namespace ostsim::protocol
