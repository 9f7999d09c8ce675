// The protocol contracts deployed on one core, found by address: what a call's `to` names and
// what one contract asks of another (a gateway of its tokens, a co-gateway of its utility
// token). Configuration only - every contract's state is in the core's world state - so one
// Contracts serves every version of that state.
#pragma once

#include <unordered_map>
#include <variant>

#include "protocol/anchor.hpp"
#include "protocol/branded_token.hpp"
#include "protocol/co_gateway.hpp"
#include "protocol/gateway.hpp"
#include "protocol/ost_prime.hpp"
#include "protocol/utility_branded_token.hpp"

namespace ostsim::protocol {

using Contract = std::variant<Anchor, Gateway, CoGateway, Erc20, BrandedToken, UtilityBrandedToken,
                              OstPrime>;
const Address& address_of(const Contract& c);

class Contracts {
public:
    // Replaces any contract at the same address.
    void add(Contract c);

    template <typename T>
    const T* find(const Address& a) const {
        auto it = by_address_.find(a);
        return it == by_address_.end() ? nullptr : std::get_if<T>(&it->second);
    }
    // The EIP-20 side of the token at `a`: OST, a branded token, a utility token. A missing
    // token is a deployment error (std::logic_error), not a rejection.
    const Erc20* erc20(const Address& a) const;
    const Erc20* utility_erc20(const Address& a) const { return erc20(a); }

    // UtilityToken's interface as the co-gateway uses it, for OstPrime or UtilityBrandedToken.
    bool utility_exists(Exec& x, const Address& token, const Address& who) const;
    Rejection increase_supply(Exec& x, const Address& token, const Address& caller,
                              const Address& account, const uint256& amount) const;
    Rejection decrease_supply(Exec& x, const Address& token, const Address& caller,
                              const uint256& amount) const;

private:
    std::unordered_map<Address, Contract> by_address_;
};

}  // namespace ostsim::protocol
