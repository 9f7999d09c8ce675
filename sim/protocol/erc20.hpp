// EIP-20 balances and allowances kept in the token contract's storage, shared by every token
// ostsim models: OST on origin (MC EIP20Token), BrandedToken, UtilityBrandedToken and OST Prime's
// ERC20 side. A token's transfer rule carries what its subclass adds to transfer and
// transferFrom (BT BrandedToken.sol, UtilityBrandedToken.sol; PROTOCOL.md 4.1, 4.3).
//
// Storage (ostsim's layout; token storage is never proven remotely): totalSupply at slot 3,
// balances at 4, allowances at 5 (allowed[owner][spender] at keccak(spender . keccak(owner . 5))),
// the restriction-lifted or internal-actor flags at 6.
#pragma once

#include "protocol/exec.hpp"

namespace ostsim::protocol {

enum class TransferRule : std::uint8_t {
    Open,                // OST, OST Prime
    UnrestrictedCaller,  // BrandedToken: the caller's restriction must be lifted
    InternalRecipient,   // UtilityBrandedToken: the recipient must be an internal actor
};

struct Erc20 {
    Address address;
    TransferRule rule = TransferRule::Open;

    static constexpr std::uint64_t kTotalSupplySlot = 3;
    static constexpr std::uint64_t kBalancesSlot = 4;
    static constexpr std::uint64_t kAllowedSlot = 5;
    static constexpr std::uint64_t kFlagSlot = 6;

    uint256 balance_of(Exec& x, const Address& a) const;
    uint256 allowance(Exec& x, const Address& owner, const Address& spender) const;
    uint256 total_supply(Exec& x) const;
    // The rule's flag of `a`: restriction lifted (BT) or internal actor (UBT).
    bool flagged(Exec& x, const Address& a) const;
    void set_flag(Exec& x, const Address& a) const;

    // transfer(to, amount) sent by `from`.
    Rejection transfer(Exec& x, const Address& from, const Address& to, const uint256& amount) const;
    // transferFrom(from, to, amount) sent by `spender`.
    Rejection transfer_from(Exec& x, const Address& spender, const Address& from, const Address& to,
                            const uint256& amount) const;
    void approve(Exec& x, const Address& owner, const Address& spender, const uint256& amount) const;
    // Supply changes, with the Transfer event from or to 0x0.
    void mint(Exec& x, const Address& to, const uint256& amount) const;
    Rejection burn(Exec& x, const Address& from, const uint256& amount) const;

private:
    Hash balance_slot(const Address& a) const { return mapping_slot(a, kBalancesSlot); }
    Hash allowance_slot(const Address& owner, const Address& spender) const;
    Rejection check_rule(Exec& x, const Address& caller, const Address& to) const;
    Rejection move(Exec& x, const Address& from, const Address& to, const uint256& amount) const;
};

}  // namespace ostsim::protocol
