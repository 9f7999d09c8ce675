// Compact-block relay: timing of success and of the fallback to the full block, who uses it,
// and the fallback frequency against the failure rates.
#include <gtest/gtest.h>

#include <cmath>

#include "net/block_relay.hpp"
#include "relay_harness.hpp"

namespace ostsim::net {
namespace {

using engine::kMillisecond;
using test::make_network;
using test::one_region;
using test::RelaySim;

RelayParams compact(double usage, double churn, double failure_control, double failure_churn) {
    RelayParams rp;
    rp.compact = {true, 10'000, usage, churn, failure_control, failure_churn};
    return rp;
}

// Two nodes, latency 40 ms, small messages 50 ms, 8 Mbit/s: a 1 MB block takes 1 s, the 10 kB
// compact block 10 ms.
engine::Time arrival(const RelayParams& rp) {
    Network net = make_network(2, {{0, 1}}, one_region(40, 8e6), rp);
    RelaySim<BlockRelay> sim(net, 3);
    sim.produce(0, {0, 0}, 1'000'000, 0);
    sim.run();
    const auto& seen = sim.seen(1, chain::BlockId{0, 0}.key());
    EXPECT_EQ(seen.size(), 1u);
    return seen.empty() ? -1 : seen[0] / kMillisecond;
}

TEST(net_compact_relay, TimingOfSuccessAndFallback) {
    // inv 50 + getdata 50 + compact 10 + 40.
    EXPECT_EQ(arrival(compact(1, 0, 0, 0)), 150);
    // ... + get_block_txn 50 + full block 1000 + 40.
    EXPECT_EQ(arrival(compact(1, 0, 1, 0)), 1240);
    EXPECT_EQ(arrival(compact(1, 1, 0, 1)), 1240);  // a churn node fails at its own rate
    // One of two nodes uses compact blocks (exact shares): the full block goes at once.
    EXPECT_EQ(arrival(compact(0.5, 0, 1, 1)), 1140);
    EXPECT_EQ(arrival(RelayParams{}), 1140);
}

TEST(net_compact_relay, RolesFollowTheRatesExactly) {
    std::vector<Edge> ring;
    for (NodeId v = 0; v < 1000; ++v) ring.emplace_back(v, (v + 1) % 1000);
    Network net = make_network(1000, ring, one_region(40, 8e6), compact(0.964, 0.976, 0.13, 0.27));
    int uses = 0, churn = 0;
    for (NodeId v = 0; v < 1000; ++v) {
        uses += net.uses_compact(v);
        churn += net.churn(v);
    }
    EXPECT_EQ(uses, 964);
    EXPECT_EQ(churn, 976);
}

// Over 4000 blocks from node 0 to node 1, the share of failed rebuilds is the receiver's rate.
TEST(net_compact_relay, FallbackFrequencyMatchesFailureRate) {
    for (auto [churn, rate] : {std::pair{0.0, 0.13}, std::pair{1.0, 0.27}}) {
        Network net = make_network(2, {{0, 1}}, one_region(40, 8e6),
                                   compact(1, churn, churn ? 0.9 : 0.13, churn ? 0.27 : 0.9));
        RelaySim<BlockRelay> sim(net, 11);
        const int blocks = 4000;
        for (int b = 0; b < blocks; ++b) {
            sim.produce(0, {0, static_cast<std::uint32_t>(b)}, 1'000'000, b * 10 * engine::kSecond);
        }
        sim.run();
        int failed = 0;
        for (int b = 0; b < blocks; ++b) {
            failed += sim.delivered(0, chain::BlockId{0, static_cast<std::uint32_t>(b)}.key(),
                                    RelayKind::get_block_txn);
        }
        const double share = static_cast<double>(failed) / blocks;
        EXPECT_NEAR(share, rate, 5 * std::sqrt(rate * (1 - rate) / blocks)) << "churn " << churn;
    }
}

TEST(net_compact_relay, BadRatesAreErrors) {
    EXPECT_THROW(make_network(2, {{0, 1}}, one_region(40, 8e6), compact(1.2, 0, 0, 0)),
                 std::invalid_argument);
    EXPECT_THROW(make_network(2, {{0, 1}}, one_region(40, 8e6), compact(1, 0, -0.1, 0)),
                 std::invalid_argument);
}

}  // namespace
}  // namespace ostsim::net
