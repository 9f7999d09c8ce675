// Anchor: the state roots of a remote core that this core trusts (MC anchor/Anchor.sol,
// OIP-0010; PROTOCOL.md 2.1, 2.3). A ring buffer of the last `max_state_roots` anchored heights;
// anchoring needs a non-zero root and a height above the latest, and evicts the oldest root, after
// which getStateRoot of that height is zero and proofs against it fail.
//
// Who may anchor: the organisation (the deployed m0 contracts), or, under FinalizedOnly, only the
// consensus contract and only heights the block context knows to be final on the remote core
// (Mosaic-1's Consensus/Coconsensus), which the Anchor names by its index (`remote_core`).
//
// Storage as Anchor.sol declares it (Organized, CircularBufferUint, then its own): organization
// at slot 0, the ring of heights at 1 (index at 2), stateRoots at 3 (remoteChainId, slot 4, is
// not kept: ostsim's cores are told apart by their contracts' addresses). The
// latest height is the ring's head. As in the contract, the evicted height's root is deleted
// even before the ring has wrapped (height 0 is then "evicted"), so a root anchored at height 0
// lasts only until the next anchor.
#pragma once

#include "protocol/circular_buffer.hpp"
#include "protocol/organization.hpp"

namespace ostsim::protocol {

enum class AnchorRule : std::uint8_t { Organization, FinalizedOnly };

struct Anchor {
    Address address;
    Organization organization;
    Address consensus;  // the only anchorer under FinalizedOnly
    std::uint64_t max_state_roots = 100;  // MC/M1 default 100 (PROTOCOL.md 2.1, 6)
    AnchorRule rule = AnchorRule::Organization;
    std::uint32_t remote_core = 0;  // whose finality FinalizedOnly reads from the block context

    static constexpr std::uint64_t kOrganizationSlot = 0;
    static constexpr std::uint64_t kItemsSlot = 1;
    static constexpr std::uint64_t kStateRootsSlot = 3;

    // The constructor: seeds one root (MC Anchor ctor).
    void deploy(Exec& x, std::uint64_t height, const Hash& root) const;
    Rejection anchor_state_root(Exec& x, const Address& caller, std::uint64_t height,
                                const Hash& root) const;

    // getStateRoot: zero if never anchored or evicted.
    static Hash state_root(Exec& x, const Address& anchor, std::uint64_t height);
    std::uint64_t latest_height(Exec& x) const;

private:
    CircularBuffer heights() const { return {address, kItemsSlot, max_state_roots}; }
};

}  // namespace ostsim::protocol
