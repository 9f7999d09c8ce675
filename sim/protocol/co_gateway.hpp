// CoGateway on an auxiliary core (MC gateway/EIP20CoGateway.sol; PROTOCOL.md 1.5, 1.6): the
// target of stake & mint, minting the utility token (OST Prime or a UtilityBrandedToken), and
// the source of redeem & unstake, whose bounty and penalty are paid in the base coin as
// msg.value. It has no activation flag.
//
// Storage past GatewayBase's (ostsim's layout, never proven remotely): mints (hash => {amount,
// beneficiary}) at slot 15, redeems (hash => {amount, beneficiary, bounty}) at 16.
#pragma once

#include "protocol/gateway.hpp"

namespace ostsim::protocol {

struct CoGateway : GatewayBase {
    Address utility_token;  // an OstPrime or a UtilityBrandedToken

    static constexpr std::uint64_t kMintsSlot = 15;
    static constexpr std::uint64_t kRedeemsSlot = 16;

    void deploy(Exec& x, const uint256& bounty, const Address& gateway) const {
        GatewayBase::deploy(x, bounty, gateway);
    }

    // S3 confirmStakeIntent, S4b progressMint by secret or proof, R2 confirmRevertStakeIntent.
    Rejection confirm_stake_intent(Exec& x, const IntentParams& p) const;
    Rejection progress_mint(Exec& x, const Address& caller, const Hash& h, const Hash& secret) const;
    Rejection progress_mint_with_proof(Exec& x, const Address& caller, const Hash& h,
                                       std::uint64_t height, const eth::Proof& proof,
                                       Status proven) const;
    Rejection confirm_revert_stake_intent(Exec& x, const Hash& h, std::uint64_t height,
                                          const eth::Proof& proof) const;
    // D1 redeem (msg.value == bounty, already held by the co-gateway), D4a progressRedeem by
    // secret or proof, revertRedeem (msg.value == 1.5 x bounty) and progressRevertRedeem.
    Rejection redeem(Exec& x, const Address& redeemer, const uint256& value,
                     const StakeParams& p) const;
    Rejection progress_redeem(Exec& x, const Address& caller, const Hash& h, const Hash& secret) const;
    Rejection progress_redeem_with_proof(Exec& x, const Address& caller, const Hash& h,
                                         std::uint64_t height, const eth::Proof& proof,
                                         Status proven) const;
    Rejection revert_redeem(Exec& x, const Address& caller, const uint256& value, const Hash& h) const;
    Rejection progress_revert_redeem(Exec& x, const Hash& h, std::uint64_t height,
                                     const eth::Proof& proof) const;

private:
    Rejection finish_mint(Exec& x, const Address& caller, const Hash& h, const Message& m) const;
    Rejection finish_redeem(Exec& x, const Address& caller, const Hash& h, const Message& m) const;
};

}  // namespace ostsim::protocol
