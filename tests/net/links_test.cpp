// Links on SimBlock's Bitcoin 2015 figures: the bandwidth rule, transmission times, small
// messages, and input errors.
#include <gtest/gtest.h>

#include "net/links.hpp"
#include "simblock_vectors.hpp"

namespace ostsim::net {
namespace {

LinkParams simblock_2015(const YAML::Node& v, Jitter jitter) {
    return {test::matrix(v["latency_ms"]["2015"]), jitter, test::doubles(v["upload_bps"]["2015"]),
            test::doubles(v["download_bps"]["2015"]), 10 * engine::kMillisecond};
}

TEST(net_links, RateIsMinOfSenderUploadAndReceiverDownload) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const auto up = test::doubles(v["upload_bps"]["2015"]);
    const auto down = test::doubles(v["download_bps"]["2015"]);
    Links links(simblock_2015(v, Jitter::fixed()), {0, 1, 2, 3, 4, 5});  // node r in region r
    for (NodeId a = 0; a < 6; ++a) {
        for (NodeId b = 0; b < 6; ++b) EXPECT_EQ(links.rate_bps(a, b), std::min(up[a], down[b]));
    }
    // 535 kB from North America (upload 4.7 Mbit/s) to Europe (download 24 Mbit/s).
    EXPECT_EQ(links.transmission(0, 1, 535'000), 910'638'298);
    // ... and back: Europe uploads 8.1 Mbit/s, North America downloads 25.
    EXPECT_EQ(links.transmission(1, 0, 535'000), 528'395'062);
}

TEST(net_links, LatencyIsTheMatrixEntryFromSenderToReceiver) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    Links links(simblock_2015(v, Jitter::fixed()), {3, 2, 3});
    engine::Stream rng(1, 0);
    EXPECT_EQ(links.latency(0, 1, rng), 347 * engine::kMillisecond);  // ASIA_PACIFIC -> SOUTH_AMERICA
    EXPECT_EQ(links.latency(0, 2, rng), 99 * engine::kMillisecond);
    EXPECT_EQ(links.small_message(1, 0, rng), 357 * engine::kMillisecond);
    EXPECT_EQ(links.mean_latency_ms(1, 2), 347.0);
}

// The least possible draw: Pareto round(m - 5) for the least mean (9 ms, Japan 2015) = 4 ms;
// fixed: the least entry; uniform +-50 %: half of it; log-normal: unbounded below.
TEST(net_links, MinLatencyIsTheLeastPossibleDraw) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    using engine::kMillisecond;
    EXPECT_EQ(Links(simblock_2015(v, Jitter::pareto()), {0}).min_latency(), 4 * kMillisecond);
    EXPECT_EQ(Links(simblock_2015(v, Jitter::fixed()), {0}).min_latency(), 9 * kMillisecond);
    EXPECT_EQ(Links(simblock_2015(v, Jitter::uniform(0.5)), {0}).min_latency(), 4'500'000);
    EXPECT_EQ(Links(simblock_2015(v, Jitter::lognormal(0.2)), {0}).min_latency(), 0);
    // And no draw goes below it.
    Links links(simblock_2015(v, Jitter::pareto()), {4});
    engine::Stream rng(1, 0);
    engine::Time least = engine::kNever;
    for (int i = 0; i < 100'000; ++i) least = std::min(least, links.latency(0, 0, rng));
    EXPECT_EQ(least, 4 * kMillisecond);
}

TEST(net_links, BadInputIsNamed) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    auto message = [](const LinkParams& p, std::vector<std::uint32_t> regions) {
        try {
            Links links(p, std::move(regions));
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    LinkParams p = simblock_2015(v, Jitter::pareto());
    EXPECT_EQ(message(p, {0, 6}),
              "links: node 1 is in region 6, but the latency matrix has 6 regions");
    LinkParams q = p;
    q.upload_bps.pop_back();
    EXPECT_EQ(message(q, {0}), "links: upload_bps has 5 entries for 6 regions");
    q = p;
    q.download_bps[2] = 0;
    EXPECT_EQ(message(q, {0}),
              "links: download_bps of region 2 is 0.000000; bandwidths must be finite and > 0 bit/s");
    q = p;
    q.latency_ms(4, 1) = 4;
    EXPECT_EQ(message(q, {0}),
              "links: region 4 -> 1: latency jitter: the Pareto law needs a mean above 5 ms "
              "(scale = mean - 5) (mean 4.000000 ms)");
    q = p;
    q.latency_ms = Eigen::MatrixXd::Zero(2, 3);
    EXPECT_EQ(message(q, {0}), "links: the latency matrix must be square and non-empty, got 2 x 3");
}

}  // namespace
}  // namespace ostsim::net
