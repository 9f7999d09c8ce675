// Fiat-denominated spends on a core, end to end (economy `fiat`; pricer_rule.hpp): at a steady
// oracle price every fiat spend is accepted and moves pay x rate / price in tokens; a price that
// moves beyond the margin between a spend's quote and its block, or one that expired, makes fiat
// spends revert with the pricer's reasons - beyond the margin exactly when the final chain's
// oracle says so; a quote lag quotes older prices and so meets more refusals; tokens are
// conserved throughout.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "session_world.hpp"

using namespace ostsim;
using namespace ostsim::workload_test;
using protocol::AccountRejection;

namespace {

workload::EconomySpec fiat_economy() {
    workload::EconomySpec e = busy_economy();
    e.fiat.share = 0.5;
    e.fiat.price = 0.5;  // pay currency per OST
    e.fiat.conversion_rate = 2;  // tokens per OST: 1 pay unit buys 4 tokens
    e.fiat.margin = 0.01;
    return e;
}

struct FiatOutcomes {
    std::map<std::string_view, int> fiat, tokens;  // final or given-up spends by outcome
};

// The economy's tokens are where genesis put them or with the merchants, and the merchants hold
// exactly what the accepted spends in the final chain moved (fiat ones at the oracle's price).
void expect_tokens_conserved(const world::World& w, const workload::EconomyDriver& d) {
    const workload::Economy& e = d.economy();
    chain::uint256 holders = 0, merchants = 0;
    for (std::uint32_t u = 0; u < e.spec().users; ++u) holders += token_balance(w, e, e.holder(u));
    for (std::uint32_t m = 0; m < e.spec().merchants; ++m) merchants += token_balance(w, e, e.merchant(m));
    EXPECT_EQ(holders + merchants, workload::token_units(e.spec().balance) * e.spec().users);
    chain::uint256 moved = 0;
    const std::uint64_t last_final = w.node(0, 0).finals().size();
    for (const auto& s : d.spends()) {
        if (s.outcome.ok() && s.height > 0 && s.height <= last_final) moved += s.moved;
    }
    EXPECT_GT(moved, 0u);
    EXPECT_EQ(merchants, moved);
}

FiatOutcomes fiat_outcomes(const workload::EconomyDriver& d) {
    FiatOutcomes r;
    for (const auto& s : d.spends()) {
        if (s.final >= 0 || s.outcome.timed_out) ++(s.fiat ? r.fiat : r.tokens)[s.outcome.reason()];
    }
    return r;
}

std::string_view fiat_reason(AccountRejection r) { return protocol::to_string(r); }

// The oracle's price as node 0's final chain has it, read from the states of its blocks rather
// than from the driver: after each block (`after[h - 1]` for height h; `before` the first).
struct ChainPrices {
    const world::World& w;
    const workload::Economy& e;
    chain::uint256 at(const chain::BlockId& id) const {
        return const_cast<core::Core&>(w.core(e.spec().core))
            .ledger()
            .storage(id, e.oracle(), protocol::slot(protocol::PricerRule::kPriceSlot))
            .value_or(0);
    }
    // The price the spend of `s` met in its final block: the parent's, or after the price
    // worker's accepted updates before it there; none when it lies between two of them (whose
    // intermediate price no state holds) or is not in the block.
    std::optional<chain::uint256> met(const workload::SpendRecord& s) const {
        const core::Node& n = w.node(e.spec().core, 0);
        const core::Block& b = n.block(n.finals()[s.height - 1].id);
        const chain::Address key =
            protocol::KeyHolder::derive(e.key_seed(s.user, s.session), e.spec().signatures).address();
        std::size_t updates = 0, updates_before = 0;
        std::optional<std::size_t> at_index;
        for (std::size_t i = 0; i < b.txs.size(); ++i) {
            if (b.txs[i].sender == e.price_worker() && b.receipts[i].ok()) ++updates;
            if (b.txs[i].sender == key && b.txs[i].call != 0) {
                at_index = i;
                updates_before = updates;
            }
        }
        if (!at_index) return std::nullopt;
        if (updates_before == 0) return at(b.meta.parent);
        if (updates_before == updates) return at(b.meta.id);
        return std::nullopt;
    }
};

struct MarginCheck {
    int beyond = 0, within = 0, unknown = 0;
};

// Each final fiat spend was refused PriceOutsideMargin if and only if its quote (the trace's
// quoted price) is further than the margin from the price the final chain's oracle held where
// the spend executed; within the margin it was accepted. The driver's oracle price agrees.
MarginCheck expect_refused_exactly_beyond_the_margin(const world::World& w, const workload::EconomyDriver& d) {
    const workload::Economy& e = d.economy();
    const ChainPrices chain{w, e};
    const chain::uint256 margin = workload::token_units(e.spec().fiat.margin);
    const std::uint64_t last_final = w.node(e.spec().core, 0).finals().size();
    MarginCheck c;
    for (const auto& s : d.spends()) {
        if (!s.fiat || s.final < 0 || s.height == 0 || s.height > last_final) continue;
        const std::optional<chain::uint256> p = chain.met(s);
        if (!p) {
            ++c.unknown;
            continue;
        }
        EXPECT_EQ(s.oracle, *p) << s.user << " " << s.height;
        const chain::uint256 gap = s.quoted > *p ? s.quoted - *p : *p - s.quoted;
        const bool beyond = gap > margin;
        ++(beyond ? c.beyond : c.within);
        EXPECT_EQ(s.outcome.reason(), beyond ? fiat_reason(AccountRejection::PriceOutsideMargin) : "accepted")
            << "user " << s.user << " at height " << s.height;
    }
    return c;
}

// A moving price: an update every 10 s (5 blocks), each a 3% step against a 2% margin.
workload::EconomySpec moving_price_economy(engine::Time quote_lag) {
    workload::EconomySpec e = fiat_economy();
    e.fiat.update_every = 10 * engine::kSecond;
    e.fiat.volatility = 0.03;
    e.fiat.quote_lag = quote_lag;
    return e;
}

}  // namespace

TEST(fiat_world, at_a_steady_price_fiat_spends_are_accepted_at_the_oracle_price) {
    const world::WorldSpec spec = session_world(fiat_economy());
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    expect_every_spend_accepted(d.counts());
    const FiatOutcomes r = fiat_outcomes(d);
    EXPECT_GT(r.fiat.at("accepted"), 500);
    EXPECT_GT(r.tokens.at("accepted"), 500);
    // The user asks for pay = V x (price - margin) / price / rate in the pay currency, so that no
    // price the margin admits takes more than V; at the steady price the token moved is
    // V (price - margin) / price = 0.98 V, to the wei's rounding.
    for (const auto& s : d.spends()) {
        if (!s.fiat || !s.outcome.ok() || s.final < 0) continue;  // in flight at the end
        const double asked = static_cast<double>(s.amount_micro) * 1e12;
        EXPECT_NEAR(static_cast<double>(s.moved), asked * 0.49 / 0.5, asked * 1e-9 + 1e7) << s.user;
    }
    expect_tokens_conserved(w, d);
}

TEST(fiat_world, a_price_moved_beyond_the_margin_reverts_fiat_spends_with_the_pricers_reason) {
    workload::EconomySpec e = fiat_economy();
    e.fiat.update_every = 2 * engine::kSecond;  // a new price about every block ...
    e.fiat.volatility = 0.05;                   // ... 5% away, against a 2% margin
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const FiatOutcomes r = fiat_outcomes(d);
    // A fiat spend quoted at the price its user last saw: accepted when no update landed
    // before it, refused when one did and moved the price beyond the margin.
    EXPECT_GT(r.fiat.at("accepted"), 50);
    EXPECT_GT(r.fiat.at(fiat_reason(AccountRejection::PriceOutsideMargin)), 50);
    for (const auto& [why, n] : r.fiat) {
        EXPECT_TRUE(why == "accepted" || why == fiat_reason(AccountRejection::PriceOutsideMargin)) << why;
    }
    EXPECT_EQ(r.tokens.size(), 1u);  // token spends: all accepted
    EXPECT_GT(r.tokens.at("accepted"), 500);
    EXPECT_GT(d.counts().price_updates, 400u);
    expect_tokens_conserved(w, d);
}

TEST(fiat_world, a_price_not_renewed_expires_and_fiat_spends_revert_until_there_is_one) {
    workload::EconomySpec e = fiat_economy();
    e.fiat.update_every = 0;    // only the genesis price ...
    e.fiat.valid_blocks = 150;  // ... valid for 300 s of 2 s blocks
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const std::string_view no_price = fiat_reason(AccountRejection::NoPrice);
    int accepted_late = 0, refused_early = 0, refused = 0;
    for (const auto& s : d.spends()) {
        if (!s.fiat || s.final < 0) continue;
        const bool ok = s.outcome.ok();
        ASSERT_TRUE(ok || s.outcome.reason() == no_price) << s.outcome.reason();
        if (ok && s.height >= 150) ++accepted_late;
        if (!ok && s.height < 150) ++refused_early;
        refused += !ok;
    }
    EXPECT_EQ(accepted_late, 0);  // a price is valid while block number < valid_until
    EXPECT_EQ(refused_early, 0);
    EXPECT_GT(refused, 300);
    EXPECT_EQ(d.counts().price_updates, 0u);
    expect_tokens_conserved(w, d);
}

TEST(fiat_world, spends_are_refused_exactly_when_the_price_moved_beyond_the_margin) {
    const world::WorldSpec spec = session_world(moving_price_economy(0));
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const MarginCheck c = expect_refused_exactly_beyond_the_margin(w, d);
    // Quoted at the last price seen, a spend meets another only when an update lands between
    // its sending and its block (about 2 s of each 10 s).
    EXPECT_GT(c.beyond, 30);
    EXPECT_GT(c.within, 5 * c.beyond);
    EXPECT_LT(c.unknown, 5);
    expect_tokens_conserved(w, d);
}

TEST(fiat_world, a_quote_lag_quotes_the_price_seen_that_long_before_and_meets_more_refusals) {
    const engine::Time lag = 25 * engine::kSecond;
    const world::WorldSpec lagged = session_world(moving_price_economy(lag));
    world::World w(lagged);
    w.run_until(lagged.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const MarginCheck c = expect_refused_exactly_beyond_the_margin(w, d);
    EXPECT_GT(c.within, 30);
    EXPECT_LT(c.unknown, 5);
    expect_tokens_conserved(w, d);

    // Each quote is a price the final chain's oracle held at a block made at least `lag` before
    // the spend was sent, and the price that followed it came no earlier than `lag` plus the
    // time a block takes to reach the user's node (2 s blocks, 100 ms links: 3 s is ample).
    const core::Node& n = w.node(0, 0);
    const ChainPrices chain{w, d.economy()};
    // The genesis price, held before any block.
    std::vector<std::pair<engine::Time, chain::uint256>> history{{std::numeric_limits<engine::Time>::min(), workload::token_units(0.5)}};
    for (const auto& f : n.finals()) {
        const chain::uint256 price = chain.at(f.id);
        if (price != history.back().second) history.emplace_back(n.block(f.id).meta.timestamp, price);
    }
    ASSERT_GT(history.size(), 100u);
    int checked = 0;
    for (const auto& s : d.spends()) {
        if (!s.fiat || s.final < 0) continue;
        std::size_t k = 0;
        while (k < history.size() && history[k].second != s.quoted) ++k;
        ASSERT_LT(k, history.size()) << "a quote the oracle never held, user " << s.user;
        EXPECT_LE(history[k].first, s.sent - lag) << s.user;
        if (k + 1 < history.size()) {
            EXPECT_GT(history[k + 1].first, s.sent - lag - 3 * engine::kSecond) << s.user;
        }
        ++checked;
    }
    EXPECT_GT(checked, 300);

    // The same spends quoted without the lag meet fewer refusals: the quote is older by 5 updates.
    const world::WorldSpec prompt = session_world(moving_price_economy(0));
    world::World w0(prompt);
    w0.run_until(prompt.duration);
    const MarginCheck c0 = expect_refused_exactly_beyond_the_margin(w0, w0.economy(0));
    const double share = static_cast<double>(c.beyond) / (c.beyond + c.within);
    const double share0 = static_cast<double>(c0.beyond) / (c0.beyond + c0.within);
    EXPECT_GT(share, 0.4);
    EXPECT_GT(share, 3 * share0);
}
