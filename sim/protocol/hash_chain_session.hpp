// The seed paper's sessions (seed section 4; PROTOCOL.md 3.5) as a state machine in a
// TokenHolder's storage: a session is a session key plus the anchor s_0 of a keccak256 hash
// chain; each spend presents the next pre-image, checked on-chain with keccak256 against the last
// accepted secret, within the limits of one secret and of the session.
//
// What the seed leaves open is SessionPolicy (defaults and reasons in docs/sessions.md):
//  - max_skip: pre-images a spend may skip (lost or unbroadcast secrets); the contract hashes up
//    to 1 + max_skip times; skipped secrets are consumed. Default 0 (strictly in order).
//  - frequency: at most m spends per tumbling window of w blocks (window = number / w);
//  - exhaustion: the session ends when its secrets are used, or (end_when_budget_spent) when its
//    budget is spent exactly; an ended or revoked key is never re-authorised.
// A per-secret amount limit is a per-spend cap (a skip does not widen it); a per-secret lifetime
// is the number of blocks the next secret stays usable after the previous accepted spend.
//
// A session expires at a block height, at a block timestamp, or at whichever comes first when
// both are set (the seed: "expiration (block height or time)").
//
// Storage: sessions[key] is a 13-word struct at keccak256(pad32(key) . pad32(slot)); the
// expiration height and time are two uint64 packed in one word, as Solidity packs them.
#pragma once

#include "protocol/account_rejection.hpp"
#include "protocol/exec.hpp"

namespace ostsim::protocol {

struct SessionPolicy {
    std::uint32_t max_skip = 0;
    bool end_when_budget_spent = true;
};

struct SessionLimits {
    std::uint32_t secrets = 0;            // n: spendable secrets s_1 .. s_n
    uint256 secret_amount = 0;            // per spend
    uint256 session_amount = 0;           // whole session; may be below n x secret_amount
    std::uint64_t expiration_height = 0;  // usable while block number < this (0: none)
    std::uint64_t expiration_time = 0;    // usable while block.timestamp (s) < this (0: none)
    std::uint64_t secret_lifetime = 0;    // blocks after the previous spend (0: unlimited)
    std::uint32_t spends_per_window = 0;  // m (0: no frequency limit)
    std::uint64_t window_blocks = 1;      // w
};

enum class SessionStatus : std::uint8_t { None, Active, Revoked, Ended };

class HashChainSessions {
public:
    HashChainSessions(const Address& holder, std::uint64_t mapping_slot, SessionPolicy policy)
        : holder_(holder), slot_(mapping_slot), policy_(policy) {}

    AccountRejection open(Exec& x, const Address& key, const Hash& anchor,
                          const SessionLimits& limits) const;
    AccountRejection revoke(Exec& x, const Address& key) const;
    // Checks a spend of `amount` presenting `preimage` and records it; the caller then moves
    // the tokens (and reverts the whole call if the token refuses), approving TokenRules for
    // `cap`, the session's per-secret amount.
    AccountRejection spend(Exec& x, const Address& key, const Hash& preimage,
                           const uint256& amount, uint256& cap) const;

    SessionStatus status(Exec& x, const Address& key) const;
    uint256 spent(Exec& x, const Address& key) const;

private:
    enum Field : std::uint64_t {
        kStatus, kAnchor, kSecretsLeft, kSpent, kSessionAmount, kSecretAmount, kExpiration,
        kSecretLifetime, kLastHeight, kSpendsPerWindow, kWindowBlocks, kWindowIndex, kWindowCount
    };
    // The session's struct base, hashed once per call (Solidity keeps it on the stack too).
    Hash base(const Address& key) const { return mapping_slot(key, slot_); }
    static Hash at(const Hash& base, Field f) { return field(base, f); }
    // Secrets consumed by `preimage` (1 + skipped), or 0 if no chain of 1 + max_skip hashes
    // reaches the anchor.
    std::uint64_t chain_steps(Exec& x, const Hash& preimage, const Hash& anchor) const;

    Address holder_;
    std::uint64_t slot_;
    SessionPolicy policy_;
};

}  // namespace ostsim::protocol
