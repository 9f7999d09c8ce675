// One economy's users and what they do (PROTOCOL.md 3.5 and 3.1; seed section 4): a token on one
// core, users who each hold it in a TokenHolder owned by their devices, merchants they pay, and
// the app server's relayers that open sessions for them. Users spend through sessions - the
// seed's hash-chain sessions, or the later session keys - opened, renewed, revoked and abused
// as the scenario says. Typed values, filled from a scenario's `economies` section.
#pragma once

#include <cstdint>
#include <string>

#include "engine/time.hpp"
#include "protocol/hash_chain_session.hpp"
#include "protocol/signature_mode.hpp"

namespace ostsim::workload {

inline constexpr engine::Time kMinute = 60 * engine::kSecond;
inline constexpr engine::Time kHour = 60 * kMinute;
inline constexpr engine::Time kDay = 24 * kHour;

// When a user wants to spend: a renewal process per user, from the user's own random stream.
struct ArrivalSpec {
    enum Kind : std::uint8_t {
        Poisson,  // exponential gaps
        Bursty,   // two-state Markov-modulated Poisson: bursts at burst_factor x the quiet rate
        Diurnal,  // rate x (1 + amplitude cos(2 pi (t - peak) / 1 day)), by thinning
    } kind = Poisson;
    double per_hour = 1;  // mean spends per user per hour, over the long run, for every kind
    double burst_factor = 20;
    engine::Time burst_mean = 5 * kMinute;   // mean length of a burst
    engine::Time quiet_mean = 55 * kMinute;  // mean gap between bursts
    double amplitude = 0.8;                          // in [0, 1]
    engine::Time peak = 18 * kHour;          // time of day of the highest rate
};

// Spend amounts, in token units: log-normal with this median and shape (sigma of the log).
struct AmountSpec {
    double median = 1;
    double sigma = 1;
};

enum class SessionModel : std::uint8_t {
    HashChain,   // the seed's: a pre-image per spend, per-secret and per-session limits
    SessionKey,  // PROTOCOL.md 3.1: a key with a per-transaction limit and a nonce
};

struct SessionSpec {
    SessionModel model = SessionModel::HashChain;
    std::uint32_t secrets = 16;      // hash chain: spends per session
    double secret_amount = 10;       // per spend (both models), token units
    double session_amount = 100;     // hash chain: the session's budget, token units
    engine::Time lifetime = 24 * kHour;  // expiry after opening (block time; 0: none)
    std::uint32_t spends_per_window = 0;  // hash chain frequency limit m (0: none) ...
    std::uint64_t window_blocks = 1;      // ... per w blocks
    protocol::SessionPolicy policy{};     // hash chain: skips allowed, end when budget spent
    // Off-chain steps before the session's transactions are sent: the app server makes and
    // funds a key, the device approves the limits (the seed's "open a session" exchange).
    engine::Time open_delay = 2 * engine::kSecond;
    double revoke = 0;       // per session: a device revokes it halfway through its secrets
    double lose_device = 0;  // per session opened: the user lost a device, replaced (or recovered) first
};

// Fiat-denominated spends through the pricer rule (PROTOCOL.md 3.1; pricer_rule.hpp), hash-chain
// sessions only: the user names an amount in the pay currency and the price it expects (its
// quote), the holder converts it at the oracle's price and refuses it out of the margin or with
// no valid price. The oracle's price is published by the economy's price worker as a random walk.
struct FiatSpec {
    double share = 0;             // of the spends: fiat-denominated (0: no pricer rule, oracle or worker)
    double price = 1;             // the oracle's price at genesis: pay currency per OST
    double conversion_rate = 1;   // tokens per OST (the branded token's conversion rate)
    double margin = 0.01;         // acceptance margin, in pay currency per OST (the rule's, absolute)
    engine::Time update_every = kMinute;  // the worker publishes a price this often (0: never)
    double volatility = 0;        // sigma of the log price's step at each update
    std::uint64_t valid_blocks = 100;     // a price is valid this many blocks after the head it was sent at
    // The user's quote is the price its node's head chain showed this long before the spend is
    // sent (an app's price cache, or the time a user reads the price before confirming); 0: the
    // last price shown, the quote docs/workloads.md described before this key existed.
    engine::Time quote_lag = 0;
};

// Device losses recovered through the recovery owner's key (delayed_recovery.hpp) instead of by
// the remaining devices: set up at genesis (the user's relayer is the controller), initiated by
// the relayer with the recovery owner's signature, executed once `delay` blocks have passed.
// Users may also replace their recovery owner's key (the module's resetRecoveryOwner).
struct RecoverySpec {
    double share = 0;           // of device losses (session.lose_device)
    std::uint64_t delay = 100;  // blocks; the module's minimum is 50
    double abort = 0;           // of recoveries: the lost device turns up and aborts it
    double early = 0;           // of recoveries: the relayer first tries to execute at once
    double reset = 0;           // per session opened: the user first resets its recovery owner
    // Whether the holders' recovery is set up at genesis.
    bool set_up() const { return share > 0 || reset > 0; }
};

// Misbehaving spends, as probabilities per spend (unfunded: per session).
struct MisbehaviourSpec {
    double replay = 0;      // present the last accepted secret again (session keys: its nonce)
    double over_limit = 0;  // ask for more than the per-spend limit
    double stale = 0;       // spend with the previous session, ended, expired or revoked
    double unfunded = 0;    // the app server does not fund the session key
};

struct EconomySpec {
    std::string name;
    std::uint32_t core = 0;
    std::uint32_t node = 0;  // the node of the core the app server and wallets use
    engine::Time latency = 50 * engine::kMillisecond;  // between them and that node
    std::uint32_t users = 1000;
    std::uint32_t merchants = 10;
    std::uint32_t relayers = 4;  // app-server keys that send session openings
    std::uint32_t devices = 2;   // per user, threshold 1
    protocol::SignatureMode signatures = protocol::SignatureMode::Modeled;
    double balance = 10'000;     // token units each user holds at genesis
    ArrivalSpec arrivals{};
    AmountSpec amounts{};
    SessionSpec session{};
    MisbehaviourSpec misbehaviour{};
    FiatSpec fiat{};
    RecoverySpec recovery{};
    std::uint64_t gas_price = 1;                 // wei, for every transaction of the economy
    std::uint64_t spend_gas_limit = 250'000;     // the session key's upfront gas per spend (a first spend uses 140,022)
    std::uint64_t open_gas_limit = 300'000;
    // A transaction not in the user's node's chain this long after it was sent is given up (a
    // spend the chain left out, such as one from an unfunded key): the session is dropped.
    engine::Time timeout = 5 * kMinute;
    bool record = false;  // keep a record per spend and session (the trace's tables)
};

}  // namespace ostsim::workload
