// Block relay (announce / request / transfer) and the direct relay on hand-built graphs, timed
// against delays worked out by hand, and on SimBlock's Bitcoin network for its invariants.
#include <gtest/gtest.h>

#include "net/block_relay.hpp"
#include "net/direct_relay.hpp"
#include "net/generators.hpp"
#include "relay_harness.hpp"
#include "simblock_vectors.hpp"

namespace ostsim::net {
namespace {

using engine::kMillisecond;
using test::make_network;
using test::one_region;
using test::RelaySim;

constexpr chain::BlockId kBlock{7, 1};

// A star: centre 0, leaves 1..5. Latency 40 ms, small messages 50 ms, 1 MB at 8 Mbit/s = 1 s.
// Every leaf's getdata reaches the centre at 100 ms (leaf order = queue order); the centre sends
// one block at a time, so leaf i has it at 100 ms + i s + 40 ms. When the sender is busy until
// arrival (SimBlock), transfers are 1040 ms apart: 100 ms + i * 1040 ms.
TEST(net_relay, StarServesOneRequesterAtATime) {
    for (bool busy_until_arrival : {false, true}) {
        RelayParams rp;
        rp.sender_busy_until_arrival = busy_until_arrival;
        Network net = make_network(6, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}},
                                   one_region(40, 8e6), rp);
        RelaySim<BlockRelay> sim(net, 1);
        sim.produce(0, kBlock, 1'000'000, 0);
        sim.run();
        for (NodeId leaf = 1; leaf <= 5; ++leaf) {
            const engine::Time expected = busy_until_arrival ? 100 + leaf * 1040
                                                             : 100 + leaf * 1000 + 40;
            EXPECT_EQ(sim.seen(leaf, kBlock.key()),
                      std::vector<engine::Time>{expected * kMillisecond})
                << "leaf " << leaf << (busy_until_arrival ? " (busy until arrival)" : "");
        }
        EXPECT_TRUE(sim.seen(0, kBlock.key()).empty());  // the producer does not "receive" it
    }
}

// A line 0 - 1 - 2 - 3 over two regions (0, 1, 0, 1), asymmetric latency 0->1 50 ms, 1->0
// 70 ms, upload {8, 4} Mbit/s, download {16, 2} Mbit/s, 100 kB blocks, 2 ms processing:
//   hop 0->1: inv 50+10, getdata 70+10, 800 kbit at min(8, 2) Mbit/s = 400, +2, latency 50 = 592
//   hop 1->2: inv 70+10, getdata 50+10, 800 kbit at min(4, 16) Mbit/s = 200, +2, latency 70 = 412
//   hop 2->3: as hop 0->1 = 592.
TEST(net_relay, LineArrivalIsTheExactSumOfDelays) {
    Eigen::MatrixXd lat(2, 2);
    lat << 20, 50, 70, 30;
    LinkParams links{lat, Jitter::fixed(), {8e6, 4e6}, {16e6, 2e6}, 10 * kMillisecond};
    RelayParams rp;
    rp.processing = 2 * kMillisecond;
    Network net = make_network(4, {{0, 1}, {1, 2}, {2, 3}}, links, rp, {0, 1, 0, 1});
    RelaySim<BlockRelay> sim(net, 1);
    sim.produce(0, kBlock, 100'000, 5 * kMillisecond);
    sim.run();
    EXPECT_EQ(sim.seen(1, kBlock.key()), std::vector<engine::Time>{(5 + 592) * kMillisecond});
    EXPECT_EQ(sim.seen(2, kBlock.key()), std::vector<engine::Time>{(5 + 592 + 412) * kMillisecond});
    EXPECT_EQ(sim.seen(3, kBlock.key()),
              std::vector<engine::Time>{(5 + 592 + 412 + 592) * kMillisecond});
    // Nobody announces back to where a block came from.
    EXPECT_EQ(sim.delivered(0, kBlock.key(), RelayKind::inv), 0);
    EXPECT_EQ(sim.delivered(1, kBlock.key(), RelayKind::inv), 1);
}

// A triangle: 0 produces and serves 1 (at 1140 ms) then 2 (at 2140 ms), as in the star above.
// 1 announces to 2 at 1140 ms (2 ignores it: it asked 0); 2, holding the block at 2140 ms,
// announces to nobody: 0 sent it and 1 announced it, so both hold it.
TEST(net_relay, NoAnnouncementToNeighboursThatAnnouncedTheBlock) {
    Network net = make_network(3, {{0, 1}, {0, 2}, {1, 2}}, one_region(40, 8e6), RelayParams{});
    RelaySim<BlockRelay> sim(net, 1);
    sim.produce(0, kBlock, 1'000'000, 0);
    sim.run();
    EXPECT_EQ(sim.seen(1, kBlock.key()), std::vector<engine::Time>{1140 * kMillisecond});
    EXPECT_EQ(sim.seen(2, kBlock.key()), std::vector<engine::Time>{2140 * kMillisecond});
    EXPECT_EQ(sim.delivered(0, kBlock.key(), RelayKind::inv), 0);
    EXPECT_EQ(sim.delivered(1, kBlock.key(), RelayKind::inv), 1);  // 0's only
    EXPECT_EQ(sim.delivered(2, kBlock.key(), RelayKind::inv), 2);  // 0's and 1's
}

// An announcement carries the sender's position in the receiver's adjacency, so that the
// receiver need not search for it: on a star of 300 leaves (positions from 255 on saturate) and
// a ring, each position found by the network is where the receiver lists the sender.
TEST(net_relay, PositionAtNeighbourIsTheSendersPlaceInTheReceiversList) {
    std::vector<Edge> edges;
    for (NodeId v = 1; v <= 300; ++v) edges.push_back({0, v});
    for (NodeId v = 1; v < 300; ++v) edges.push_back({v, v + 1});
    Network net = make_network(301, edges, one_region(40, 8e6));
    const Adjacency& a = net.adjacency();
    std::size_t checked = 0, saturated = 0;
    for (NodeId v = 0; v <= 300; ++v) {
        const auto mine = a.of(v);
        for (std::size_t i = 0; i < mine.size(); ++i) {
            const std::uint8_t at = net.position_at_neighbour(v, i);
            if (at == RelayMsg::kUntracked) {
                ++saturated;
                continue;
            }
            ASSERT_LT(at, a.of(mine[i]).size());
            EXPECT_EQ(a.of(mine[i])[at], v) << v << " -> " << mine[i];
            ++checked;
        }
    }
    EXPECT_EQ(saturated, 300u - 255u);  // leaves 256..300: the centre lists them at 255..299
    EXPECT_EQ(checked + saturated, a.neighbours.size());
}

TEST(net_relay, DirectRelayPushesAfterTheLatencyOnly) {
    Eigen::MatrixXd lat(2, 2);
    lat << 20, 50, 70, 30;
    LinkParams links{lat, Jitter::fixed(), {8e6, 4e6}, {16e6, 2e6}, 10 * kMillisecond};
    // A ring 0 - 1 - 2 - 3 - 0 over regions 0, 1, 0, 1: nodes 1 and 3 hear from 0 at 50 ms, node
    // 2 from both of them at 50 + 70 ms (the copy via 1 is first in queue order).
    Network net = make_network(4, {{0, 1}, {1, 2}, {2, 3}, {0, 3}}, links, {}, {0, 1, 0, 1});
    RelaySim<DirectRelay> sim(net, 1);
    sim.produce(0, kBlock, 100'000, 0);
    sim.run();
    EXPECT_EQ(sim.seen(1, kBlock.key()), std::vector<engine::Time>{50 * kMillisecond});
    EXPECT_EQ(sim.seen(2, kBlock.key()), std::vector<engine::Time>{120 * kMillisecond});
    EXPECT_EQ(sim.seen(3, kBlock.key()), std::vector<engine::Time>{50 * kMillisecond});
    // 2 got it from 1 and pushed to 3 (a copy 3 drops); 3 pushed to 2 (dropped) but not to 0.
    EXPECT_EQ(sim.delivered(3, kBlock.key(), RelayKind::block), 2);
    EXPECT_EQ(sim.delivered(0, kBlock.key(), RelayKind::block), 1);  // its own production only
}

TEST(net_relay, WrongMessageKindsAreErrors) {
    Network net = make_network(2, {{0, 1}}, one_region(40, 8e6));
    struct NullHost final : RelayHost {
        void send(NodeId, engine::Time, const RelayMsg&) override {}
        engine::Time now() const override { return 0; }
        engine::Stream& rng() override { return s; }
        engine::Stream s;
    } host;
    BlockRelay relay(net, 0);
    DirectRelay direct(net, 0);
    EXPECT_THROW(relay.receive(host, RelayMsg{1, 1, 0, RelayKind::tx}), std::invalid_argument);
    EXPECT_THROW(direct.receive(host, RelayMsg{1, 1, 0, RelayKind::inv}), std::invalid_argument);
}

// SimBlock's Bitcoin 2015 network (region-based, Pareto latency, compact blocks, 2 ms
// processing), 400 nodes, four blocks from different producers, partly overlapping: every
// node gets every block exactly once, requests it exactly once, and the run is reproducible.
TEST(net_relay, EveryNodeGetsEachBlockOnceOnSimBlockNetwork) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const std::uint32_t n = 400;
    engine::Stream topo(21, 0);
    Graph g = region_based({n, test::doubles(v["region_share"]["bitcoin_2015"]),
                            test::doubles(v["outbound_degree_cdf"]["bitcoin_2015"]), 0,
                            Assignment::stratified},
                           topo);
    Adjacency adj = to_adjacency(g);
    LinkParams lp{test::matrix(v["latency_ms"]["2015"]), Jitter::pareto(),
                  test::doubles(v["upload_bps"]["2015"]), test::doubles(v["download_bps"]["2015"]),
                  10 * kMillisecond};
    RelayParams rp;
    rp.processing = 2 * kMillisecond;
    rp.compact.enabled = true;
    rp.compact.compact_bytes = v["block"]["compact_size_bytes"].as<std::uint32_t>();
    const auto bytes = v["block"]["size_bytes"].as<std::uint32_t>();
    engine::Stream roles(21, 1);
    Network net(adj, Links(lp, adj.region), rp, roles);

    const std::vector<std::pair<NodeId, engine::Time>> producers = {
        {0, 0}, {17, 500 * kMillisecond}, {250, 3 * engine::kSecond}, {399, 3 * engine::kSecond}};
    auto run = [&](std::uint64_t seed) {
        RelaySim<BlockRelay> sim(net, seed);
        for (std::uint32_t b = 0; b < producers.size(); ++b) {
            sim.produce(producers[b].first, {producers[b].first, b}, bytes, producers[b].second);
        }
        sim.run();
        std::vector<engine::Time> arrivals;
        for (std::uint32_t b = 0; b < producers.size(); ++b) {
            const chain::BlockId id{producers[b].first, b};
            int getdata = 0, get_block_txn = 0, rebuilt_or_full = 0;
            for (NodeId u = 0; u < n; ++u) {
                getdata += sim.delivered(u, id.key(), RelayKind::getdata);
                get_block_txn += sim.delivered(u, id.key(), RelayKind::get_block_txn);
                rebuilt_or_full += sim.delivered(u, id.key(), RelayKind::block) +
                                   sim.delivered(u, id.key(), RelayKind::compact_block);
                EXPECT_LE(sim.delivered(u, id.key(), RelayKind::inv), static_cast<int>(adj.of(u).size()));
                const auto& seen = sim.seen(u, id.key());
                if (u == producers[b].first) {
                    EXPECT_TRUE(seen.empty());
                    continue;
                }
                EXPECT_EQ(seen.size(), 1u) << "node " << u << " block " << b;
                if (!seen.empty()) arrivals.push_back(seen[0]);
            }
            EXPECT_EQ(getdata, static_cast<int>(n - 1)) << "block " << b;
            // Each transfer is one compact or full block; a failed rebuild adds one full block.
            EXPECT_EQ(rebuilt_or_full, static_cast<int>(n - 1) + get_block_txn + 1) << "block " << b;
            EXPECT_GT(get_block_txn, 0);
        }
        return arrivals;
    };
    const auto a = run(5);
    EXPECT_EQ(a, run(5));
    EXPECT_NE(a, run(6));
}

}  // namespace
}  // namespace ostsim::net
