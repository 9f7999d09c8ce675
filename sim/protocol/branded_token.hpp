// BrandedToken on origin (BT BrandedToken.sol, OIP-0001; PROTOCOL.md 4.1): an EIP-20 token backed
// by OST staked into it at a conversion rate, BT = OST x rate / 10^rateDecimals (floor), and
// redeemable back at OST = BT x 10^rateDecimals / rate (floor). Staking is a request (OST pulled
// into the token) that an organisation worker accepts (BT minted) or rejects, or the staker
// revokes (OST refunded). Transfers need the caller's restriction lifted by a worker.
//
// Simplified: the contract accepts a request when a worker's EIP-712 signature over it is sent
// by anyone; ostsim takes the worker as the sender instead (no signature is checked).
//
// Storage past Erc20's: stakeRequestHashes (staker => hash) at slot 8, stakeRequests (hash =>
// {staker, stake, nonce}) at 9, the request nonce at 10 (ostsim's layout).
#pragma once

#include <span>

#include "protocol/erc20.hpp"
#include "protocol/organization.hpp"

namespace ostsim::protocol {

struct BrandedToken {
    Erc20 token{{}, TransferRule::UnrestrictedCaller};
    Address value_token;  // OST
    uint256 conversion_rate = 1;
    std::uint8_t conversion_rate_decimals = 0;  // at most 5 (BT ctor)
    Organization organization;

    static constexpr std::uint64_t kRequestHashSlot = 8;
    static constexpr std::uint64_t kRequestsSlot = 9;
    static constexpr std::uint64_t kNonceSlot = 10;

    uint256 convert_to_branded(const uint256& ost) const;
    uint256 convert_to_value(const uint256& bt) const;
    // keccak256(abi.encode(keccak256("StakeRequest(address staker,uint256 stake,uint256 nonce)"),
    // staker, stake, nonce)).
    static Hash stake_request_hash(const Address& staker, const uint256& stake, const uint256& nonce);

    Rejection request_stake(Exec& x, const Address& staker, const uint256& stake,
                            const uint256& mint) const;
    Rejection accept_stake_request(Exec& x, const Address& worker, const Hash& request) const;
    Rejection revoke_stake_request(Exec& x, const Address& staker, const Hash& request) const;
    Rejection reject_stake_request(Exec& x, const Address& worker, const Hash& request) const;
    Rejection redeem(Exec& x, const Address& caller, const uint256& bt) const;
    Rejection lift_restriction(Exec& x, const Address& worker, std::span<const Address> who) const;

private:
    // Deletes the request and refunds its OST to the staker.
    Rejection refund(Exec& x, const Hash& request, std::string_view event) const;
};

}  // namespace ostsim::protocol
