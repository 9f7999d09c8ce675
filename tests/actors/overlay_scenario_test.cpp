// The `overlay` section of a scenario: what it builds, and the exact messages for the mistakes
// only the cores it names can show.
#include <gtest/gtest.h>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "actors/facilitator.hpp"
#include "world/from_scenario.hpp"

using namespace ostsim;

namespace {

scenario::Loaded load_overlay(const std::string& text) {
    return scenario::load_text(scenario::scenario_schema(), text, "x.yaml");
}

// Schema errors and world errors together, as `ostsim run` reports them.
std::string overlay_errors(const std::string& text) {
    scenario::Loaded s = load_overlay(text);
    if (!s.ok()) return scenario::format(s.errors);
    return scenario::format(world::check_world(s.tree));
}

const std::string kCores = R"(
networks: {lan: {delay: 50ms}}
cores:
  origin: {network: lan, nodes: 3, consensus: {rule: pow, block_time: 15s}}
  aux1: {network: lan, nodes: 3, consensus: {rule: clique, block_time: 1s, confirmations: 2}}
  aux2: {network: lan, nodes: 2, consensus: {rule: bft, block_time: 1s}}
)";

}  // namespace

TEST(overlay_scenario, maps_every_key_to_the_overlay_spec) {
    scenario::Loaded s = load_overlay(kCores + R"(
overlay:
  origin: origin
  auxiliaries: [aux2, aux1]
  bounty: 200 wei
  anchor_ring: 7
  gas_price: 2 gwei
  latency: 80ms
  reporting: {reporters: 2, every: 3, final_only: false, pending_work: true, delay: [0s, 2s], offline: [false, true]}
  transfers: {stakers: 5, rate: 0.25, amount_min: 2 OST, amount_max: 3 OST, redeem_share: 0.1,
              message_gas_price: 3 gwei, message_gas_limit: 50000, facilitator_delay: 4s,
              revoke_after: 5min}
  facilitator: {offline: [true], offline_after: 2min, withhold_secret: [false, true]}
  gas: {sload: 2100, function_overhead: 0}
)");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    ASSERT_EQ(scenario::format(world::check_world(s.tree)), "");
    const world::WorldSpec w = world::from_scenario(s.tree);
    ASSERT_TRUE(w.overlay.has_value());
    const actors::OverlaySpec& o = *w.overlay;
    EXPECT_EQ(o.origin, 0u);
    EXPECT_EQ(o.auxiliaries, (std::vector<std::uint32_t>{2, 1}));
    EXPECT_EQ(o.bounty, 200);
    EXPECT_EQ(o.anchor_ring, 7u);
    EXPECT_EQ(o.storage_root_ring, 100u);  // the default
    EXPECT_EQ(o.gas_price, 2'000'000'000u);
    EXPECT_EQ(o.latency, 80 * engine::kMillisecond);
    EXPECT_EQ(o.reporting.reporters, 2u);
    EXPECT_EQ(o.reporting.every, 3u);
    EXPECT_FALSE(o.reporting.final_only);
    EXPECT_TRUE(o.reporting.pending_work);
    EXPECT_EQ(o.reporting.extra_delay, (std::vector<engine::Time>{0, 2 * engine::kSecond}));
    EXPECT_EQ(o.reporting.offline, (std::vector<bool>{false, true}));
    EXPECT_EQ(o.reporting.rule, protocol::AnchorRule::Organization);  // the default
    EXPECT_EQ(o.reporting.finality_latency, 50 * engine::kMillisecond);
    EXPECT_EQ(o.transfers.stakers, 5u);
    EXPECT_EQ(o.transfers.stakes_per_second, 0.25);
    EXPECT_EQ(o.transfers.amount_min, chain::uint256(2'000'000'000'000'000'000ULL));
    EXPECT_EQ(o.transfers.amount_max, chain::uint256(3'000'000'000'000'000'000ULL));
    EXPECT_EQ(o.transfers.redeem_share, 0.1);
    EXPECT_EQ(o.transfers.message_gas_price, 3'000'000'000u);
    EXPECT_EQ(o.transfers.message_gas_limit, 50'000u);
    EXPECT_EQ(o.transfers.facilitator_delay, 4 * engine::kSecond);
    EXPECT_EQ(o.transfers.revoke_after, 5 * 60 * engine::kSecond);
    EXPECT_EQ(o.gas.sload, 2100u);
    EXPECT_EQ(o.gas.function_overhead, 0u);
    EXPECT_EQ(o.gas.sstore_set, 20'000u);  // the schedule's default
    EXPECT_EQ(o.gas.proof_node_overhead, protocol::GasSchedule{}.proof_node_overhead);
    EXPECT_EQ(o.facilitator.offline, (std::vector<bool>{true}));
    EXPECT_EQ(o.facilitator.offline_after, 2 * 60 * engine::kSecond);
    EXPECT_EQ(o.facilitator.withhold_secret, (std::vector<bool>{false, true}));
    // Per pair: the first is offline from 2 min on and honest with its secret; the second is
    // online and withholds it.
    const actors::Behaviour first = actors::Facilitator::behaviour_of(o, 0);
    const actors::Behaviour second = actors::Facilitator::behaviour_of(o, 1);
    EXPECT_EQ(first.offline_after, 2 * 60 * engine::kSecond);
    EXPECT_FALSE(first.withhold_secret);
    EXPECT_EQ(second.offline_after, engine::kNever);
    EXPECT_TRUE(second.withhold_secret);
    EXPECT_EQ(second.delay, 4 * engine::kSecond);
    EXPECT_EQ(second.revoke_after, 5 * 60 * engine::kSecond);
    // Without the section: no overlay.
    EXPECT_FALSE(world::from_scenario(load_overlay(kCores).tree).overlay.has_value());
}

TEST(overlay_scenario, names_each_mistake_at_its_key) {
    EXPECT_EQ(overlay_errors(kCores + R"(
overlay: {origin: orgin, auxiliaries: [aux1, aux1]}
)"),
              "x.yaml:8:19: overlay.origin: unknown core (did you mean \"origin\"?)\n"
              "x.yaml:8:46: overlay.auxiliaries.1: core `aux1` is already in the overlay\n");
    EXPECT_EQ(overlay_errors(R"(
networks: {lan: {delay: 50ms}}
cores:
  origin: {network: lan, nodes: 3, consensus: {rule: pow, block_time: 15s, confirmations: 0}}
  aux1: {network: lan, nodes: 3, consensus: {rule: clique, block_time: 1s}}
overlay:
  origin: origin
  auxiliaries: [aux1]
  node: 3
  transfers: {amount_min: 5 OST, amount_max: 1 OST}
)"),
              "x.yaml:10:27: overlay.transfers.amount_min: must be at most amount_max\n"
              "x.yaml:4:91: cores.origin.consensus.confirmations: must be at least 1: core `origin` "
              "is in the overlay, whose actors act on final blocks\n"
              "x.yaml:9:9: overlay.node: core `origin` has 3 nodes\n"
              "x.yaml:9:9: overlay.node: core `aux1` has 3 nodes\n");
    const std::string three = overlay_errors(kCores + R"(
overlay: {origin: origin, auxiliaries: [aux1], reporting: {reporters: 3}}
)");
    EXPECT_NE(three.find("overlay.reporting.reporters"), std::string::npos) << three;
    EXPECT_EQ(overlay_errors(kCores + R"(
overlay: {origin: origin, auxiliaries: [aux1], reporting: {reporters: 2, anchor_rule: finalized}}
)"),
              "x.yaml:8:71: overlay.reporting.reporters: must be 1 under anchor_rule finalized: only "
              "the consensus key may anchor\n");
}

TEST(overlay_scenario, finalized_anchors_follow_the_other_core) {
    const scenario::Loaded s = load_overlay(kCores + R"(
overlay:
  origin: origin
  auxiliaries: [aux1]
  reporting: {anchor_rule: finalized, finality_latency: 20ms}
)");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    ASSERT_EQ(scenario::format(world::check_world(s.tree)), "");
    const actors::OverlaySpec o = *world::from_scenario(s.tree).overlay;
    EXPECT_EQ(o.reporting.rule, protocol::AnchorRule::FinalizedOnly);
    EXPECT_EQ(o.reporting.finality_latency, 20 * engine::kMillisecond);
}
