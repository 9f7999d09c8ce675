// Users spending through sessions on a core, end to end: sessions open through their relayers,
// honest spends are all accepted, every misbehaviour ends with the contract's reason, tokens
// and coin are conserved, and the run is the same at 1 and 2 threads and in both signature modes.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/ledger.hpp"
#include "session_world.hpp"

using namespace ostsim;
using namespace ostsim::workload_test;
using protocol::AccountRejection;

namespace {

std::map<std::pair<workload::Misbehaviour, std::string_view>, int> outcomes(const workload::EconomyDriver& d) {
    std::map<std::pair<workload::Misbehaviour, std::string_view>, int> by;
    for (const auto& s : d.spends()) {
        if (s.final >= 0 || s.outcome.timed_out) ++by[{s.misbehaviour, s.outcome.reason()}];
    }
    return by;
}

// The coin every producer of core c holds at node 0's last final block, and the fees of every
// transaction in the final chain up to it (gas used x gas price): equal when blocks pay no reward.
std::pair<chain::uint256, chain::uint256> producer_coin_and_fees(const world::World& w, std::uint32_t c) {
    const core::Node& n = w.node(c, 0);
    chain::uint256 fees = 0;
    for (const auto& f : n.finals()) {
        const core::Block& b = n.block(f.id);
        for (std::size_t i = 0; i < b.txs.size(); ++i) fees += chain::uint256(b.receipts[i].gas_used) * b.txs[i].gas_price;
    }
    chain::uint256 coin = 0;
    auto& ledger = const_cast<core::Core&>(w.core(c)).ledger();
    for (std::uint32_t p = 0; p < w.core(c).nodes(); ++p) coin += ledger.account(n.finals().back().id, core::node_address(c, p)).balance;
    return {coin, fees};
}

}  // namespace

TEST(sessions_world, honest_users_spend_within_their_limits_and_tokens_and_coin_are_conserved) {
    const world::WorldSpec spec = session_world(busy_economy());
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const workload::EconomyCounts& k = d.counts();
    expect_every_spend_accepted(k);
    EXPECT_GT(k.sessions, 4u * 40u);  // 6 secrets or 20 tokens a session: several each
    std::map<workload::SessionRecord::End, int> ends = session_ends(d);
    EXPECT_GT(ends[workload::SessionRecord::Exhausted], 100);
    EXPECT_EQ(ends[workload::SessionRecord::Failed] + ends[workload::SessionRecord::Dropped], 0);

    // Tokens: the holders' and merchants' balances add up to what genesis minted, and the
    // merchants hold exactly what the accepted spends in the final chain moved.
    const workload::Economy& e = d.economy();
    chain::uint256 holders = 0, merchants = 0;
    for (std::uint32_t u = 0; u < e.spec().users; ++u) holders += token_balance(w, e, e.holder(u));
    for (std::uint32_t m = 0; m < e.spec().merchants; ++m) merchants += token_balance(w, e, e.merchant(m));
    EXPECT_EQ(holders + merchants, workload::token_units(e.spec().balance) * e.spec().users);
    std::uint64_t moved = 0;
    const std::uint64_t last_final = w.node(0, 0).finals().size();
    for (const auto& s : d.spends()) {
        if (s.outcome.ok() && s.height > 0 && s.height <= last_final) moved += s.amount_micro;
    }
    EXPECT_EQ(merchants, workload::from_micro(moved));
    // Coin: what producers earned is gas used x gas price of the final chain's transactions.
    const auto [coin, fees] = producer_coin_and_fees(w, 0);
    EXPECT_GT(fees, 0u);
    EXPECT_EQ(coin, fees);
}

TEST(sessions_world, each_misbehaviour_ends_with_its_reason) {
    workload::EconomySpec e = busy_economy();
    e.misbehaviour = {.replay = 0.05, .over_limit = 0.05, .stale = 0.05, .unfunded = 0.05};
    e.session.revoke = 0.2;
    e.session.lose_device = 0.2;
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const auto by = outcomes(d);
    using M = workload::Misbehaviour;
    // Replays and overdraws: only their own reasons.
    std::set<std::string_view> replay, over, stale, honest;
    for (const auto& [key, n] : by) {
        if (key.first == M::Replay) replay.insert(key.second);
        if (key.first == M::OverLimit) over.insert(key.second);
        if (key.first == M::Stale) stale.insert(key.second);
        if (key.first == M::None) honest.insert(key.second);
    }
    const auto reason = [](AccountRejection r) { return protocol::to_string(r); };
    // A misbehaving spend from an unfunded key is never included, whatever it tried.
    replay.erase("not included");
    over.erase("not included");
    stale.erase("not included");
    EXPECT_EQ(replay, (std::set<std::string_view>{reason(AccountRejection::ReplayedSecret)}));
    EXPECT_EQ(over, (std::set<std::string_view>{reason(AccountRejection::OverSecretLimit)}));
    // The previous session ended used up, expired or revoked; its next secret is refused as such.
    for (std::string_view r : stale) {
        EXPECT_TRUE(r == reason(AccountRejection::Exhausted) || r == reason(AccountRejection::Revoked) ||
                    r == reason(AccountRejection::Expired) || r == reason(AccountRejection::ExpiredByTime) ||
                    r == reason(AccountRejection::NoSession))
            << r;
    }
    EXPECT_FALSE(stale.empty());
    // Honest spends: accepted, or never included (an unfunded key), or refused because a
    // device revoked the session while the spend was in flight.
    for (std::string_view r : honest) {
        EXPECT_TRUE(r == "accepted" || r == "not included" || r == reason(AccountRejection::Revoked)) << r;
    }
    const workload::EconomyCounts& k = d.counts();
    EXPECT_GT(k.timed_out, 0u);
    EXPECT_GT(k.revocations, 0u);
    EXPECT_GT(k.device_replacements, 0u);
    EXPECT_EQ(k.sessions_failed, 0u);  // after a replacement, the new device approves
    std::map<workload::SessionRecord::End, int> ends = session_ends(d);
    EXPECT_GT(ends[workload::SessionRecord::Revoked], 0);
    EXPECT_GT(ends[workload::SessionRecord::Dropped], 0);  // unfunded keys
}
