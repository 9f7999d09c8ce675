#include "protocol/token_rules.hpp"

namespace ostsim::protocol {

void TokenRules::allow_transfers(Exec& x, const Address& holder) const {
    x.store(address, allowed_slot(holder), 1);
}

void TokenRules::disallow_transfers(Exec& x, const Address& holder) const {
    x.store(address, allowed_slot(holder), 0);
}

bool TokenRules::transfers_allowed(Exec& x, const Address& holder) const {
    return x.load(address, allowed_slot(holder)) != 0;
}

Rejection TokenRules::execute_transfers(Exec& x, const Erc20& token, const Address& from,
                                        const Address& to, const uint256& amount) const {
    if (!transfers_allowed(x, from)) return Rejection::TransfersNotAllowed;
    disallow_transfers(x, from);
    x.charge(x.schedule().call);  // token.transferFrom
    return token.transfer_from(x, address, from, to, amount);
}

}  // namespace ostsim::protocol
