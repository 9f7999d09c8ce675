// The `networks` section of a scenario: what it builds (graph, links, relay, lookahead) and the
// exact messages for the mistakes only a built network can show.
#include <gtest/gtest.h>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "world/from_scenario.hpp"
#include "world/world.hpp"

using namespace ostsim;
using engine::kMillisecond;

namespace {

const std::string kData = OSTSIM_WORLD_TEST_DATA;

scenario::Loaded load(const std::string& text) {
    return scenario::load_text(scenario::scenario_schema(), text, "x.yaml");
}

// Schema errors and world errors together, as `ostsim run` reports them.
std::string errors_of(const std::string& text) {
    scenario::Loaded s = load(text);
    if (!s.ok()) return scenario::format(s.errors);
    return scenario::format(world::check_world(s.tree));
}

const std::string kTwoRegions = R"(
networks:
  n:
    topology: {kind: random_regular, degree: 4}
    regions:
      - {name: east, share: 0.75, upload: 8 Mbit/s, download: 20 Mbit/s}
      - {name: west, share: 0.25, upload: 4 Mbit/s, download: 10 Mbit/s}
    latency: [[20ms, 100ms], [110ms, 30ms]]
    jitter: {law: pareto}
    relay: {processing: 2ms, compact: {enabled: true, size: 20 kB}}
cores:
  c: {network: n, nodes: 40}
)";

}  // namespace

TEST(network_scenario, builds_the_graph_links_and_relay_it_describes) {
    scenario::Loaded s = load(kTwoRegions);
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    ASSERT_EQ(scenario::format(world::check_world(s.tree)), "");
    const world::WorldSpec spec = world::from_scenario(s.tree);
    ASSERT_TRUE(spec.cores.at(0).network.has_value());
    const world::NetworkSpec& n = *spec.cores[0].network;
    EXPECT_EQ(n.topology.kind, world::TopologySpec::RandomRegular);
    EXPECT_EQ(n.topology.degree, 4u);
    EXPECT_EQ(n.region_shares, (std::vector<double>{0.75, 0.25}));
    EXPECT_EQ(n.links.latency_ms(0, 1), 100.0);
    EXPECT_EQ(n.links.latency_ms(1, 0), 110.0);
    EXPECT_EQ(n.links.upload_bps, (std::vector<double>{8e6, 4e6}));
    EXPECT_EQ(n.links.download_bps, (std::vector<double>{20e6, 10e6}));
    EXPECT_EQ(n.links.small_message_extra, 10 * kMillisecond);
    EXPECT_EQ(n.relay.processing, 2 * kMillisecond);
    EXPECT_TRUE(n.relay.compact.enabled);
    EXPECT_EQ(n.relay.compact.compact_bytes, 20'000u);
    EXPECT_FALSE(n.direct);

    world::World w(spec);
    const net::Network* net = w.network(0);
    ASSERT_NE(net, nullptr);
    EXPECT_EQ(w.core(0).params().network, net);
    EXPECT_EQ(net->nodes(), 40u);
    for (net::NodeId v = 0; v < 40; ++v) EXPECT_EQ(net->adjacency().of(v).size(), 4u);
    std::uint32_t east = 0;
    for (net::NodeId v = 0; v < 40; ++v) east += net->links().region(v) == 0;
    EXPECT_EQ(east, 30u);  // stratified: exactly 3/4
    // Pareto with mean 20 ms: scale 15 ms, the least draw.
    EXPECT_EQ(net->links().min_latency(), 15 * kMillisecond);
    // Same seed, same network.
    world::World again(spec);
    EXPECT_EQ(again.network(0)->adjacency().neighbours, net->adjacency().neighbours);
}

TEST(network_scenario, a_complete_network_keeps_its_fixed_delay) {
    scenario::Loaded s = load("networks: {n: {delay: 70ms}}\ncores: {c: {network: n}}\n");
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(scenario::format(world::check_world(s.tree)), "");
    const world::WorldSpec spec = world::from_scenario(s.tree);
    EXPECT_FALSE(spec.cores[0].network.has_value());
    world::World w(spec);
    EXPECT_EQ(w.network(0), nullptr);
    EXPECT_EQ(w.core(0).params().delay, 70 * kMillisecond);
}

TEST(network_scenario, a_topology_file_is_relative_to_the_scenario_and_sets_the_node_count) {
    scenario::Loaded s = scenario::load_file(scenario::scenario_schema(), kData + "/ring.yaml");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    ASSERT_EQ(scenario::format(world::check_world(s.tree)), "");
    world::World w(world::from_scenario(s.tree));
    EXPECT_EQ(w.network(0)->adjacency().of(0).size(), 2u);
    EXPECT_EQ(w.network(0)->links().min_latency(), 50 * kMillisecond);

    const auto wrong = scenario::load_file(scenario::scenario_schema(), kData + "/ring.yaml",
                                           {"cores.c.nodes=7"});
    EXPECT_EQ(scenario::format(world::check_world(wrong.tree)),
              "--set cores.c.nodes=7: cores.c.nodes: network ring's topology file has 6 nodes; a "
              "core on it needs as many\n");
}

TEST(network_scenario, a_disconnected_network_names_its_components) {
    const auto s = scenario::load_file(scenario::scenario_schema(), kData + "/split.yaml");
    ASSERT_TRUE(s.ok()) << scenario::format(s.errors);
    EXPECT_EQ(scenario::format(world::check_world(s.tree)),
              kData + "/split.yaml:4:13: networks.split.topology: for core c (8 nodes): network "
                      "is disconnected: 3 components: {3 nodes: 0, 1, 2}, {3 nodes: 3, 4, 5}, "
                      "{2 nodes: 6, 7}\n");
}

TEST(network_scenario, a_generated_graph_that_falls_apart_is_reported_too) {
    // SimBlock's construction with one outbound link each leaves small islands.
    const std::string got = errors_of(R"(
networks:
  n:
    topology: {kind: region_based, outbound_cdf: [1]}
    regions: [{name: r, upload: 1 Mbit/s, download: 1 Mbit/s}]
    latency: [[50ms]]
cores:
  c: {network: n, nodes: 200}
)");
    EXPECT_EQ(got, "x.yaml:4:22: networks.n.topology: for core c (200 nodes): network is "
                   "disconnected: 2 components: {173 nodes: 1, 2, 3, 5, ...}, {27 nodes: 0, 4, "
                   "18, 43, ...}\n");
}

TEST(network_scenario, the_latency_matrix_must_be_one_row_and_column_per_region) {
    const std::string head = R"(
networks:
  n:
    topology: {kind: random_regular, degree: 2}
    regions:
      - {name: a, share: 0.5, upload: 1 Mbit/s, download: 1 Mbit/s}
      - {name: b, share: 0.5, upload: 1 Mbit/s, download: 1 Mbit/s}
)";
    const std::string core = "cores: {c: {network: n, nodes: 6}}\n";
    EXPECT_EQ(errors_of(head + "    latency: [[50ms, 60ms]]\n" + core),
              "x.yaml:8:14: networks.n.latency: expected a 2 x 2 matrix (a row and a column per "
              "region), got 1 rows\n");
    EXPECT_EQ(errors_of(head + "    latency: [[50ms, 60ms], [70ms]]\n" + core),
              "x.yaml:8:29: networks.n.latency.1: row 1 has 1 entries, expected 2 (one per "
              "region)\n");
    EXPECT_EQ(errors_of(head + "    latency: [[50ms, 60ms], [70ms, 5ms]]\n    jitter: {law: pareto}\n" + core),
              "x.yaml:8:36: networks.n.latency.1.1: latency jitter: the Pareto law needs a mean "
              "above 5 ms (scale = mean - 5) (mean 5.000000 ms)\n");
}

TEST(network_scenario, topology_parameters_are_needed_or_refused_by_kind) {
    const std::string rest = R"(
    regions: [{name: r, upload: 1 Mbit/s, download: 1 Mbit/s}]
    latency: [[50ms]]
cores: {c: {network: n, nodes: 6}}
)";
    EXPECT_EQ(errors_of("networks:\n  n:\n    topology: {kind: small_world, degree: 2}" + rest),
              "x.yaml:3:22: networks.n.topology: topology small_world needs `rewire`\n");
    EXPECT_EQ(errors_of("networks:\n  n:\n    topology: {kind: scale_free, attach: 2, degree: 3}" + rest),
              "x.yaml:3:53: networks.n.topology.degree: not used by topology scale_free\n");
    EXPECT_EQ(errors_of("networks:\n  n:\n    topology: {kind: random_regular, degree: 6}" + rest),
              "x.yaml:3:22: networks.n.topology: for core c (6 nodes): random_regular(n=6, k=6): "
              "the degree k must be less than n\n");
    EXPECT_EQ(errors_of("networks:\n  n:\n    topology: {kind: random_regular}\n"
                        "cores: {c: {network: n}}\n"),
              "x.yaml:3:22: networks.n.topology: topology random_regular needs `degree`\n"
              "x.yaml:3:15: networks.n.regions: topology random_regular needs at least one "
              "region\n");
}

TEST(network_scenario, the_engine_needs_a_positive_lookahead_no_larger_than_any_latency) {
    const std::string net = R"(
networks:
  n:
    topology: {kind: random_regular, degree: 2}
    regions: [{name: r, upload: 1 Mbit/s, download: 1 Mbit/s}]
    latency: [[50ms]]
)";
    EXPECT_EQ(errors_of(net + "    jitter: {law: lognormal, spread: 0.5}\ncores: {c: {network: n}}\n"),
              "x.yaml:7:19: networks.n.jitter: this law allows latencies down to 0, which leaves "
              "the parallel engine no lookahead; use a law with a positive least value\n");
    EXPECT_EQ(errors_of(net + "engine: {lookahead: 60ms}\ncores: {c: {network: n}}\n"),
              "x.yaml:7:21: engine.lookahead: must be at most the least latency of network n "
              "(50 ms), or events would arrive in a window already run\n");
}

TEST(network_scenario, regions_and_latencies_belong_to_graph_topologies) {
    EXPECT_EQ(errors_of("networks:\n  n:\n    latency: [[50ms]]\ncores: {c: {network: n}}\n"),
              "x.yaml:3:14: networks.n.latency: only graph topologies have regions and "
              "latencies; topology `complete` uses `delay`\n");
}
