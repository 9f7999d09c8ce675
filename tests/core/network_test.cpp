// A proof-of-work core on SimBlock's Bitcoin network (region-based topology, 2015 latencies
// with Pareto jitter, regional bandwidths, announce/request/transfer relay): every block
// reaches every node, main and stale blocks add up to those produced, the run is the same at
// 1 and 2 threads, and blocks propagate within the seconds such a network allows.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "../net/simblock_vectors.hpp"
#include "consensus/pow.hpp"
#include "core/participant.hpp"
#include "engine/engine.hpp"
#include "net/generators.hpp"

using namespace ostsim;
using engine::kSecond;

namespace {

struct Spread {
    std::uint64_t digest;
    std::uint64_t produced = 0;
    std::size_t blocks, stale;
    std::vector<engine::Time> reach90;  // per block, from its producer's node
};

Spread run_bitcoin(const net::Network& network, int threads, bool compact) {
    const std::uint32_t n = network.nodes();
    core::CoreParams params;
    params.name = "bitcoin";
    params.network = &network;
    params.filler_bytes = compact ? 0 : 535'000;  // SimBlock's 2015 block
    core::Core chain(params, {}, 0, n);
    engine::Engine<core::Participant> eng(
        {.threads = threads, .partitions = 0, .lookahead = network.links().min_latency()});
    for (std::uint32_t m = 0; m < n; ++m) {
        auto rule = std::make_unique<consensus::Pow>(
            consensus::PowParams{600 * kSecond, 1.0 / n, 6});
        eng.add_lp(core::Node(chain, m, std::move(rule), 21));
    }
    for (std::uint32_t m = 0; m < n; ++m) eng.schedule(m, 0);
    eng.run_until(20 * 600 * kSecond);
    eng.run_until(21 * 600 * kSecond);  // time for the last blocks to spread (no new mining stop)
    Spread r{eng.digest(), 0, eng.lp(0).node().tree().size(), eng.lp(0).node().tree().stale(), {}};
    for (std::uint32_t m = 0; m < n; ++m) r.produced += eng.lp(m).node().counters().produced;
    std::map<std::uint64_t, std::vector<engine::Time>> arrivals;
    for (std::uint32_t m = 0; m < n; ++m)
        for (const core::Arrival& a : eng.lp(m).node().arrivals()) arrivals[a.id.key()].push_back(a.time);
    for (auto& [key, times] : arrivals) {
        std::sort(times.begin(), times.end());
        if (times.size() == n) r.reach90.push_back(times[(9 * n + 9) / 10 - 1] - times[0]);
    }
    return r;
}

}  // namespace

TEST(bitcoin_network, every_block_reaches_every_node_and_runs_are_thread_independent) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const std::uint32_t n = 300;
    engine::Stream topo(4, 0);
    net::Graph g = net::region_based({n, net::test::doubles(v["region_share"]["bitcoin_2015"]),
                                      net::test::doubles(v["outbound_degree_cdf"]["bitcoin_2015"]),
                                      0, net::Assignment::stratified},
                                     topo);
    net::Adjacency adj = net::to_adjacency(g);
    net::LinkParams lp{net::test::matrix(v["latency_ms"]["2015"]), net::Jitter::pareto(),
                       net::test::doubles(v["upload_bps"]["2015"]),
                       net::test::doubles(v["download_bps"]["2015"]), 10 * engine::kMillisecond};
    engine::Stream roles(4, 1);
    net::Network network(adj, net::Links(lp, adj.region), net::RelayParams{}, roles);

    const Spread one = run_bitcoin(network, 1, false);
    const Spread two = run_bitcoin(network, 2, false);
    EXPECT_EQ(one.digest, two.digest);
    EXPECT_EQ(one.blocks, two.blocks);
    // Mining stopped being relevant an interval before the end: every block reached node 0,
    // and every node (reach90 is recorded only for blocks all nodes hold).
    EXPECT_EQ(one.blocks, one.produced);
    EXPECT_EQ(one.reach90.size(), one.produced);
    EXPECT_GE(one.produced, 8u);
    // A 535 kB block crosses a hop in about a second (4.7-8.1 Mbit/s uplinks): 90 % of nodes
    // hold it after several seconds, well under a minute.
    for (engine::Time t : one.reach90) {
        EXPECT_GT(t, 1 * kSecond);
        EXPECT_LT(t, 60 * kSecond);
    }
}
