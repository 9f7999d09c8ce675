#include "protocol/ost_prime.hpp"

namespace ostsim::protocol {

Rejection OstPrime::initialize(Exec& x, const uint256& value) const {
    if (initialized(x)) return Rejection::AlreadyInitialized;
    if (value != tokens_max) return Rejection::WrongValue;
    x.store(token.address, slot(kInitializedSlot), 1);
    x.emit({"TokenInitialized", {}, token.address, value}, 1, 32);
    return Rejection::None;
}

Rejection OstPrime::wrap(Exec& x, const Address& caller, const uint256& value) const {
    if (!initialized(x)) return Rejection::NotInitialized;
    if (value == 0) return Rejection::ZeroAmount;
    if (auto r = token.transfer(x, token.address, caller, value); r != Rejection::None) return r;
    x.emit({"TokenWrapped", {}, caller, value}, 2, 32);
    return Rejection::None;
}

Rejection OstPrime::unwrap(Exec& x, const Address& caller, const uint256& amount) const {
    if (!initialized(x)) return Rejection::NotInitialized;
    if (amount == 0) return Rejection::ZeroAmount;
    if (auto r = token.transfer(x, caller, token.address, amount); r != Rejection::None) return r;
    x.charge(x.schedule().call + x.schedule().call_value);
    if (!x.send(token.address, caller, amount)) return Rejection::InsufficientFunds;
    x.emit({"TokenUnwrapped", {}, caller, amount}, 2, 32);
    return Rejection::None;
}

Rejection OstPrime::increase_supply(Exec& x, const Address& caller, const Address& account,
                                    const uint256& amount) const {
    if (caller != co_gateway) return Rejection::NotCoGateway;
    if (!initialized(x)) return Rejection::NotInitialized;
    token.mint(x, token.address, amount);
    x.charge(x.schedule().call + x.schedule().call_value);
    if (!x.send(token.address, account, amount)) return Rejection::InsufficientFunds;
    return Rejection::None;
}

Rejection OstPrime::decrease_supply(Exec& x, const Address& caller, const uint256& amount) const {
    if (caller != co_gateway) return Rejection::NotCoGateway;
    if (!initialized(x)) return Rejection::NotInitialized;
    return token.burn(x, caller, amount);
}

}  // namespace ostsim::protocol
