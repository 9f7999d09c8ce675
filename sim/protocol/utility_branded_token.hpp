// UtilityBrandedToken on an auxiliary core (BT UtilityBrandedToken.sol on UT UtilityToken.sol;
// PROTOCOL.md 4.3): the 1:1 image of a BrandedToken, minted and burnt only by its co-gateway.
// Transfers go only to internal actors, registered (irrevocably) by a worker; the co-gateway is
// one from deployment. exists(a) - what confirmStakeIntent asks of a beneficiary - is "a is an
// internal actor".
#pragma once

#include <span>

#include "protocol/erc20.hpp"
#include "protocol/organization.hpp"

namespace ostsim::protocol {

struct UtilityBrandedToken {
    Erc20 token{{}, TransferRule::InternalRecipient};
    Address co_gateway;
    Organization organization;

    void deploy(Exec& x) const { token.set_flag(x, co_gateway); }
    bool exists(Exec& x, const Address& a) const { return token.flagged(x, a); }
    Rejection register_internal_actors(Exec& x, const Address& worker,
                                       std::span<const Address> who) const;
    Rejection increase_supply(Exec& x, const Address& caller, const Address& account,
                              const uint256& amount) const;
    // Burns the co-gateway's own balance.
    Rejection decrease_supply(Exec& x, const Address& caller, const uint256& amount) const;
};

}  // namespace ostsim::protocol
