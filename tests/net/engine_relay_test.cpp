// BlockRelay embedded in engine logical processes, as a node embeds it: RelayMsg travels as the
// event payload; the run is the same at any number of threads and partitions.
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "net/block_relay.hpp"
#include "net/generators.hpp"
#include "simblock_vectors.hpp"

namespace ostsim::net {
namespace {

using engine::Time;

struct Peer {
    using Payload = RelayMsg;

    struct Host final : RelayHost {
        Host(engine::Context<Peer>& c, engine::Stream& s) : ctx(c), stream(s) {}
        void send(NodeId to, Time delay, const RelayMsg& msg) override { ctx.send(to, delay, msg); }
        Time now() const override { return ctx.now(); }
        engine::Stream& rng() override { return stream; }
        engine::Context<Peer>& ctx;
        engine::Stream& stream;
    };

    // A block message "from" the node itself is its own production (the test's convention).
    void handle(engine::Context<Peer>& ctx, const engine::Event<RelayMsg>& ev) {
        Host host(ctx, stream);
        const RelayMsg& m = ev.payload;
        if (m.kind == RelayKind::block && m.from == ctx.self()) {
            relay.announce(host, m.block(), m.bytes);
        } else if (auto id = relay.receive(host, m)) {
            got.emplace_back(id->key(), ctx.now());
            relay.announce(host, *id, m.bytes);
        }
    }

    BlockRelay relay;
    engine::Stream stream;
    std::vector<std::pair<std::uint64_t, Time>> got;
};

TEST(net_engine_relay, SameArrivalsAtAnyThreadCount) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const std::uint32_t n = 600;
    engine::Stream topo(8, 0);
    Graph g = region_based({n, test::doubles(v["region_share"]["bitcoin_2019"]),
                            test::doubles(v["outbound_degree_cdf"]["bitcoin_2015"]), 0,
                            Assignment::stratified},
                           topo);
    Adjacency adj = to_adjacency(g);
    LinkParams lp{test::matrix(v["latency_ms"]["2019"]), Jitter::pareto(),
                  test::doubles(v["upload_bps"]["2019"]), test::doubles(v["download_bps"]["2019"]),
                  10 * engine::kMillisecond};
    RelayParams rp;
    rp.compact.enabled = true;
    engine::Stream roles(8, 1);
    Network net(adj, Links(lp, adj.region), rp, roles);
    // The least delay of any message: the least Pareto draw, round(m - 5) for the least mean
    // (11 ms within Europe, 2019): 6 ms.
    const Time lookahead = 6 * engine::kMillisecond;
    EXPECT_EQ(net.links().min_latency(), lookahead);

    auto run = [&](int threads, int partitions) {
        engine::Engine<Peer> eng({.threads = threads, .partitions = partitions, .lookahead = lookahead});
        for (NodeId u = 0; u < n; ++u) eng.add_lp(Peer{BlockRelay(net, u), engine::Stream(3, u), {}});
        for (std::uint32_t b = 0; b < 3; ++b) {
            const NodeId producer = b * 200;
            eng.schedule(producer, b * engine::kSecond,
                         RelayMsg{chain::BlockId{producer, b}.key(), producer, 500'000, RelayKind::block});
        }
        eng.run();
        std::vector<std::vector<std::pair<std::uint64_t, Time>>> got;
        for (NodeId u = 0; u < n; ++u) {
            got.push_back(eng.lp(u).got);
            EXPECT_EQ(got.back().size(), u % 200 == 0 ? 2u : 3u) << "node " << u;
        }
        return std::pair(got, eng.digest());
    };
    const auto one = run(1, 1);
    const auto many = run(2, 6);
    EXPECT_EQ(one.first, many.first);
    EXPECT_EQ(one.second, many.second);
}

}  // namespace
}  // namespace ostsim::net
