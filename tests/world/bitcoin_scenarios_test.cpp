// scenarios/bitcoin-2015.yaml and bitcoin-2019.yaml say what SimBlock's Bitcoin network is
// (shared/vectors/network/simblock-bitcoin.yaml), number for number, so they cannot drift from
// it; and both validate, their 6,000-node graphs connected.
#include <gtest/gtest.h>

#include "../net/simblock_vectors.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "world/from_scenario.hpp"

using namespace ostsim;

namespace {

const std::string kScenarios = OSTSIM_SCENARIOS_DIR;

void expect_simblock_network(const std::string& year, bool compact) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const auto s = scenario::load_file(scenario::scenario_schema(),
                                       kScenarios + "/bitcoin-" + year + ".yaml");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    ASSERT_EQ(scenario::format(world::check_world(s.tree)), "");
    const world::WorldSpec w = world::from_scenario(s.tree);
    ASSERT_EQ(w.cores.size(), 1u);
    const world::CoreSpec& core = w.cores[0];
    ASSERT_TRUE(core.network.has_value());
    const world::NetworkSpec& n = *core.network;

    EXPECT_EQ(core.nodes, 6000u);
    const auto& pow = std::get<world::PowSpec>(core.rule);
    EXPECT_EQ(pow.block_interval, v["block"]["interval_s"].as<std::int64_t>() * engine::kSecond);
    EXPECT_EQ(pow.miners, 0u);  // every node mines
    EXPECT_EQ(core.params.filler_bytes, v["block"]["size_bytes"].as<std::uint32_t>());

    const auto regions = v["regions"].as<std::vector<std::string>>();
    const auto& named = s.tree.at("networks.bitcoin.regions").as_list();
    ASSERT_EQ(named.size(), regions.size());
    for (std::size_t i = 0; i < regions.size(); ++i) {
        EXPECT_EQ(named[i].at("name").as_string(), regions[i]);
    }
    EXPECT_EQ(n.region_shares, net::test::doubles(v["region_share"]["bitcoin_" + year]));
    EXPECT_EQ(n.links.upload_bps, net::test::doubles(v["upload_bps"][year]));
    EXPECT_EQ(n.links.download_bps, net::test::doubles(v["download_bps"][year]));
    EXPECT_EQ(n.links.latency_ms, net::test::matrix(v["latency_ms"][year]));
    EXPECT_EQ(n.links.jitter.law, net::Jitter::Law::pareto);
    EXPECT_EQ(n.links.small_message_extra,
              v["model"]["small_message_extra_ms"].as<std::int64_t>() * engine::kMillisecond);

    EXPECT_EQ(n.topology.kind, world::TopologySpec::RegionBased);
    EXPECT_EQ(n.topology.outbound_cdf, net::test::doubles(v["outbound_degree_cdf"]["bitcoin_2015"]));
    EXPECT_EQ(n.topology.max_inbound, 0u);
    EXPECT_EQ(n.topology.assignment, net::Assignment::stratified);

    EXPECT_FALSE(n.direct);  // inv, getdata, one transfer at a time
    EXPECT_EQ(n.relay.compact.enabled, compact);
    if (compact) {
        const YAML::Node c = v["model"]["compact_block_relay"];
        EXPECT_EQ(n.relay.compact.compact_bytes, v["block"]["compact_size_bytes"].as<std::uint32_t>());
        EXPECT_EQ(n.relay.compact.usage_rate, c["usage_rate"].as<double>());
        EXPECT_EQ(n.relay.compact.churn_rate, c["churn_node_rate"].as<double>());
        EXPECT_EQ(n.relay.compact.failure_control, c["failure_rate_control"].as<double>());
        EXPECT_EQ(n.relay.compact.failure_churn, c["failure_rate_churn"].as<double>());
    }
}

}  // namespace

TEST(bitcoin_scenarios, bitcoin_2015_is_simblocks_2015_network) { expect_simblock_network("2015", false); }

TEST(bitcoin_scenarios, bitcoin_2019_is_simblocks_2019_network_with_compact_blocks) {
    expect_simblock_network("2019", true);
}
