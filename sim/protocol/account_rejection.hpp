// Why an account call (TokenHolder devices, hash-chain sessions, session keys, pricer rule) was
// rejected. Kept apart from protocol::Rejection (the OST contracts' requires) so that the token
// and gateway code stays untouched; a token rejection inside an account call is carried as
// TokenRejected with the token's own reason beside it (AccountOutcome::token_rejection).
#pragma once

#include <cstdint>
#include <string_view>

namespace ostsim::protocol {

enum class AccountRejection : std::uint8_t {
    None,
    // Call envelope (as protocol::apply).
    IntrinsicGas,
    OutOfGas,
    // Device multisig.
    AlreadySetUp,
    NotSetUp,
    BadThreshold,        // 0, or above the number of devices
    BadSignature,        // a signature recovers to no key, or not to the key the call names
    NotDevice,           // a signer is not a device of the account
    DuplicateSigner,     // the same device signed twice
    BelowThreshold,      // fewer distinct device signatures than required
    DeviceExists,
    NoSuchDevice,
    // Sessions (both models).
    ZeroAddress,
    SessionKeyUsed,      // a key is never authorised twice
    BadLimits,           // e.g. zero secrets, expiration not in the future
    NoSession,
    Revoked,             // revoked by a device, or logged out (session-key model)
    Exhausted,           // every secret used, or the session budget spent
    Expired,             // session expiration height reached, or the secret's lifetime passed
    ExpiredByTime,       // session expiration time reached (block.timestamp)
    ReplayedSecret,      // the pre-image presented is the last accepted secret
    WrongPreimage,       // no keccak256 chain of at most 1 + max_skip steps reaches the anchor
    OverSecretLimit,     // amount above a hash-chain session's per-secret limit
    OverSessionLimit,    // amount would take the session over its budget
    TooFrequent,         // more than m spends in the current window
    WrongNonce,          // session-key model
    // Delayed recovery (DelayedRecoveryModule).
    BadRecoveryDelay,    // below the module's minimum
    RecoveryNotSetUp,
    NotRecoveryController,
    NotRecoveryOwner,    // the signature does not recover to the recovery owner
    RecoveryActive,      // one recovery at a time
    NoRecovery,          // none to execute or abort
    RecoveryMismatch,    // not the active recovery's (lost, new) pair
    RecoveryTooEarly,    // the recovery delay has not passed
    SameRecoveryOwner,   // a reset to the recovery owner already in place
    // Pricer rule.
    NotWorker,           // only a worker of the rule's organisation sets the price
    PriceOutsideMargin,
    NoPrice,
    // The token refused the transfer (reason in AccountOutcome::token_rejection).
    TokenRejected,
};
std::string_view to_string(AccountRejection r);

}  // namespace ostsim::protocol
