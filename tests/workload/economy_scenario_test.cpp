// The scenario keys of an economy's fiat spends and delayed recovery map into its spec, are off
// by default, and a fiat share on session keys is refused naming the key.
#include <gtest/gtest.h>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "world/from_scenario.hpp"

using namespace ostsim;

namespace {

const std::string kEconomyCore = R"(
networks: {lan: {delay: 50ms}}
cores:
  aux: {network: lan, nodes: 2, consensus: {rule: clique, block_time: 2s, confirmations: 2}}
)";

scenario::Loaded load_economy(const std::string& economy) {
    return scenario::load_text(scenario::scenario_schema(), kEconomyCore + "economies:\n  shop: " + economy + "\n",
                               "x.yaml");
}

}  // namespace

TEST(economy_scenario, fiat_and_recovery_keys_map_into_the_spec_and_are_off_by_default) {
    scenario::Loaded plain = load_economy("{core: aux}");
    ASSERT_TRUE(plain.ok()) << scenario::format(plain.errors);
    const workload::EconomySpec d = world::from_scenario(plain.tree).economies.at(0);
    EXPECT_EQ(d.fiat.share, 0);
    EXPECT_EQ(d.recovery.share, 0);
    EXPECT_EQ(d.recovery.delay, 100u);
    EXPECT_EQ(d.recovery.reset, 0);
    EXPECT_EQ(d.fiat.quote_lag, 0);

    scenario::Loaded s = load_economy(
        "{core: aux, session: {lose_device: 0.1},"
        " fiat: {share: 0.25, price: 0.02, conversion_rate: 3.5, margin: 0.001, update_every: 30s,"
        " volatility: 0.01, valid_blocks: 40, quote_lag: 20s},"
        " recovery: {share: 0.5, delay: 60, abort: 0.1, early: 0.2, reset: 0.05}}");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    EXPECT_TRUE(world::check_world(s.tree).empty());
    const workload::EconomySpec e = world::from_scenario(s.tree).economies.at(0);
    EXPECT_EQ(e.fiat.share, 0.25);
    EXPECT_EQ(e.fiat.price, 0.02);
    EXPECT_EQ(e.fiat.conversion_rate, 3.5);
    EXPECT_EQ(e.fiat.margin, 0.001);
    EXPECT_EQ(e.fiat.update_every, 30 * engine::kSecond);
    EXPECT_EQ(e.fiat.volatility, 0.01);
    EXPECT_EQ(e.fiat.valid_blocks, 40u);
    EXPECT_EQ(e.fiat.quote_lag, 20 * engine::kSecond);
    EXPECT_EQ(e.recovery.share, 0.5);
    EXPECT_EQ(e.recovery.delay, 60u);
    EXPECT_EQ(e.recovery.abort, 0.1);
    EXPECT_EQ(e.recovery.early, 0.2);
    EXPECT_EQ(e.recovery.reset, 0.05);
}

TEST(economy_scenario, fiat_spends_need_hash_chain_sessions_and_recovery_the_modules_minimum_delay) {
    scenario::Loaded keys = load_economy("{core: aux, session: {model: session_key}, fiat: {share: 0.1}}");
    ASSERT_TRUE(keys.ok()) << scenario::format(keys.errors);
    EXPECT_NE(scenario::format(world::check_world(keys.tree)).find("economies.shop.fiat.share: fiat spends need session.model hash_chain"),
              std::string::npos);
    scenario::Loaded shortly = load_economy("{core: aux, recovery: {share: 1, delay: 49}}");
    EXPECT_NE(scenario::format(shortly.errors).find("economies.shop.recovery.delay"), std::string::npos);
}
