#include "protocol/rejection.hpp"

namespace ostsim::protocol {

std::string_view to_string(Rejection r) {
    switch (r) {
        case Rejection::None: return "none";
        case Rejection::IntrinsicGas: return "intrinsic gas too low";
        case Rejection::OutOfGas: return "out of gas";
        case Rejection::NoSuchContract: return "no such contract at the address";
        case Rejection::WrongValue: return "msg.value is not what the function takes";
        case Rejection::InsufficientFunds: return "native balance below msg.value";
        case Rejection::NotOrganization: return "only the organization may call";
        case Rejection::NotWorker: return "only a worker may call";
        case Rejection::NotConsensus: return "only the consensus contract may anchor";
        case Rejection::NotCoGateway: return "only the co-gateway may change the supply";
        case Rejection::NotMessageSender: return "only the message sender may revoke";
        case Rejection::ZeroStateRoot: return "state root must not be zero";
        case Rejection::HeightNotIncreasing: return "height must be above the latest anchored";
        case Rejection::NotFinalized: return "height is not finalised on the remote core";
        case Rejection::StateRootUnknown: return "no anchored state root at that height";
        case Rejection::AccountProofInvalid: return "account proof of the remote gateway failed";
        case Rejection::StorageRootNotProved: return "no storage root proven at that height";
        case Rejection::StorageProofInvalid: return "storage proof of the message status failed";
        case Rejection::ProvenStatusNotAllowed: return "proven status not allowed for this step";
        case Rejection::GatewayNotActivated: return "gateway is not activated";
        case Rejection::GatewayAlreadyActivated: return "gateway is already activated";
        case Rejection::ZeroAmount: return "amount must not be zero";
        case Rejection::ZeroAddress: return "address must not be zero";
        case Rejection::AmountNotAboveMaxReward: return "amount must be above gasPrice x gasLimit";
        case Rejection::WrongNonce: return "nonce is not the expected nonce";
        case Rejection::PreviousProcessInFlight: return "previous process is not completed";
        case Rejection::MessageExists: return "message is already in the box";
        case Rejection::WrongStatus: return "message status does not allow this step";
        case Rejection::WrongSecret: return "unlock secret does not match the hash lock";
        case Rejection::UnknownMessage: return "no record for the message hash";
        case Rejection::BeneficiaryNotInternal: return "beneficiary is not an internal actor";
        case Rejection::BountyUnchanged: return "proposed bounty equals the bounty";
        case Rejection::BountyChangeLocked: return "bounty change unlock height not reached";
        case Rejection::InsufficientBalance: return "token balance too low";
        case Rejection::InsufficientAllowance: return "token allowance too low";
        case Rejection::TransfersNotAllowed: return "token rules: transfers not allowed by the holder";
        case Rejection::TransferRestricted: return "caller is restricted from transferring";
        case Rejection::RecipientNotInternal: return "recipient is not an internal actor";
        case Rejection::AlreadyInitialized: return "already initialized";
        case Rejection::NotInitialized: return "not initialized";
        case Rejection::ConversionMismatch: return "mint does not equal the converted stake";
        case Rejection::RequestPending: return "staker has an open stake request";
        case Rejection::NoSuchRequest: return "no such stake request";
    }
    return "unknown";
}

}  // namespace ostsim::protocol
