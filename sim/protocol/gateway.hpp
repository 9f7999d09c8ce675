// Gateway on the origin core (MC gateway/EIP20Gateway.sol; PROTOCOL.md 1.5, 1.6): the source of
// stake & mint and the target of redeem & unstake. Staked value tokens wait in the gateway
// until the stake progresses, then sit in the stake vault (SimpleStake) until an unstake releases
// them. Bounties and penalties are paid in the base token (OST).
//
// Storage past GatewayBase's (ostsim's layout, never proven remotely): activated at slot 15,
// stakes (hash => {amount, beneficiary, bounty}) at 16, unstakes (hash => {amount, beneficiary})
// at 17. The vault is an address whose value-token balance only this gateway moves, which is
// all SimpleStake does.
#pragma once

#include "protocol/gateway_base.hpp"

namespace ostsim::protocol {

struct StakeParams {
    uint256 amount = 0;
    Address beneficiary;
    uint256 gas_price = 0;
    uint256 gas_limit = 0;
    uint256 nonce = 0;
    Hash hash_lock;
};

// What confirmStakeIntent and confirmRedeemIntent are told about the remote declaration.
struct IntentParams {
    Address sender;  // staker or redeemer
    uint256 nonce = 0;
    Address beneficiary;
    uint256 amount = 0;
    uint256 gas_price = 0;
    uint256 gas_limit = 0;
    Hash hash_lock;
    std::uint64_t height = 0;
    eth::Proof proof;  // storage proof of the remote outbox entry
};

struct Gateway : GatewayBase {
    Address value_token;  // OST or a BrandedToken
    Address base_token;   // OST: bounties and penalties
    Address stake_vault;

    static constexpr std::uint64_t kActivatedSlot = 15;
    static constexpr std::uint64_t kStakesSlot = 16;
    static constexpr std::uint64_t kUnstakesSlot = 17;

    void deploy(Exec& x, const uint256& bounty) const { GatewayBase::deploy(x, bounty, {}); }
    bool activated(Exec& x) const { return x.load(address, slot(kActivatedSlot)) != 0; }
    Rejection activate(Exec& x, const Address& caller, const Address& co_gateway) const;
    Rejection deactivate(Exec& x, const Address& caller) const;

    // S1 stake (staker = caller).
    Rejection stake(Exec& x, const Address& staker, const StakeParams& p) const;
    // S4a progressStake, and by proof of the co-gateway's inbox.
    Rejection progress_stake(Exec& x, const Address& caller, const Hash& h, const Hash& secret) const;
    Rejection progress_stake_with_proof(Exec& x, const Address& caller, const Hash& h,
                                        std::uint64_t height, const eth::Proof& proof,
                                        Status proven) const;
    // R1 revertStake (staker only; 1.5 x bounty burnt), R3 progressRevertStake.
    Rejection revert_stake(Exec& x, const Address& caller, const Hash& h) const;
    Rejection progress_revert_stake(Exec& x, const Hash& h, std::uint64_t height,
                                    const eth::Proof& proof) const;
    // D3 confirmRedeemIntent, D4b progressUnstake, by secret or by proof; revocation's confirm.
    Rejection confirm_redeem_intent(Exec& x, const IntentParams& p) const;
    Rejection progress_unstake(Exec& x, const Address& caller, const Hash& h, const Hash& secret) const;
    Rejection progress_unstake_with_proof(Exec& x, const Address& caller, const Hash& h,
                                          std::uint64_t height, const eth::Proof& proof,
                                          Status proven) const;
    Rejection confirm_revert_redeem_intent(Exec& x, const Hash& h, std::uint64_t height,
                                           const eth::Proof& proof) const;

private:
    Rejection finish_stake(Exec& x, const Address& caller, const Hash& h, const Message& m) const;
    Rejection finish_unstake(Exec& x, const Address& caller, const Hash& h, const Message& m) const;
};

}  // namespace ostsim::protocol
