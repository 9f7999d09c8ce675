// Why a contract call was rejected: the require() that failed, named once for every contract.
// A rejected call changes no state (the EVM reverts), but its gas up to the failing check is spent.
#pragma once

#include <cstdint>
#include <string_view>

namespace ostsim::protocol {

enum class Rejection : std::uint8_t {
    None,
    // Call envelope.
    IntrinsicGas,        // gas limit below the intrinsic gas: not includable, uses no gas
    OutOfGas,            // the call needs more gas than its gas limit
    NoSuchContract,      // `to` holds no contract of the kind the call addresses
    WrongValue,          // msg.value is not what the function takes (bounty, penalty, none)
    InsufficientFunds,   // native balance below msg.value
    // Roles.
    NotOrganization,     // only the organisation (owner or admin) may call
    NotWorker,           // only an organisation worker may call
    NotConsensus,        // finalised-only anchor: only its consensus contract may anchor
    NotCoGateway,        // utility token supply changes only through its co-gateway
    NotMessageSender,    // revocation by someone other than the staker or redeemer
    // Anchor.
    ZeroStateRoot,
    HeightNotIncreasing,
    NotFinalized,        // finalised-only anchor: the height is above the remote finalised one
    // Proofs.
    StateRootUnknown,      // the local anchor holds no root at that height (never or evicted)
    AccountProofInvalid,   // the remote gateway's account does not verify against the root
    StorageRootNotProved,  // no storage root proven for that height (never or evicted)
    StorageProofInvalid,   // the status entry does not verify, or holds another status
    ProvenStatusNotAllowed,// a ...WithProof call claiming a status the rule does not accept
    // Message bus and gateways.
    GatewayNotActivated,
    GatewayAlreadyActivated,
    ZeroAmount,
    ZeroAddress,             // staker, redeemer or beneficiary is 0x0
    AmountNotAboveMaxReward, // amount <= gasPrice x gasLimit
    WrongNonce,
    PreviousProcessInFlight, // the sender's last message is not Progressed or Revoked
    MessageExists,           // the hash is already in that box
    WrongStatus,             // the message is not in the status the step starts from
    WrongSecret,             // keccak256(secret) != hashLock
    UnknownMessage,          // no stake, mint, redeem or unstake record for the hash
    BeneficiaryNotInternal,  // the utility token does not accept this beneficiary
    BountyUnchanged,
    BountyChangeLocked,      // the unlock height has not passed
    // Tokens.
    InsufficientBalance,
    InsufficientAllowance,
    TransfersNotAllowed,     // TokenRules: the holder did not allow this batch
    TransferRestricted,      // branded token: the caller's restriction is not lifted
    RecipientNotInternal,    // utility branded token: transfers go to internal actors only
    AlreadyInitialized,
    NotInitialized,
    ConversionMismatch,      // branded token: mint != convert(stake)
    RequestPending,          // branded token: one open stake request per staker
    NoSuchRequest,
};
std::string_view to_string(Rejection r);

}  // namespace ostsim::protocol
