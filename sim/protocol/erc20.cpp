#include "protocol/erc20.hpp"

namespace ostsim::protocol {

uint256 Erc20::balance_of(Exec& x, const Address& a) const { return x.load(address, balance_slot(a)); }

Hash Erc20::allowance_slot(const Address& owner, const Address& spender) const {
    return mapping_slot(address_word(spender), mapping_slot(owner, kAllowedSlot));
}

uint256 Erc20::allowance(Exec& x, const Address& owner, const Address& spender) const {
    return x.load(address, allowance_slot(owner, spender));
}

uint256 Erc20::total_supply(Exec& x) const { return x.load(address, slot(kTotalSupplySlot)); }

bool Erc20::flagged(Exec& x, const Address& a) const {
    return x.load(address, mapping_slot(a, kFlagSlot)) != 0;
}

void Erc20::set_flag(Exec& x, const Address& a) const { x.store(address, mapping_slot(a, kFlagSlot), 1); }

Rejection Erc20::check_rule(Exec& x, const Address& caller, const Address& to) const {
    if (rule == TransferRule::UnrestrictedCaller && !flagged(x, caller))
        return Rejection::TransferRestricted;
    if (rule == TransferRule::InternalRecipient && !flagged(x, to))
        return Rejection::RecipientNotInternal;
    return Rejection::None;
}

Rejection Erc20::move(Exec& x, const Address& from, const Address& to, const uint256& amount) const {
    const uint256 from_balance = balance_of(x, from);
    if (from_balance < amount) return Rejection::InsufficientBalance;  // SafeMath.sub reverts
    x.store(address, balance_slot(from), from_balance - amount);
    x.store(address, balance_slot(to), balance_of(x, to) + amount);
    x.emit({"Transfer", {}, to, amount}, 3, 32);
    return Rejection::None;
}

Rejection Erc20::transfer(Exec& x, const Address& from, const Address& to, const uint256& amount) const {
    if (auto r = check_rule(x, from, to); r != Rejection::None) return r;
    return move(x, from, to, amount);
}

Rejection Erc20::transfer_from(Exec& x, const Address& spender, const Address& from,
                               const Address& to, const uint256& amount) const {
    if (auto r = check_rule(x, spender, to); r != Rejection::None) return r;
    const uint256 allowed = allowance(x, from, spender);
    if (allowed < amount) return Rejection::InsufficientAllowance;
    if (auto r = move(x, from, to, amount); r != Rejection::None) return r;
    x.store(address, allowance_slot(from, spender), allowed - amount);
    return Rejection::None;
}

void Erc20::approve(Exec& x, const Address& owner, const Address& spender, const uint256& amount) const {
    x.store(address, allowance_slot(owner, spender), amount);
    x.emit({"Approval", {}, spender, amount}, 3, 32);
}

void Erc20::mint(Exec& x, const Address& to, const uint256& amount) const {
    x.store(address, balance_slot(to), balance_of(x, to) + amount);
    x.store(address, slot(kTotalSupplySlot), total_supply(x) + amount);
    x.emit({"Transfer", {}, to, amount}, 3, 32);
}

Rejection Erc20::burn(Exec& x, const Address& from, const uint256& amount) const {
    const uint256 balance = balance_of(x, from);
    if (balance < amount) return Rejection::InsufficientBalance;
    x.store(address, balance_slot(from), balance - amount);
    x.store(address, slot(kTotalSupplySlot), total_supply(x) - amount);
    x.emit({"Transfer", {}, {}, amount}, 3, 32);
    return Rejection::None;
}

}  // namespace ostsim::protocol
