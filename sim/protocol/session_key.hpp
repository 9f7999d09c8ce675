// The later session-key model (PROTOCOL.md 3.1, OC TokenHolder.sol v0.10), the alternative to
// the seed's hash-chain sessions: the owner (device multisig) authorises a key with a
// per-transaction spending limit and an expiration height; each execution is signed by the key
// over (holder, recipient, amount, nonce) and must carry the key's next nonce (first 0);
// the spending limit is enforced by TokenRules' temporary allowance (token_rules.hpp);
// revokeSession ends one key, logout ends every key of the current window at once, and a key is
// never authorised twice. There is no cumulative budget and no frequency limit, as in the
// contracts.
//
// Storage: sessionKeys[key] = {spendingLimit, expirationHeight, nonce, session} at slot 5;
// sessionWindow at slot 6 (0 read as the initial window 2). session: 0 not authorised,
// 1 revoked, >= 2 the window in which it was authorised.
#pragma once

#include "protocol/account_rejection.hpp"
#include "protocol/exec.hpp"

namespace ostsim::protocol {

class SessionKeys {
public:
    static constexpr std::uint64_t kKeysSlot = 5;
    static constexpr std::uint64_t kWindowSlot = 6;

    explicit SessionKeys(const Address& holder) : holder_(holder) {}

    AccountRejection authorize(Exec& x, const Address& key, const uint256& spending_limit,
                               std::uint64_t expiration_height) const;
    AccountRejection revoke(Exec& x, const Address& key) const;
    void logout(Exec& x) const;
    // Checks an execution by `key` (already recovered from its signature), consumes its nonce and
    // gives its spending limit, which the holder approves TokenRules for: the temporary allowance,
    // not a check here, bounds the amount (as in the contracts).
    AccountRejection execute(Exec& x, const Address& key, const uint256& nonce, uint256& limit) const;

    // What the key signs: keccak256(holder, recipient, amount, nonce).
    static Hash execute_digest(const Address& holder, const Address& recipient,
                               const uint256& amount, const uint256& nonce);
    uint256 window(Exec& x) const;

private:
    enum Field : std::uint64_t { kLimit, kExpiration, kNonce, kSession };
    Hash at(const Address& key, Field f) const { return field(mapping_slot(key, kKeysSlot), f); }

    Address holder_;
};

}  // namespace ostsim::protocol
