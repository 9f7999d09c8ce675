// Transaction gossip: a flood reaches every node once, along the fastest path.
#include <gtest/gtest.h>

#include "net/block_relay.hpp"
#include "net/generators.hpp"
#include "relay_harness.hpp"

namespace ostsim::net {
namespace {

using engine::kMillisecond;

TEST(net_gossip, FloodReachesEveryNodeOnceAlongTheFastestPath) {
    // A ring of 6 (latency 40 ms + 10 ms per small message): node k is min(k, 6 - k) hops away.
    std::vector<Edge> ring;
    for (NodeId v = 0; v < 6; ++v) ring.emplace_back(v, (v + 1) % 6);
    Network net = test::make_network(6, ring, test::one_region(40, 8e6));
    test::RelaySim<BlockRelay> sim(net, 1);
    sim.originate_tx(0, 99, 0);
    sim.run();
    for (NodeId v = 1; v < 6; ++v) {
        const engine::Time hops = std::min(v, 6 - v);
        EXPECT_EQ(sim.seen(v, 99), std::vector<engine::Time>{hops * 50 * kMillisecond}) << v;
    }
    // Node 3 hears from both sides at once; nobody sends back to where the id came from.
    EXPECT_EQ(sim.delivered(3, 99, RelayKind::tx), 2);
    EXPECT_EQ(sim.delivered(1, 99, RelayKind::tx), 1);
}

TEST(net_gossip, ManyTransactionsOnARandomGraph) {
    engine::Stream rng(4, 0);
    Graph g = random_regular(300, 6, rng);
    Adjacency adj = to_adjacency(g);
    Eigen::MatrixXd m(1, 1);
    m(0, 0) = 60;
    engine::Stream roles(4, 1);
    Network net(adj, Links({m, Jitter::lognormal(0.3), {1e7}, {1e7}, 10 * kMillisecond}, adj.region),
                {}, roles);
    test::RelaySim<BlockRelay> sim(net, 2);
    for (std::uint64_t tx = 0; tx < 20; ++tx) {
        sim.originate_tx(static_cast<NodeId>(tx * 13), tx, static_cast<engine::Time>(tx) * kMillisecond);
    }
    sim.run();
    for (std::uint64_t tx = 0; tx < 20; ++tx) {
        for (NodeId v = 0; v < 300; ++v) {
            EXPECT_EQ(sim.seen(v, tx).size(), v == tx * 13 ? 0u : 1u) << "tx " << tx << " node " << v;
        }
    }
}

TEST(net_gossip, BlockMessagesAreErrors) {
    Network net = test::make_network(2, {{0, 1}}, test::one_region(40, 8e6));
    struct NullHost final : RelayHost {
        void send(NodeId, engine::Time, const RelayMsg&) override {}
        engine::Time now() const override { return 0; }
        engine::Stream& rng() override { return s; }
        engine::Stream s;
    } host;
    TxGossip gossip(net, 0);
    EXPECT_THROW(gossip.receive(host, RelayMsg{1, 1, 0, RelayKind::inv}), std::invalid_argument);
}

}  // namespace
}  // namespace ostsim::net
