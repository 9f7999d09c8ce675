// Calls to a TokenHolder, and their single entry point, as protocol::apply is for the OST
// contracts (same envelope: intrinsic gas, metered and journaled execution, revert on any
// rejection, refund cap). Kept apart because protocol::Body and protocol::Rejection belong to the
// OST contracts' dispatcher.
//
// Limits: the sender's nonce, its upfront OST Prime for gas and the fee to the producer are the
// ledger's envelope (chain::apply_transaction), as for protocol::apply; an unfunded session key
// is refused there.
#pragma once

#include <variant>
#include <vector>

#include "protocol/contracts.hpp"
#include "protocol/session_key.hpp"
#include "protocol/token_holder.hpp"

namespace ostsim::protocol {

using Signatures = std::vector<KeySignature>;

struct SetupHolder { std::vector<Address> devices; std::uint32_t threshold = 1; static constexpr std::size_t kWords = 3; };
struct AddDevice { Address device; Signatures sigs; static constexpr std::size_t kWords = 2; };
struct RemoveDevice { Address device; Signatures sigs; static constexpr std::size_t kWords = 2; };
struct ReplaceDevice { Address lost; Address device; Signatures sigs; static constexpr std::size_t kWords = 3; };
struct OpenSession { Address key; Hash anchor; SessionLimits limits; Signatures sigs; static constexpr std::size_t kWords = 11; };
struct RevokeSession { Address key; Signatures sigs; static constexpr std::size_t kWords = 2; };
struct SpendWithSecret { Address key; Address recipient; uint256 amount = 0; Hash preimage; KeySignature sig; static constexpr std::size_t kWords = 7; };
struct SpendFiatWithSecret { Address key; Address recipient; uint256 pay_amount = 0; uint256 intended_price = 0; Hash preimage; KeySignature sig; static constexpr std::size_t kWords = 8; };
// Delayed recovery (delayed_recovery.hpp): set up by the devices, initiated and executed by the
// controller (the sender) with the recovery owner's signature, aborted by either or the devices;
// the controller replaces the recovery owner with the current one's signature.
struct SetupRecovery { Address owner; Address controller; std::uint64_t delay = 0; Signatures sigs; static constexpr std::size_t kWords = 3; };
struct InitiateRecovery { Address lost; Address device; KeySignature sig; static constexpr std::size_t kWords = 2; };
struct ExecuteRecovery { Address lost; Address device; KeySignature sig; static constexpr std::size_t kWords = 2; };
struct AbortRecoveryByOwner { Address lost; Address device; KeySignature sig; static constexpr std::size_t kWords = 2; };
struct AbortRecoveryByController { Address lost; Address device; static constexpr std::size_t kWords = 2; };
struct AbortRecoveryByDevices { Address lost; Address device; Signatures sigs; static constexpr std::size_t kWords = 2; };
struct ResetRecoveryOwner { Address owner; KeySignature sig; static constexpr std::size_t kWords = 1; };
// The pricer rule's oracle, updated by a worker (the sender).
struct SetPrice { uint256 price = 0; std::uint64_t valid_until = 0; static constexpr std::size_t kWords = 2; };
// Session-key model (PROTOCOL.md 3.1).
struct AuthorizeKey { Address key; uint256 spending_limit = 0; std::uint64_t expiration_height = 0; Signatures sigs; static constexpr std::size_t kWords = 4; };
struct RevokeKey { Address key; Signatures sigs; static constexpr std::size_t kWords = 2; };
struct Logout { Signatures sigs; static constexpr std::size_t kWords = 1; };
struct ExecuteWithKey { Address key; Address recipient; uint256 amount = 0; uint256 nonce = 0; KeySignature sig; static constexpr std::size_t kWords = 7; };

using AccountBody = std::variant<SetupHolder, AddDevice, RemoveDevice, ReplaceDevice, OpenSession,
                                 RevokeSession, SpendWithSecret, SpendFiatWithSecret, SetPrice,
                                 AuthorizeKey, RevokeKey, Logout, ExecuteWithKey, SetupRecovery,
                                 InitiateRecovery, ExecuteRecovery, AbortRecoveryByOwner,
                                 AbortRecoveryByController, AbortRecoveryByDevices, ResetRecoveryOwner>;

struct AccountCall {
    Address sender;  // the relayer or session key that pays the gas
    std::uint64_t gas_price = 0;
    std::uint64_t gas_limit = 0;
    AccountBody body;
};

struct AccountOutcome {
    std::uint64_t gas_used = 0;
    AccountRejection rejection = AccountRejection::None;
    Rejection token_rejection = Rejection::None;  // when rejection == TokenRejected
    std::vector<Event> events;
    bool moved_coin = false;  // Exec::moved_coin
    bool ok() const { return rejection == AccountRejection::None; }
    std::string_view reason() const {
        return rejection == AccountRejection::TokenRejected ? to_string(token_rejection) : to_string(rejection);
    }
};

std::uint64_t intrinsic_gas(const AccountCall& call, const GasSchedule& gas);
AccountOutcome apply(const Contracts& contracts, const TokenHolder& holder, chain::WorldState& state,
                     const AccountCall& call, const BlockContext& block, const GasSchedule& gas = {});

}  // namespace ostsim::protocol
