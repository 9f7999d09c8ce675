// What an economy's driver records: a row per spend and per session (kept when the scenario
// asks for them, for the trace's `spends` and `sessions` tables), and counts that are always kept
// (the run's summary).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "chain/account.hpp"
#include "engine/time.hpp"
#include "protocol/account_rejection.hpp"
#include "protocol/rejection.hpp"

namespace ostsim::workload {

enum class Misbehaviour : std::uint8_t { None, Replay, OverLimit, Stale };
std::string_view to_string(Misbehaviour m);

// How a spend ended: accepted, reverted (its reason), or never in the chain (timed out).
struct SpendOutcome {
    protocol::AccountRejection account = protocol::AccountRejection::None;
    protocol::Rejection token = protocol::Rejection::None;  // when account is TokenRejected
    bool timed_out = false;
    bool ok() const { return !timed_out && account == protocol::AccountRejection::None; }
    // "accepted", the contract's reason, or "not included".
    std::string_view reason() const;
};

struct SpendRecord {
    std::uint32_t user = 0, session = 0;
    std::uint32_t secret = 0;  // hash chain: the pre-image's index; session key: the nonce
    Misbehaviour misbehaviour = Misbehaviour::None;
    std::uint64_t amount_micro = 0;
    engine::Time intent = 0, sent = 0;
    // Where it is in the chain: as the block that first held it said, then as the final one says.
    engine::Time included = -1, final = -1;  // -1: not (yet)
    std::uint64_t height = 0;
    std::uint64_t gas_used = 0;
    SpendOutcome outcome{};
    bool fiat = false;        // denominated in the pricer's pay currency (amount: its token value asked)
    chain::uint256 moved{};   // accepted: the token it moved, in wei (fiat: at the oracle's price)
    // Fiat: the price the user quoted, and the oracle's price the spend met in its block (as the
    // block that first held it, then the final one, says; 0 until then). 18 decimals.
    chain::uint256 quoted{}, oracle{};
};

// A delayed recovery of a user's device 0, from its initiation to its execution or abort.
struct RecoveryRecord {
    enum End : std::uint8_t { Pending, Executed, Aborted, Failed };
    std::uint32_t user = 0;
    engine::Time sent = 0;
    std::uint64_t initiated = 0, ended = 0;  // heights of the blocks that held them (0: none)
    End end = Pending;
    // The rejection of the relayer's execution at once (RecoveryTooEarly), when it tried one.
    protocol::AccountRejection early = protocol::AccountRejection::None;
};
std::string_view to_string(RecoveryRecord::End e);

// A user's reset of its recovery owner (recovery.reset): the relayer's ResetRecoveryOwner.
struct OwnerResetRecord {
    std::uint32_t user = 0;
    std::uint32_t epoch = 0;  // the new owner's: resets of the user's recovery owner so far
    engine::Time sent = 0;
    std::uint64_t height = 0;  // of the block holding it (the first, then the final one); 0: none
    bool final = false;
    protocol::AccountRejection outcome = protocol::AccountRejection::None;  // None: accepted
};

struct SessionRecord {
    enum End : std::uint8_t { Open, Exhausted, Expired, Revoked, Dropped, Failed };
    std::uint32_t user = 0, session = 0;
    engine::Time requested = 0, opened = -1, ended = -1;  // opened: its opening in the chain
    End end = Open;
    std::uint32_t spends = 0;  // accepted
    std::uint64_t spent_micro = 0;
    std::uint64_t open_gas = 0;  // funding, opening and any device replacement before it
    std::uint8_t awaited = 0;    // of those, sent and not yet final or given up
};
std::string_view to_string(SessionRecord::End e);

// Counts over a run: always kept.
struct EconomyCounts {
    std::uint64_t intents = 0;         // spend intents drawn
    std::uint64_t spends = 0;          // spend transactions sent
    std::uint64_t accepted = 0, reverted = 0, timed_out = 0;  // of the spends final or given up
    std::uint64_t busy_dropped = 0;    // intents dropped: the user's queue was full
    std::uint64_t sessions = 0, sessions_failed = 0, revocations = 0, device_replacements = 0;
    std::uint64_t recoveries = 0, recoveries_executed = 0, recoveries_aborted = 0;  // initiated, ended
    std::uint64_t owner_resets = 0, owner_resets_reverted = 0;  // recovery owners reset, in the chain
    std::uint64_t fiat_spends = 0;     // of `spends`: through the pricer rule
    std::uint64_t price_updates = 0;   // the price worker's, in the chain
    std::uint64_t oracle_gas = 0;      // of the final price updates
    std::uint64_t spend_gas = 0;       // of the final spends, accepted or reverted
    std::uint64_t open_gas = 0;        // of the final openings, fundings, replacements and recoveries
    double inclusion_s = 0;            // sums over the final spends: intent to first inclusion ...
    double finality_s = 0;             // ... and intent to final
    std::uint64_t moved_micro = 0;     // token moved by accepted spends (fiat ones: rounded down)
    // Reverted and timed-out spends by reason (AccountRejection, TokenRejected split by the
    // token's reason, and "not included").
    std::array<std::uint64_t, 64> by_account{};
    std::array<std::uint64_t, 64> by_token{};
};
static_assert(static_cast<std::size_t>(protocol::AccountRejection::TokenRejected) < 64);

}  // namespace ostsim::workload
