// A user's account on an auxiliary core (PROTOCOL.md 3.1 and 3.5; seed section 4): a TokenHolder
// that holds the economy's token (UtilityBrandedToken, or any Erc20 the economy uses), owned by a
// DeviceMultisig of the user's device keys, with the seed's hash-chain sessions. Device
// operations carry device signatures over an operation digest that includes the holder and its
// operation nonce; a spend carries the session key's signature over the spend digest and the
// next pre-image. Any account may relay either (the app server pays the gas).
//
// Storage: slots 0-3 the device multisig, 4 the hash-chain sessions mapping, 5-6 the session-key
// model (session_key.hpp), 7-13 delayed recovery (delayed_recovery.hpp).
#pragma once

#include <span>

#include <optional>

#include "protocol/delayed_recovery.hpp"
#include "protocol/device_multisig.hpp"
#include "protocol/hash_chain_session.hpp"
#include "protocol/pricer_rule.hpp"
#include "protocol/token_rules.hpp"

namespace ostsim::protocol {

enum class DeviceOp : std::uint8_t {
    AddDevice = 1, RemoveDevice, ReplaceDevice, OpenSession, RevokeSession,
    AuthorizeKey, RevokeKey, Logout, SetupRecovery, AbortRecovery,
};

struct TokenHolderConfig {
    SignatureMode mode = SignatureMode::Ecdsa;
    SessionPolicy policy{};
    // Device signatures that open or revoke a session (the seed: "approve by signing with the
    // device key"); device management always needs the multisig threshold.
    std::uint32_t session_approvals = 1;
    // Fiat-denominated spends convert through this rule; none: such spends are NoPrice.
    std::optional<PricerRule> pricer;
};

class TokenHolder {
public:
    static constexpr std::uint64_t kSessionsSlot = 4;

    TokenHolder(const Address& address, const Address& token, const Address& token_rules,
                TokenHolderConfig config = {})
        : address_(address), token_(token), rules_{token_rules}, config_(config), devices_(address, config.mode),
          recovery_(address, config.mode), sessions_(address, kSessionsSlot, config.policy) {}

    const Address& address() const { return address_; }
    const Address& token() const { return token_; }
    const TokenRules& token_rules() const { return rules_; }
    const TokenHolderConfig& config() const { return config_; }
    const DeviceMultisig& devices() const { return devices_; }
    const DelayedRecovery& recovery() const { return recovery_; }
    const HashChainSessions& sessions() const { return sessions_; }

    // What device keys sign: keccak256 of the ABI words (holder, op, args..., nonce).
    static Hash op_digest(const Address& holder, DeviceOp op, std::span<const Hash> args,
                          const uint256& nonce);
    static Hash limits_word(const SessionLimits& l);
    // What a session key signs for a spend: keccak256(holder, recipient, amount, pre-image).
    static Hash spend_digest(const Address& holder, const Address& recipient,
                             const uint256& amount, const Hash& preimage);

    // What a session key signs for a fiat-denominated spend.
    static Hash fiat_spend_digest(const Address& holder, const Address& recipient,
                                  const uint256& pay_amount, const uint256& intended_price,
                                  const Hash& preimage);

    AccountRejection add_device(Exec& x, const Address& device, std::span<const KeySignature> sigs) const;
    AccountRejection remove_device(Exec& x, const Address& device, std::span<const KeySignature> sigs) const;
    AccountRejection replace_device(Exec& x, const Address& lost, const Address& device,
                                    std::span<const KeySignature> sigs) const;
    AccountRejection open_session(Exec& x, const Address& key, const Hash& anchor,
                                  const SessionLimits& limits, std::span<const KeySignature> sigs) const;
    AccountRejection revoke_session(Exec& x, const Address& key, std::span<const KeySignature> sigs) const;
    // Moves `amount` of the token to `recipient`; a token refusal is TokenRejected with the
    // token's reason in `token_reason`.
    AccountRejection spend(Exec& x, const Address& key, const Address& recipient,
                           const uint256& amount, const Hash& preimage, const KeySignature& sig,
                           Rejection& token_reason) const;
    // A spend of `pay_amount` in the pricer rule's pay currency: converted at the oracle price
    // (within the margin of `intended_price`); the session's limits apply to the token amount.
    AccountRejection spend_fiat(Exec& x, const Address& key, const Address& recipient,
                                const uint256& pay_amount, const uint256& intended_price,
                                const Hash& preimage, const KeySignature& sig,
                                Rejection& token_reason) const;
    // The token move of any session model, from this holder, through TokenRules with a
    // temporary allowance of `cap` (TokenHolder.executeRule; token_rules.hpp).
    AccountRejection pay(Exec& x, const Address& recipient, const uint256& amount, const uint256& cap,
                         Rejection& token_reason) const;
    // Device approval of `op` over `args` at the current nonce; required 0 = threshold.
    AccountRejection approve(Exec& x, DeviceOp op, std::span<const Hash> args,
                             std::span<const KeySignature> sigs, std::uint32_t required) const;

private:
    Address address_;
    Address token_;
    TokenRules rules_;
    TokenHolderConfig config_;
    DeviceMultisig devices_;
    DelayedRecovery recovery_;
    HashChainSessions sessions_;
};

}  // namespace ostsim::protocol
