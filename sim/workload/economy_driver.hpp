// The workload of one economy: a single client (core::Client, one engine process) that drives
// all its users through their session life cycle. Users are not processes: each is 72 bytes
// (user.hpp) and its own random stream, and its timers are the driver's, tagged with the user.
//
// A user's life: spend intents arrive (arrivals.hpp). Without a usable session the user opens
// one: after the off-chain steps (open_delay) a relayer funds a fresh session key with coin for
// gas and sends the device-approved opening (hash chain: OpenSession with the chain's anchor and
// the limits; session key: AuthorizeKey), after replacing a lost device first if that befell
// the user. Once the opening is in the user's node's chain the user spends - one spend in flight
// at a time, later intents queued - each signed by the session key and sent from it. An honest
// spend never asks for more than the limits leave; a misbehaving one replays, overdraws or uses
// the previous session. A session ends when its secrets or budget are used, when it expires
// (block time), when a device revokes it, or when a spend it sent never reaches the chain
// (timeout). The user learns each outcome from the receipt in the block that first holds it (its
// node's head chain), and counts it when that block is final.
//
// Fiat spends (FiatSpec): a share of the spends names its amount in the pricer's pay currency at
// a quoted price - the one its node's head chain showed `quote_lag` before the spend is sent -
// and the holder converts it at the oracle's, or refuses it when the two are further apart than
// the margin; the economy's price worker publishes a random-walk price every `update_every`.
// Delayed recovery (RecoverySpec): a share of device losses is recovered by the user's relayer
// with the recovery owner's signature - initiated, then executed once the head is `delay` blocks
// past the initiation's block - while the other device approves (with one device, the opening
// waits for the recovery); a share is aborted by the lost device, found again. A share of
// openings (`recovery.reset`) is preceded by the relayer's reset of the user's recovery owner to
// a fresh key, with the current owner's signature.
//
// Limits: a reorganisation that changes a spend's outcome after the user saw it is not
// re-learnt (the final outcome is what is counted); pre-images are recomputed from the chain's
// seed (n - i hashes for s_i) rather than stored.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/client.hpp"
#include "workload/economy.hpp"
#include "workload/records.hpp"
#include "workload/secret_chains.hpp"
#include "workload/user.hpp"

namespace ostsim::workload {

class EconomyDriver final : public core::Client {
  public:
    // `kind`: the economy's index in its core's ProtocolGenesis::accounts.
    EconomyDriver(Economy economy, std::uint32_t kind, std::uint64_t seed);

    void start(core::ClientHost& host) override;
    void on_timer(core::ClientHost& host, std::uint64_t tag) override;
    void on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) override;

    const Economy& economy() const { return economy_; }
    const EconomyCounts& counts() const { return counts_; }
    const std::vector<SpendRecord>& spends() const { return spend_records_; }
    const std::vector<SessionRecord>& sessions() const { return session_records_; }
    const std::vector<RecoveryRecord>& recoveries() const { return recovery_records_; }
    const std::vector<OwnerResetRecord>& owner_resets() const { return owner_reset_records_; }
    // Resets of a user's recovery owner sent so far (less those that reverted): its key's epoch.
    std::uint32_t owner_epoch(std::uint32_t u) const {
        const auto it = owner_epochs_.find(u);
        return it == owner_epochs_.end() ? 0 : it->second;
    }
    const User& user(std::uint32_t u) const { return users_[u]; }

  private:
    enum class Timer : std::uint8_t { Arrival, SendOpening, Timeout, PriceUpdate };
    enum class Op : std::uint8_t { Opening, Replace, Spend, Revoke, SetPrice, Initiate, Execute, Abort, Reset };
    // A transaction of a user's, from sending to final.
    struct Pending {
        std::uint32_t user = 0;
        Op op = Op::Spend;
        bool seen = false;          // in the node's chain already
        bool funded = false;        // an opening whose key the relayer funded
        bool early = false;         // a recovery executed at once, before the delay
        bool fiat = false;          // a spend through the pricer rule
        Misbehaviour misbehaviour = Misbehaviour::None;
        std::uint32_t record = 0;   // SpendRecord or SessionRecord index, when recording
        std::uint64_t amount_micro = 0;
        engine::Time intent = 0, included = 0;
        chain::uint256 value{};     // a fiat spend's pay amount; a price update's price
    };

    // The user's device 0 as it is and the key that replaces it (a replacement or a recovery).
    struct DeviceSwap {
        chain::Address lost, device;
    };
    DeviceSwap device0_swap(std::uint32_t u) const;
    // A timer's tag: its kind in the low byte, above it the user (Arrival, SendOpening) or the
    // low half of the awaited transaction's handle (Timeout).
    static std::uint64_t tag(std::uint64_t who, Timer t) { return who << 8 | static_cast<std::uint8_t>(t); }
    engine::Stream stream(std::uint32_t u) const;
    void save(std::uint32_t u, const engine::Stream& rng);
    void schedule_arrival(core::ClientHost& host, std::uint32_t u, engine::Stream& rng);
    void serve(core::ClientHost& host, std::uint32_t u, engine::Time intent);
    void begin_open(core::ClientHost& host, std::uint32_t u);
    void send_opening(core::ClientHost& host, std::uint32_t u);
    // The funding of a fresh session key and the device-approved opening.
    void open_session(core::ClientHost& host, std::uint32_t u, bool funded);
    // Delayed recovery of the user's device 0: initiation, execution, and the user's next step
    // once it ended (the opening that waited for it).
    void initiate_recovery(core::ClientHost& host, std::uint32_t u);
    void execute_recovery(core::ClientHost& host, std::uint32_t u, bool early);
    void recovery_ended(core::ClientHost& host, std::uint32_t u, RecoveryRecord::End end, std::uint64_t height);
    void seen_recovery(core::ClientHost& host, const Pending& p, const core::Receipt& r, const core::Block& b);
    // The recovery owner's signature of a recovery (initiation and execution sign the same).
    protocol::KeySignature recovery_signature(std::uint32_t u, const DeviceSwap& swap) const;
    // The relayer's reset of the user's recovery owner to the key of the next epoch, and its outcome.
    void reset_owner(core::ClientHost& host, std::uint32_t u);
    void seen_reset(const Pending& p, const core::Receipt& r, const core::Block& b);
    // The device that approves a user's operations: 0, or 1 while device 0 is being recovered.
    std::uint32_t approver(const User& user) const;
    void publish_price(core::ClientHost& host);
    // A price first seen in the node's head chain at `now`; the quote for a spend sent at `now`.
    void saw_price(const chain::uint256& price, engine::Time now);
    const chain::uint256& quote(engine::Time now);
    // The oracle's price before each transaction of `b` (for fiat spends' token amounts).
    std::vector<chain::uint256> prices_in(core::ClientHost& host, const core::Block& b) const;
    // The token a fiat spend of `p` moved at `price`, in wei.
    chain::uint256 fiat_tokens(const Pending& p, const chain::uint256& price) const;
    void spend(core::ClientHost& host, std::uint32_t u, engine::Time intent);
    void revoke(core::ClientHost& host, std::uint32_t u);
    // Sends a user's account call and awaits it (with a timeout when `timeout`).
    std::uint64_t send(core::ClientHost& host, std::uint32_t u, const chain::Address& sender,
                       std::uint64_t nonce, protocol::AccountBody body, std::uint64_t gas_limit,
                       Pending p, bool timeout);
    // send() from the user's relayer, at its next nonce, with the openings' gas limit.
    void relay(core::ClientHost& host, std::uint32_t u, protocol::AccountBody body, Pending p, bool timeout);
    // Device `device`'s approval of `op` at the user's next operation nonce.
    protocol::Signatures approve(std::uint32_t u, protocol::DeviceOp op, std::span<const Hash> args,
                                 std::uint32_t device);
    // `moved`: what an accepted spend moved, in token wei.
    void seen(core::ClientHost& host, Pending& p, const core::Receipt& r, const core::Block& b,
              const chain::uint256& moved);
    void finished(const Pending& p, const core::Receipt& r, const core::Block& b, engine::Time now,
                  const chain::uint256& moved);
    void timed_out(core::ClientHost& host, const Pending& p);
    void end_session(std::uint32_t u, SessionRecord::End why, engine::Time now);
    void next_queued(core::ClientHost& host, std::uint32_t u);
    bool usable(const User& user, engine::Time now) const;
    // Why an active session that is no longer usable ended: expired, or its secrets or budget used.
    static SessionRecord::End used_up(const User& user, engine::Time now);
    std::uint32_t relayer_of(std::uint32_t u) const { return economy_.relayer_of(u); }
    // A recorded transaction that opens its session record's session (a device replacement or
    // recovery initiation before it, the opening): the record awaits it.
    bool opens_session(const Pending& p) const {
        return economy_.spec().record && (p.op == Op::Opening || p.op == Op::Replace || p.op == Op::Initiate);
    }

    Economy economy_;
    std::uint32_t kind_;
    std::uint64_t seed_;
    std::vector<User> users_;
    SecretChains chains_;  // the client's hash chains of the sessions spent from last
    std::vector<std::uint64_t> relayer_nonce_;
    std::unordered_map<std::uint64_t, Pending> pending_;  // by call handle
    std::uint64_t handle_high_ = 0;  // the high half of this client's handles (its LP id)
    std::vector<std::uint32_t> open_session_record_;      // per user, when recording
    std::uint64_t funding_gas_ = 0;  // a plain transfer's: G_transaction of the core
    std::uint64_t head_height_ = 0;
    engine::Time head_time_ = 0;
    EconomyCounts counts_;
    std::vector<SpendRecord> spend_records_;
    std::vector<SessionRecord> session_records_;
    // Fiat spends: the price last seen published; with a quote lag, the prices seen (when, which;
    // oldest first, none older than the next quote needs); the worker's walk, stream and nonce.
    std::optional<protocol::PricerRule> pricer_;
    chain::uint256 last_price_{};
    std::deque<std::pair<engine::Time, chain::uint256>> seen_prices_;
    double walk_price_ = 0;
    std::uint64_t oracle_draws_ = 0, worker_nonce_ = 0;
    // Delayed recoveries: users whose execution is due at a head height; records (when recording).
    std::multimap<std::uint64_t, std::uint32_t> recoveries_due_;
    std::unordered_map<std::uint32_t, std::uint32_t> open_recovery_record_;
    std::vector<RecoveryRecord> recovery_records_;
    // Recovery owners' resets: epochs of the users that reset theirs (few: a map, not in User).
    std::unordered_map<std::uint32_t, std::uint32_t> owner_epochs_;
    std::vector<OwnerResetRecord> owner_reset_records_;
};

}  // namespace ostsim::workload
