#include "protocol/circular_buffer.hpp"

namespace ostsim::protocol {

void CircularBuffer::init(Exec& x) const { x.store(contract, slot(items_slot), size); }

uint256 CircularBuffer::store(Exec& x, const uint256& item) const {
    const Hash index_slot = slot(items_slot + 1);
    const auto next = static_cast<std::uint64_t>((x.load(contract, index_slot) + 1) % size);
    const Hash at = array_element(items_slot, next);
    uint256 evicted = x.load(contract, at);
    x.store(contract, at, item);
    x.store(contract, index_slot, next);
    return evicted;
}

uint256 CircularBuffer::head(Exec& x) const {
    const auto index = static_cast<std::uint64_t>(x.load(contract, slot(items_slot + 1)));
    return x.load(contract, array_element(items_slot, index));
}

}  // namespace ostsim::protocol
