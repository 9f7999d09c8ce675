// Adversaries set in a scenario (`cores.<c>.adversary`, `consensus.slow` / `equivocating`)
// reach the rules the world builds: a selfish miner's revenue and a double spender's success
// rate through the scenario path against their closed forms (the same figures as
// tests/core/selfish_test.cpp and double_spend_test.cpp, at smaller sizes), and the checks.
#include <gtest/gtest.h>

#include <cmath>

#include "consensus/analytic.hpp"
#include "consensus/double_spend.hpp"
#include "consensus/selfish.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "world/from_scenario.hpp"
#include "world/world.hpp"

using namespace ostsim;

namespace {

// Eleven nodes on a complete network whose delay is a millionth of the interval (ties only from
// gamma, as in Eyal and Sirer's model): node 0 attacks, ten honest miners.
std::string pow_core(const std::string& adversary, const std::string& duration) {
    return "duration: " + duration + "\nnetworks: {n: {delay: 600us}}\n"
           "cores:\n  c:\n    network: n\n    nodes: 11\n"
           "    consensus: {rule: pow, block_time: 600s, confirmations: 1000}\n"
           "    adversary: " + adversary + "\n";
}

world::World build(const std::string& text) {
    const auto s = scenario::load_text(scenario::scenario_schema(), text, "x.yaml");
    EXPECT_TRUE(s.ok()) << scenario::format(s.errors);
    EXPECT_EQ(scenario::format(world::check_world(s.tree)), "");
    return world::World(world::from_scenario(s.tree));
}

std::string errors_of(const std::string& text) {
    const auto s = scenario::load_text(scenario::scenario_schema(), text, "x.yaml");
    if (!s.ok()) return scenario::format(s.errors);
    return scenario::format(world::check_world(s.tree));
}

}  // namespace

TEST(adversary, selfish_revenue_through_the_scenario_matches_eyal_and_sirer) {
    const double alpha = 0.35, gamma = 0.5;
    world::World w = build(pow_core("{kind: selfish, share: 0.35, gamma: 0.5}", "2000000s"));
    w.run_until(2'000'000 * engine::kSecond);
    ASSERT_NE(dynamic_cast<const consensus::SelfishMiner*>(&w.node(0, 0).rule()), nullptr);
    // The main chain as the last honest miner (who prefers nobody) sees it.
    const chain::BlockTree& tree = w.node(0, 10).tree();
    double pool = 0;
    for (chain::BlockId b = tree.head().id; !(b == chain::kGenesis); b = tree.block(b).parent) {
        pool += b.producer == 0;
    }
    const auto main = static_cast<double>(tree.head().height);
    ASSERT_GT(main, 2000);
    const double want = consensus::analytic::selfish_revenue(alpha, gamma);
    EXPECT_NEAR(pool / main, want, 4 * consensus::analytic::selfish_revenue_sd(alpha, gamma, main));
    EXPECT_GT(pool / main, alpha);  // above the threshold, selfish mining pays
}

TEST(adversary, double_spend_success_through_the_scenario_matches_the_race) {
    const double q = 0.3;
    world::World w = build(pow_core(
        "{kind: double_spend, share: 0.3, confirmations: 2, give_up_behind: 4}", "4000000s"));
    w.run_until(4'000'000 * engine::kSecond);
    const auto* attacker = dynamic_cast<const consensus::DoubleSpender*>(&w.node(0, 0).rule());
    ASSERT_NE(attacker, nullptr);
    const auto& c = attacker->counts();
    ASSERT_GT(c.attacks, 500u);
    const double p = consensus::analytic::race_success(q, 2, true, 4);
    const double n = static_cast<double>(c.attacks);
    EXPECT_NEAR(static_cast<double>(c.succeeded) / n, p, 4 * std::sqrt(p * (1 - p) / n));
}

TEST(adversary, settings_that_do_not_fit_the_rule_are_errors) {
    EXPECT_EQ(errors_of("networks: {n: {}}\ncores:\n  c:\n    network: n\n"
                        "    consensus: {rule: clique}\n    adversary: {kind: selfish}\n"),
              "x.yaml:6:23: cores.c.adversary.kind: needs consensus rule `pow`\n");
    EXPECT_EQ(errors_of(pow_core("{kind: selfish, share: 1}", "10s")),
              "x.yaml:8:39: cores.c.adversary.share: must lie strictly between 0 and 1\n");
    EXPECT_EQ(errors_of("networks: {n: {}}\ncores:\n  c:\n    network: n\n    nodes: 4\n"
                        "    consensus: {rule: bft, offline: 1, slow: 2, equivocating: 2}\n"),
              "x.yaml:6:63: cores.c.consensus.equivocating: offline, slow and equivocating "
              "validators must be at most the validators (4)\n");
    EXPECT_EQ(errors_of("networks: {n: {}}\ncores:\n  c:\n    network: n\n"
                        "    consensus: {rule: pow, slow: 1}\n"),
              "x.yaml:5:34: cores.c.consensus.slow: only for clique, bft and ffg\n");
}

TEST(adversary, faulty_validators_are_counted_back_from_the_last) {
    const auto s = scenario::load_text(
        scenario::scenario_schema(),
        "networks: {n: {}}\ncores:\n  c:\n    network: n\n    nodes: 7\n"
        "    consensus: {rule: bft, offline: 1, slow: 2, slow_delay: 2s, equivocating: 1}\n",
        "x.yaml");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    ASSERT_EQ(scenario::format(world::check_world(s.tree)), "");
    const world::WorldSpec spec = world::from_scenario(s.tree);
    EXPECT_EQ(spec.cores[0].offline, 1u);
    EXPECT_EQ(spec.cores[0].slow, 2u);
    EXPECT_EQ(spec.cores[0].slow_delay, 2 * engine::kSecond);
    EXPECT_EQ(spec.cores[0].equivocating, 1u);
    // Seven validators, one offline: bft still decides (6/7 > 2/3) and the run goes on.
    world::World w(spec);
    w.run_until(60 * engine::kSecond);
    EXPECT_GT(w.node(0, 0).tree().head().height, 3u);
}
