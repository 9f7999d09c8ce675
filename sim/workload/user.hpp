// A user as the economy's driver keeps it between events: 72 bytes, so that ten million
// fit in under a gigabyte. Keys, secrets and addresses are derived again when needed (economy.hpp);
// the user's randomness is its own Philox stream, resumed at `draws`.
#pragma once

#include <cstdint>

#include "chain/account.hpp"
#include "engine/time.hpp"

namespace ostsim::workload {

struct User {
    enum State : std::uint8_t {
        NoSession,  // the next intent opens one
        Opening,    // off-chain steps, then the opening in flight
        Active,     // may spend
        Spending,   // a spend in flight
        Revoking,   // a device's revocation in flight
    };

    engine::Time phase_end = 0;  // bursty arrivals
    engine::Time expires = 0;    // the session's expiry in simulated time (0: none)
    std::uint64_t spent_micro = 0;  // of the current session, in micro-units of the token
    chain::Address key;          // the session key's address (its scalar is derived again)
    std::uint32_t draws = 0;     // blocks of the user's stream used
    std::uint32_t session = 0;   // sessions opened so far; the current one's number
    std::uint32_t device_nonce = 0;  // the holder's operation nonce, as the user counts it
    std::uint16_t next = 1;      // hash chain: the next secret; session key: the key's nonce
    std::uint16_t key_nonce = 0;     // the session key's transaction nonce
    std::uint16_t previous_next = 0;       // the same two of the previous session (stale spends)
    std::uint16_t previous_key_nonce = 0;
    std::uint16_t queued = 0;    // intents waiting for the session or the spend in flight
    std::uint16_t device_epoch = 0;  // replacements of the lost device
    State state = NoSession;
    bool burst = false;          // bursty arrivals: in a burst
    bool revoke_planned = false; // a device revokes this session halfway
    // Delayed recovery of device 0 (economy_spec.hpp RecoverySpec): one at a time.
    bool recovering : 1 = false;      // initiated (or being), not yet executed or aborted
    bool abort_planned : 1 = false;   // the lost device turns up: it aborts the recovery
    bool early_planned : 1 = false;   // the relayer tries to execute at once, then after the delay
    bool opening_waits : 1 = false;   // no device left to approve: the opening waits for it
    bool opening_funded : 1 = false;  // ... and whether its key is funded when it is sent
};
static_assert(sizeof(User) <= 72, "a user's state is what bounds the users a run holds");

}  // namespace ostsim::workload
