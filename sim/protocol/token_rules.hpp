// TokenRules (OC contracts/token/TokenRules.sol; PROTOCOL.md 3.1): the only way a rule moves a
// TokenHolder's tokens. For each spend the holder flags itself (allowTransfers), approves
// TokenRules for the spend's cap (the session key's spendingLimit, or the hash-chain session's
// per-secret amount), lets the rule call executeTransfers, then resets the approval to 0 and the
// flag (TokenHolder.executeRule). executeTransfers requires the flag, clears it at once (one
// batch per spend) and moves the tokens with token.transferFrom(holder, to, amount), TokenRules
// being the spender, so the temporary allowance bounds what a spend can move.
//
// Storage (ostsim's layout): allowedTransfers[holder] at slot 0 of the TokenRules account.
// Limits: one transfer per batch (the contracts take arrays); no registered-rule check (the
// holder calls executeTransfers on its rule's behalf) and no directTransfers.
#pragma once

#include "protocol/erc20.hpp"

namespace ostsim::protocol {

struct TokenRules {
    Address address;

    static constexpr std::uint64_t kAllowedTransfersSlot = 0;

    void allow_transfers(Exec& x, const Address& holder) const;
    void disallow_transfers(Exec& x, const Address& holder) const;
    bool transfers_allowed(Exec& x, const Address& holder) const;
    // executeTransfers(from, [to], [amount]) through `token`.
    Rejection execute_transfers(Exec& x, const Erc20& token, const Address& from, const Address& to,
                                const uint256& amount) const;

private:
    Hash allowed_slot(const Address& holder) const { return mapping_slot(holder, kAllowedTransfersSlot); }
};

}  // namespace ostsim::protocol
