// The workload's session models end to end on one core: the session-key model's rules, the same
// accepted and rejected spends in ecdsa and modeled signatures, the same run at 1 and 2 threads,
// the hash chain's frequency limit, and sessions ending by time.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "session_world.hpp"

using namespace ostsim;
using namespace ostsim::workload_test;
using protocol::AccountRejection;
using workload::Misbehaviour;
using workload::SessionRecord;

namespace {

// The reasons the final (or given-up) spends of each kind of misbehaviour ended with.
std::map<Misbehaviour, std::map<std::string_view, int>> reasons_by_kind(const workload::EconomyDriver& d) {
    std::map<Misbehaviour, std::map<std::string_view, int>> by;
    for (const auto& s : d.spends()) {
        if (s.final >= 0 || s.outcome.timed_out) ++by[s.misbehaviour][s.outcome.reason()];
    }
    return by;
}

std::set<std::string_view> keys(const std::map<std::string_view, int>& m) {
    std::set<std::string_view> k;
    for (const auto& [r, n] : m) k.insert(r);
    return k;
}

std::string_view rejection_text(AccountRejection r) { return protocol::to_string(r); }

// What a spend was and how it ended, without its times (equal in both signature modes too).
auto spend_outcome(const workload::SpendRecord& s) {
    return std::make_tuple(s.user, s.session, s.secret, s.misbehaviour, s.amount_micro, std::string(s.outcome.reason()));
}

// Every field of a record.
auto spend_fields(const workload::SpendRecord& s) {
    return std::make_tuple(s.user, s.session, s.secret, s.misbehaviour, s.amount_micro, s.intent, s.sent, s.included,
                           s.final, s.height, s.gas_used, s.outcome.account, s.outcome.token, s.outcome.timed_out);
}
auto session_fields(const SessionRecord& s) {
    return std::make_tuple(s.user, s.session, s.requested, s.opened, s.ended, s.end, s.spends, s.spent_micro,
                           s.open_gas);
}

workload::EconomySpec session_key_economy() {
    workload::EconomySpec e = busy_economy();
    e.session.model = workload::SessionModel::SessionKey;
    e.session.lifetime = 30 * workload::kMinute;  // beyond the run: no spend meets the key's expiry
    return e;
}

// One run's records, by value.
struct RunRecords {
    std::uint64_t digest = 0;
    std::vector<workload::SpendRecord> spends;
    std::vector<SessionRecord> sessions;
    workload::EconomyCounts counts;
};

RunRecords run_world(const world::WorldSpec& spec) {
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    return {w.digest(), d.spends(), d.sessions(), d.counts()};
}

}  // namespace

TEST(session_models, session_keys_accept_every_honest_spend) {
    const world::WorldSpec spec = session_world(session_key_economy());
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    expect_every_spend_accepted(d.counts());
    // A key allows `secrets` spends (nonces 0 .. secrets - 1), then the user authorises another.
    EXPECT_GT(session_ends(d)[SessionRecord::Exhausted], 100);
    for (const auto& s : d.spends()) EXPECT_LT(s.secret, d.economy().spec().session.secrets);
}

TEST(session_models, session_keys_refuse_a_replayed_nonce_and_an_amount_over_the_allowance) {
    workload::EconomySpec e = session_key_economy();
    e.misbehaviour.replay = 0.1;
    e.misbehaviour.over_limit = 0.1;
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    auto by = reasons_by_kind(d);
    EXPECT_EQ(keys(by[Misbehaviour::None]), (std::set<std::string_view>{"accepted"}));
    EXPECT_EQ(keys(by[Misbehaviour::Replay]), (std::set<std::string_view>{rejection_text(AccountRejection::WrongNonce)}));
    // The per-transaction limit is the allowance the holder gives TokenRules: the token refuses.
    const std::string_view allowance = protocol::to_string(protocol::Rejection::InsufficientAllowance);
    EXPECT_EQ(keys(by[Misbehaviour::OverLimit]), (std::set<std::string_view>{allowance}));
    EXPECT_GT(by[Misbehaviour::Replay][rejection_text(AccountRejection::WrongNonce)], 20);
    EXPECT_GT(by[Misbehaviour::OverLimit][allowance], 20);
    for (const auto& s : d.spends()) {
        if (s.misbehaviour == Misbehaviour::OverLimit && s.final >= 0) {
            EXPECT_EQ(s.outcome.account, AccountRejection::TokenRejected);
            EXPECT_EQ(s.outcome.token, protocol::Rejection::InsufficientAllowance);
        }
    }
    const workload::EconomyCounts& k = d.counts();
    EXPECT_EQ(k.by_token[static_cast<std::size_t>(protocol::Rejection::InsufficientAllowance)],
              k.by_account[static_cast<std::size_t>(AccountRejection::TokenRejected)]);
    EXPECT_EQ(k.reverted, k.by_account[static_cast<std::size_t>(AccountRejection::WrongNonce)] +
                              k.by_account[static_cast<std::size_t>(AccountRejection::TokenRejected)]);
}

TEST(session_models, ecdsa_and_modeled_signatures_accept_and_reject_the_same_spends) {
    workload::EconomySpec e = busy_economy();
    e.users = 8;  // ecdsa signs and recovers for real: keep it small
    e.misbehaviour = {.replay = 0.1, .over_limit = 0.1, .stale = 0.1, .unfunded = 0};
    e.session.revoke = 0.2;
    world::WorldSpec spec = session_world(e);
    spec.duration = 10 * workload::kMinute;
    const RunRecords modeled = run_world(spec);
    spec.economies[0].signatures = protocol::SignatureMode::Ecdsa;
    const RunRecords ecdsa = run_world(spec);
    ASSERT_EQ(modeled.spends.size(), ecdsa.spends.size());
    std::map<std::string_view, int> seen;
    for (std::size_t i = 0; i < modeled.spends.size(); ++i) {
        EXPECT_EQ(spend_outcome(modeled.spends[i]), spend_outcome(ecdsa.spends[i])) << "spend " << i;
        ++seen[modeled.spends[i].outcome.reason()];
    }
    // Both kinds of outcome were compared.
    EXPECT_GT(seen["accepted"], 50);
    EXPECT_GT(modeled.counts.reverted, 10u);
    EXPECT_EQ(modeled.counts.accepted, ecdsa.counts.accepted);
    EXPECT_EQ(modeled.counts.reverted, ecdsa.counts.reverted);
    EXPECT_EQ(modeled.counts.by_account, ecdsa.counts.by_account);
}

TEST(session_models, a_run_is_the_same_at_one_and_two_threads) {
    workload::EconomySpec e = busy_economy();
    e.misbehaviour = {.replay = 0.05, .over_limit = 0.05, .stale = 0.05, .unfunded = 0.05};
    e.session.revoke = 0.2;
    e.session.lose_device = 0.2;
    e.arrivals.kind = workload::ArrivalSpec::Bursty;
    world::WorldSpec spec = session_world(e, 1);
    spec.duration = 10 * workload::kMinute;
    const RunRecords one = run_world(spec);
    spec.threads = 2;
    const RunRecords two = run_world(spec);
    EXPECT_EQ(one.digest, two.digest);
    ASSERT_EQ(one.spends.size(), two.spends.size());
    ASSERT_EQ(one.sessions.size(), two.sessions.size());
    EXPECT_GT(one.spends.size(), 200u);
    for (std::size_t i = 0; i < one.spends.size(); ++i) {
        EXPECT_EQ(spend_fields(one.spends[i]), spend_fields(two.spends[i])) << "spend " << i;
    }
    for (std::size_t i = 0; i < one.sessions.size(); ++i) {
        EXPECT_EQ(session_fields(one.sessions[i]), session_fields(two.sessions[i])) << "session " << i;
    }
    EXPECT_EQ(one.counts.accepted, two.counts.accepted);
    EXPECT_EQ(one.counts.by_account, two.counts.by_account);
}

TEST(session_models, a_frequency_limit_refuses_bursts_within_a_window) {
    workload::EconomySpec e = busy_economy();
    e.arrivals.kind = workload::ArrivalSpec::Bursty;  // ~15 intents a minute in a burst
    e.session.spends_per_window = 1;
    e.session.window_blocks = 5;  // 10 s at 2 s blocks
    e.session.lifetime = 30 * workload::kMinute;
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    auto by = reasons_by_kind(d);
    EXPECT_EQ(by.size(), 1u);  // honest spends only
    EXPECT_EQ(keys(by[Misbehaviour::None]),
              (std::set<std::string_view>{"accepted", rejection_text(AccountRejection::TooFrequent)}));
    EXPECT_GT(by[Misbehaviour::None][rejection_text(AccountRejection::TooFrequent)], 20);
    EXPECT_GT(by[Misbehaviour::None]["accepted"], 100);
    EXPECT_EQ(d.counts().timed_out, 0u);
    EXPECT_EQ(d.counts().sessions_failed, 0u);
    // The windows are tumbling, number / w: a session's accepted spends are in distinct windows,
    // and each refused one shares its window with an accepted one at or below its height.
    const std::uint64_t w_blocks = e.session.window_blocks;
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t>, std::uint64_t> accepted_at;
    for (const auto& s : d.spends()) {
        if (s.final < 0 || !s.outcome.ok()) continue;
        const bool first = accepted_at.emplace(std::make_tuple(s.user, s.session, s.height / w_blocks), s.height).second;
        EXPECT_TRUE(first) << "user " << s.user << " session " << s.session << " height " << s.height;
    }
    for (const auto& s : d.spends()) {
        if (s.final < 0 || s.outcome.account != AccountRejection::TooFrequent) continue;
        const auto it = accepted_at.find(std::make_tuple(s.user, s.session, s.height / w_blocks));
        ASSERT_NE(it, accepted_at.end()) << "user " << s.user << " height " << s.height;
        EXPECT_LE(it->second, s.height);
    }
}

TEST(session_models, short_lived_sessions_expire_by_time_and_stale_spends_are_refused) {
    workload::EconomySpec e = busy_economy();
    e.arrivals.per_hour = 40;  // a spend every 90 s on average, against a 40 s session
    e.session.lifetime = 40 * engine::kSecond;
    e.session.secrets = 16;
    e.session.session_amount = 1000;
    e.misbehaviour.stale = 0.3;
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    auto ends = session_ends(d);
    EXPECT_GT(ends[SessionRecord::Expired], 100);
    EXPECT_EQ(ends[SessionRecord::Exhausted], 0);
    EXPECT_EQ(ends[SessionRecord::Failed] + ends[SessionRecord::Dropped], 0);
    auto by = reasons_by_kind(d);
    const std::set<std::string_view> stale = keys(by[Misbehaviour::Stale]);
    EXPECT_TRUE(stale.contains(rejection_text(AccountRejection::ExpiredByTime)));
    for (std::string_view r : stale) {
        EXPECT_TRUE(r == rejection_text(AccountRejection::ExpiredByTime) || r == rejection_text(AccountRejection::Expired)) << r;
    }
    // An honest spend sent just before its session's end may be included just after it.
    for (std::string_view r : keys(by[Misbehaviour::None])) {
        EXPECT_TRUE(r == "accepted" || r == rejection_text(AccountRejection::ExpiredByTime)) << r;
    }
    EXPECT_GT(by[Misbehaviour::None]["accepted"], 200);
    // Expiry runs from the opening's sending, open_delay after the request; on-chain it is in
    // whole seconds of block.timestamp (the driver floors it), so it may come up to 1 s sooner.
    for (const auto& s : d.sessions()) {
        if (s.end == SessionRecord::Expired) {
            EXPECT_GE(s.ended, s.requested + e.session.open_delay + e.session.lifetime - engine::kSecond);
        }
    }
}
