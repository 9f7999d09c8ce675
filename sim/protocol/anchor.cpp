#include "protocol/anchor.hpp"

#include "protocol/rejection.hpp"

namespace ostsim::protocol {

void Anchor::deploy(Exec& x, std::uint64_t height, const Hash& root) const {
    x.store(address, slot(kOrganizationSlot), to_uint(organization.owner));
    heights().init(x);
    x.store(address, mapping_slot(slot(height), kStateRootsSlot), eth::from_word(root));
    heights().store(x, height);  // the constructor deletes nothing
}

Rejection Anchor::anchor_state_root(Exec& x, const Address& caller, std::uint64_t height,
                                    const Hash& root) const {
    if (rule == AnchorRule::Organization && !organization.is_organization(caller))
        return Rejection::NotOrganization;
    if (rule == AnchorRule::FinalizedOnly) {
        if (caller != consensus) return Rejection::NotConsensus;
        const auto final_height = finalized_height(x.block().remote_finalized, remote_core);
        if (!final_height || height > *final_height) return Rejection::NotFinalized;
    }
    if (root.is_zero()) return Rejection::ZeroStateRoot;
    if (height <= latest_height(x)) return Rejection::HeightNotIncreasing;
    x.store(address, mapping_slot(slot(height), kStateRootsSlot), eth::from_word(root));
    const uint256 evicted = heights().store(x, height);
    x.store(address, mapping_slot(eth::to_word(evicted), kStateRootsSlot), 0);
    x.emit({"StateRootAvailable", root, {}, height}, 1, 64);
    return Rejection::None;
}

Hash Anchor::state_root(Exec& x, const Address& anchor, std::uint64_t height) {
    return eth::to_word(x.load(anchor, mapping_slot(slot(height), kStateRootsSlot)));
}

std::uint64_t Anchor::latest_height(Exec& x) const {
    return static_cast<std::uint64_t>(heights().head(x));
}

}  // namespace ostsim::protocol
