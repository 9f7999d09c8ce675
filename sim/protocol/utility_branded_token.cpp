#include "protocol/utility_branded_token.hpp"

namespace ostsim::protocol {

Rejection UtilityBrandedToken::register_internal_actors(Exec& x, const Address& worker,
                                                        std::span<const Address> who) const {
    if (!organization.is_worker(worker)) return Rejection::NotWorker;
    for (const Address& a : who) token.set_flag(x, a);
    return Rejection::None;
}

Rejection UtilityBrandedToken::increase_supply(Exec& x, const Address& caller,
                                               const Address& account, const uint256& amount) const {
    if (caller != co_gateway) return Rejection::NotCoGateway;
    if (!exists(x, account)) return Rejection::BeneficiaryNotInternal;
    token.mint(x, account, amount);
    return Rejection::None;
}

Rejection UtilityBrandedToken::decrease_supply(Exec& x, const Address& caller,
                                               const uint256& amount) const {
    if (caller != co_gateway) return Rejection::NotCoGateway;
    return token.burn(x, caller, amount);
}

}  // namespace ostsim::protocol
