#include "protocol/account_rejection.hpp"

namespace ostsim::protocol {

std::string_view to_string(AccountRejection r) {
    switch (r) {
        case AccountRejection::None: return "none";
        case AccountRejection::IntrinsicGas: return "intrinsic gas too low";
        case AccountRejection::OutOfGas: return "out of gas";
        case AccountRejection::AlreadySetUp: return "account already set up";
        case AccountRejection::NotSetUp: return "account not set up";
        case AccountRejection::BadThreshold: return "threshold is zero or above the device count";
        case AccountRejection::BadSignature: return "signature does not recover to the expected key";
        case AccountRejection::NotDevice: return "signer is not a device of the account";
        case AccountRejection::DuplicateSigner: return "device signed twice";
        case AccountRejection::BelowThreshold: return "fewer device signatures than the threshold";
        case AccountRejection::DeviceExists: return "device already added";
        case AccountRejection::NoSuchDevice: return "no such device";
        case AccountRejection::ZeroAddress: return "address must not be zero";
        case AccountRejection::SessionKeyUsed: return "session key already used";
        case AccountRejection::BadLimits: return "session limits are invalid";
        case AccountRejection::NoSession: return "no session for the key";
        case AccountRejection::Revoked: return "session revoked or logged out";
        case AccountRejection::Exhausted: return "session exhausted";
        case AccountRejection::Expired: return "session or secret expired";
        case AccountRejection::ExpiredByTime: return "session expiration time passed";
        case AccountRejection::ReplayedSecret: return "secret already presented";
        case AccountRejection::WrongPreimage: return "secret is not a pre-image of the last secret";
        case AccountRejection::OverSecretLimit: return "amount over the per-secret limit";
        case AccountRejection::OverSessionLimit: return "amount over the session limit";
        case AccountRejection::TooFrequent: return "too many spends in the window";
        case AccountRejection::WrongNonce: return "session key nonce mismatch";
        case AccountRejection::BadRecoveryDelay: return "recovery delay below the minimum";
        case AccountRejection::RecoveryNotSetUp: return "recovery not set up";
        case AccountRejection::NotRecoveryController: return "only the recovery controller may call";
        case AccountRejection::NotRecoveryOwner: return "the recovery owner did not sign";
        case AccountRejection::RecoveryActive: return "there is an active recovery";
        case AccountRejection::NoRecovery: return "no active recovery";
        case AccountRejection::RecoveryMismatch: return "not the active recovery";
        case AccountRejection::RecoveryTooEarly: return "recovery delay has not passed";
        case AccountRejection::SameRecoveryOwner: return "new recovery owner is the current one";
        case AccountRejection::NotWorker: return "only a worker may set the price";
        case AccountRejection::PriceOutsideMargin: return "intended price outside the acceptance margin";
        case AccountRejection::NoPrice: return "no oracle price, or it expired";
        case AccountRejection::TokenRejected: return "token rejected the transfer";
    }
    return "unknown";
}

}  // namespace ostsim::protocol
