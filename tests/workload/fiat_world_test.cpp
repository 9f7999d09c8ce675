// Fiat-denominated spends on a core, end to end (economy `fiat`; pricer_rule.hpp): at a steady
// oracle price every fiat spend is accepted and moves pay x rate / price in tokens; a price that
// moves beyond the margin between a spend's quote and its block, or one that expired, makes fiat
// spends revert with the pricer's reasons; tokens are conserved throughout.
#include <gtest/gtest.h>

#include <map>

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
