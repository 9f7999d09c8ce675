// Topology generators: degree properties against their definitions and known laws,
// determinism by seed, parameter errors.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "graph_checks.hpp"
#include "net/generators.hpp"
#include "simblock_vectors.hpp"

namespace ostsim::net {
namespace {

using test::degrees;
using test::is_simple;
using test::sorted_edges;

TEST(net_generators, RandomRegularHasExactDegree) {
    for (auto [n, k] : {std::pair{1000u, 8u}, std::pair{501u, 4u}, std::pair{40u, 3u * 2}}) {
        engine::Stream rng(1, n);
        Graph g = random_regular(n, k, rng);
        ASSERT_EQ(boost::num_vertices(g), n);
        EXPECT_EQ(boost::num_edges(g), std::size_t{n} * k / 2);
        EXPECT_TRUE(is_simple(g));
        for (auto d : degrees(g)) ASSERT_EQ(d, k);
    }
}

TEST(net_generators, RandomRegularRejectsImpossibleDegrees) {
    engine::Stream rng(1, 0);
    EXPECT_THROW(
        {
            try {
                random_regular(11, 3, rng);
            } catch (const TopologyError& e) {
                EXPECT_STREQ(e.what(), "random_regular(n=11, k=3): n * k must be even");
                throw;
            }
        },
        TopologyError);
    EXPECT_THROW(random_regular(5, 5, rng), TopologyError);
}

// Watts-Strogatz: the lattice's clustering is exactly 3(k-2)/(4(k-1)); rewiring a fraction p
// of edges leaves about C(0)(1-p)^3 (Barrat and Weigt 2000), and p = 1 leaves ~k/n.
TEST(net_generators, SmallWorldClusteringFallsWithRewiring) {
    const std::uint32_t n = 2000, k = 10;
    const double c0 = 3.0 * (k - 2) / (4.0 * (k - 1));
    for (double p : {0.0, 0.05, 0.1, 0.2, 1.0}) {
        engine::Stream rng(7, 0);
        Graph g = small_world(n, k, p, rng);
        EXPECT_EQ(boost::num_edges(g), std::size_t{n} * k / 2);
        EXPECT_TRUE(is_simple(g));
        const double c = test::mean_clustering(g);
        if (p == 0.0) {
            EXPECT_NEAR(c, c0, 1e-12);
        } else if (p == 1.0) {
            EXPECT_LT(c, 0.02);
        } else {
            EXPECT_NEAR(c, c0 * std::pow(1 - p, 3), 0.02) << "p = " << p;
        }
    }
}

// Barabasi-Albert: P(K >= k) = m(m+1) / (k(k+1)) for k >= m (Bollobas et al. 2001).
TEST(net_generators, ScaleFreeDegreeTailFollowsTheLaw) {
    const std::uint32_t n = 20000, m = 3;
    engine::Stream rng(3, 0);
    Graph g = scale_free(n, m, rng);
    EXPECT_TRUE(is_simple(g));
    EXPECT_EQ(boost::num_edges(g), std::size_t{m} * (m + 1) / 2 + std::size_t{n - m - 1} * m);
    auto d = degrees(g);
    EXPECT_EQ(*std::min_element(d.begin(), d.end()), m);
    for (std::size_t k : {6u, 12u, 24u, 48u}) {
        const double expected = m * (m + 1.0) / (static_cast<double>(k) * (k + 1.0));
        const double got =
            static_cast<double>(std::count_if(d.begin(), d.end(), [&](auto x) { return x >= k; })) / n;
        const double sigma = std::sqrt(expected * (1 - expected) / n);
        EXPECT_NEAR(got, expected, 5 * sigma + 0.05 * expected) << "P(K >= " << k << ")";
    }
}

TEST(net_generators, SameSeedSameGraphOtherSeedOther) {
    RegionGraphParams rp{300, {0.5, 0.5}, {0.2, 0.6, 1.0}, 0, Assignment::stratified};
    auto make = [&](int which, std::uint64_t seed) {
        engine::Stream rng(seed, 42);
        switch (which) {
            case 0: return random_regular(300, 6, rng);
            case 1: return small_world(300, 6, 0.2, rng);
            case 2: return scale_free(300, 2, rng);
            default: return region_based(rp, rng);
        }
    };
    for (int which = 0; which < 4; ++which) {
        EXPECT_EQ(sorted_edges(make(which, 5)), sorted_edges(make(which, 5))) << which;
        EXPECT_NE(sorted_edges(make(which, 5)), sorted_edges(make(which, 6))) << which;
    }
    Graph a = make(3, 5), b = make(3, 5);
    for (NodeId v = 0; v < 300; ++v) ASSERT_EQ(a[v].region, b[v].region);
}

// SimBlock's Bitcoin 2015 network: region counts follow the shares to within a node, and the
// mean outbound degree is the CDF's mean (stratified draws: exact up to the last quantile).
TEST(net_generators, RegionBasedFollowsSimBlockBitcoin2015) {
    OSTSIM_SIMBLOCK_VECTORS(v);
    const auto shares = test::doubles(v["region_share"]["bitcoin_2015"]);
    const auto cdf = test::doubles(v["outbound_degree_cdf"]["bitcoin_2015"]);
    const std::uint32_t n = 6000;
    engine::Stream rng(11, 0);
    Graph g = region_based({n, shares, cdf, 0, Assignment::stratified}, rng);
    EXPECT_TRUE(is_simple(g));

    std::vector<std::size_t> count(shares.size(), 0);
    for (NodeId u = 0; u < n; ++u) ++count.at(g[u].region);
    for (std::size_t r = 0; r < shares.size(); ++r) {
        EXPECT_NEAR(static_cast<double>(count[r]), shares[r] * n, 1.0) << "region " << r;
    }
    double mean_outbound = 0, prev = 0;
    for (std::size_t k = 1; k <= cdf.size(); ++k) {
        mean_outbound += static_cast<double>(k) * (cdf[k - 1] - prev);
        prev = cdf[k - 1];
    }
    EXPECT_NEAR(static_cast<double>(boost::num_edges(g)) / n, mean_outbound, 20.0 / n);
}

// Every node draws 3 outbound links; with at most 4 inbound no degree exceeds 7, and without a
// cap some do.
TEST(net_generators, RegionBasedInboundCapHolds) {
    const std::uint32_t n = 2000;
    for (std::uint32_t cap : {4u, 0u}) {
        engine::Stream rng(2, cap);
        Graph g = region_based({n, {1.0}, {0.0, 0.0, 1.0}, cap, Assignment::independent}, rng);
        EXPECT_EQ(boost::num_edges(g), 3u * n);
        auto d = degrees(g);
        const auto max = *std::max_element(d.begin(), d.end());
        if (cap) {
            EXPECT_LE(max, 3u + cap);
        } else {
            EXPECT_GT(max, 7u);
        }
    }
}

TEST(net_generators, RegionBasedErrorsNameTheParameter) {
    engine::Stream rng(1, 0);
    auto message = [&](RegionGraphParams p) {
        try {
            region_based(p, rng);
        } catch (const TopologyError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message({10, {0.5, 0.4}, {1.0}, 0, Assignment::stratified}),
              "region_based region shares: shares sum to 0.900000, not 1");
    EXPECT_EQ(message({10, {1.0}, {0.5, 0.4, 1.0}, 0, Assignment::stratified}),
              "region_based outbound-degree CDF: cumulative value 1 is 0.400000; values must be "
              "non-decreasing within [0, 1]");
    EXPECT_EQ(message({10, {1.0}, {0.5, 0.9}, 0, Assignment::stratified}),
              "region_based outbound-degree CDF: the last cumulative value is 0.900000, not 1");
    EXPECT_EQ(message({1, {1.0}, {1.0}, 0, Assignment::stratified}),
              "region_based: needs at least 2 nodes, got 1");
}

}  // namespace
}  // namespace ostsim::net
