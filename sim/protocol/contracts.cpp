#include "protocol/contracts.hpp"

#include <stdexcept>

namespace ostsim::protocol {

const Address& address_of(const Contract& c) {
    struct {
        const Address& operator()(const Anchor& k) const { return k.address; }
        const Address& operator()(const Gateway& k) const { return k.address; }
        const Address& operator()(const CoGateway& k) const { return k.address; }
        const Address& operator()(const Erc20& k) const { return k.address; }
        const Address& operator()(const BrandedToken& k) const { return k.token.address; }
        const Address& operator()(const UtilityBrandedToken& k) const { return k.token.address; }
        const Address& operator()(const OstPrime& k) const { return k.token.address; }
    } visitor;
    return std::visit(visitor, c);
}

void Contracts::add(Contract c) {
    const Address a = address_of(c);
    by_address_.insert_or_assign(a, std::move(c));
}

const Erc20* Contracts::erc20(const Address& a) const {
    if (auto* t = find<Erc20>(a)) return t;
    if (auto* t = find<BrandedToken>(a)) return &t->token;
    if (auto* t = find<UtilityBrandedToken>(a)) return &t->token;
    if (auto* t = find<OstPrime>(a)) return &t->token;
    throw std::logic_error("protocol: no token deployed at " + a.hex());
}

bool Contracts::utility_exists(Exec& x, const Address& token, const Address& who) const {
    if (auto* t = find<UtilityBrandedToken>(token)) return t->exists(x, who);
    if (auto* t = find<OstPrime>(token)) return t->exists(x, who);
    throw std::logic_error("protocol: no utility token deployed at " + token.hex());
}

Rejection Contracts::increase_supply(Exec& x, const Address& token, const Address& caller,
                                     const Address& account, const uint256& amount) const {
    if (auto* t = find<UtilityBrandedToken>(token)) return t->increase_supply(x, caller, account, amount);
    if (auto* t = find<OstPrime>(token)) return t->increase_supply(x, caller, account, amount);
    throw std::logic_error("protocol: no utility token deployed at " + token.hex());
}

Rejection Contracts::decrease_supply(Exec& x, const Address& token, const Address& caller,
                                     const uint256& amount) const {
    if (auto* t = find<UtilityBrandedToken>(token)) return t->decrease_supply(x, caller, amount);
    if (auto* t = find<OstPrime>(token)) return t->decrease_supply(x, caller, amount);
    throw std::logic_error("protocol: no utility token deployed at " + token.hex());
}

}  // namespace ostsim::protocol
