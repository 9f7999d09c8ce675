// Where a world's LPs run: whole cores dealt out evenly with their clients, the lookahead the
// events that still cross allow (none when cores never talk), contiguous blocks when one core
// outweighs a fair share, or its regions when they balance; scenarios/scale.yaml, shrunk, gives
// the same run at 1 and 2 threads in one window per run_until, and bitcoin-2015.yaml, shrunk,
// the same run split along its regions.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "world/placement.hpp"
#include "world/results.hpp"
#include "world/world.hpp"
#include "shipped_scenario.hpp"

using namespace ostsim;
using engine::kMillisecond;
using world::Topology;

namespace {

// scale.yaml's shape: an origin core, `aux` auxiliary cores of 4 nodes with an economy each.
Topology origin_and_economies(std::uint32_t aux, double users) {
    Topology t;
    t.cores.push_back({4, 50 * kMillisecond, 0});
    for (std::uint32_t i = 1; i <= aux; ++i) {
        t.cores.push_back({4, 50 * kMillisecond, users});
        t.clients.push_back({{i, 0, 20 * kMillisecond, true}});
    }
    return t;
}

std::set<std::uint32_t> partitions_of(const world::Placement& p, std::size_t first, std::size_t n) {
    return {p.partition.begin() + static_cast<std::ptrdiff_t>(first),
            p.partition.begin() + static_cast<std::ptrdiff_t>(first + n)};
}

}  // namespace

TEST(placement, keeps_cores_whole_with_their_clients_and_balances_them) {
    const Topology t = origin_and_economies(16, 1000);
    const world::Placement p = world::place(t, 2);
    ASSERT_TRUE(p.cores_whole);
    ASSERT_EQ(p.partition.size(), 17u * 4 + 16);
    std::vector<double> load(2, 0.0);
    for (std::uint32_t c = 0; c < 17; ++c) {
        const auto parts = partitions_of(p, 4 * c, 4);
        ASSERT_EQ(parts.size(), 1u) << "core " << c;
        load[*parts.begin()] += 4 + t.cores[c].weight;
        if (c > 0) {
            EXPECT_EQ(p.partition[68 + c - 1], *parts.begin()) << "economy of core " << c;
        }
    }
    EXPECT_EQ(load[0], 4 + 8 * 1004.0);  // the origin joins the partition that got the first aux
    EXPECT_EQ(load[1], 8 * 1004.0);
    // Nothing crosses: no window bound.
    EXPECT_EQ(p.lookahead, engine::kNever);
}

TEST(placement, bounds_the_window_by_the_events_that_cross) {
    // Two cores; a client of both (a reporter) joins its first link's core and crosses to the
    // other at 30 ms; the nodes of core 1 follow core 0 at 10 ms.
    Topology t;
    t.cores = {{4, 50 * kMillisecond, 0}, {4, 50 * kMillisecond, 0}};
    t.clients.push_back({{0, 1, 20 * kMillisecond, false}, {1, 2, 30 * kMillisecond, false}});
    EXPECT_EQ(world::place(t, 2).lookahead, 30 * kMillisecond);
    t.follows.push_back({0, 1, 10 * kMillisecond});
    const world::Placement p = world::place(t, 2);
    EXPECT_TRUE(p.cores_whole);
    EXPECT_EQ(p.partition[8], p.partition[0]);
    EXPECT_NE(p.partition[0], p.partition[4]);
    EXPECT_EQ(p.lookahead, 10 * kMillisecond);
    // One partition: nothing crosses.
    const world::Placement one = world::place(t, 1);
    EXPECT_EQ(one.lookahead, engine::kNever);
    EXPECT_EQ(partitions_of(one, 0, 9), (std::set<std::uint32_t>{0}));
}

TEST(placement, cuts_contiguous_blocks_when_one_core_outweighs_a_fair_share) {
    // One core of 100 nodes and a small one: the big one is split, and its latency bounds the window.
    Topology t;
    t.cores = {{100, 40 * kMillisecond, 0}, {4, 5 * kMillisecond, 0}};
    t.clients.push_back({{1, 0, 60 * kMillisecond, true}});
    const world::Placement p = world::place(t, 2);
    EXPECT_FALSE(p.cores_whole);
    EXPECT_TRUE(std::is_sorted(p.partition.begin(), p.partition.end()));
    EXPECT_EQ(p.partition.front(), 0u);
    EXPECT_EQ(p.partition.back(), 1u);
    EXPECT_EQ(p.lookahead, 40 * kMillisecond);  // core 1 and its client share partition 1
    // Fewer cores than partitions: contiguous too.
    EXPECT_FALSE(world::place(origin_and_economies(2, 10), 4).cores_whole);
}

namespace {

// One core of ten nodes in three regions, interleaved by id: region 0 has five, 1 four, 2 one.
// Least delays: 7, 4 and 3 ms within them, 114 ms between 0 and 1, 200 between 0 and 2, 150
// between 1 and 2 (either way).
Topology three_regions() {
    Topology t;
    t.cores = {{10, 3 * kMillisecond, 0}};
    t.regions = {{{0, 1, 0, 1, 0, 1, 0, 1, 0, 2},
                  {7 * kMillisecond, 114 * kMillisecond, 200 * kMillisecond,
                   114 * kMillisecond, 4 * kMillisecond, 150 * kMillisecond,
                   200 * kMillisecond, 150 * kMillisecond, 3 * kMillisecond}}};
    return t;
}

}  // namespace

TEST(placement, splits_one_core_along_its_regions_when_that_balances) {
    Topology t = three_regions();
    t.clients.push_back({{0, 3, 20 * kMillisecond, false}});  // joins node 3 (region 1)
    const world::Placement p = world::place(t, 2);
    ASSERT_TRUE(p.by_region);
    EXPECT_FALSE(p.cores_whole);
    // Region 0 (5 nodes) against regions 1 and 2 (5): only messages between them cross.
    for (std::uint32_t v = 0; v < 10; ++v) {
        EXPECT_EQ(p.partition[v] == p.partition[0], t.regions[0].of_node[v] == 0) << "node " << v;
    }
    EXPECT_NE(p.partition[0], p.partition[1]);
    EXPECT_EQ(p.partition[10], p.partition[3]);
    EXPECT_EQ(p.lookahead, 114 * kMillisecond);
    // A client across the cut bounds the window too.
    t.clients.push_back({{0, 3, 20 * kMillisecond, false}, {0, 0, 30 * kMillisecond, false}});
    EXPECT_EQ(world::place(t, 2).lookahead, 30 * kMillisecond);
}

TEST(placement, cuts_blocks_when_no_region_grouping_balances) {
    // Region 0 with eight of ten nodes: no grouping is within 10 % of a fair share.
    Topology t = three_regions();
    t.regions[0].of_node = {0, 0, 0, 0, 0, 1, 0, 0, 0, 2};
    world::Placement p = world::place(t, 2);
    EXPECT_FALSE(p.by_region);
    EXPECT_TRUE(std::is_sorted(p.partition.begin(), p.partition.end()));
    EXPECT_EQ(p.partition.back(), 1u);
    // Region 0 spans both blocks (7 ms within); regions 1 and 2 lie whole in block 1, so the
    // 4 and 3 ms within them and the 150 ms between them never cross.
    EXPECT_EQ(p.lookahead, 7 * kMillisecond);
    // An economy on the core (its users' weight) keeps the blocks as well; now regions 0 and 1
    // span both, and region 1's 4 ms is the least that crosses.
    t = three_regions();
    t.cores[0].weight = 100;
    p = world::place(t, 2);
    EXPECT_FALSE(p.by_region);
    EXPECT_EQ(p.lookahead, 4 * kMillisecond);
}

namespace {

struct ScaleRun {
    std::uint64_t digest = 0;
    std::uint64_t windows = 0;
    engine::Time lookahead = 0;
    std::vector<std::uint64_t> figures;  // per core and economy
};

ScaleRun run_scale(int threads) {
    std::vector<std::string> sets = {"duration=1min", "threads=" + std::to_string(threads)};
    for (int e = 1; e <= 16; ++e) {  // 20 users, each spending about twice a minute
        const std::string economy = "economies.e" + std::to_string(e);
        sets.insert(sets.end(), {economy + ".users=20", economy + ".arrivals.per_hour=120"});
    }
    const world::WorldSpec spec = test::shipped_scenario("scale.yaml", sets);
    world::World w(spec);
    ScaleRun r;
    for (engine::Time t = 10 * engine::kSecond; t <= spec.duration; t += 10 * engine::kSecond) {
        r.windows = w.run_until(t).windows;
    }
    r.digest = w.digest();
    r.lookahead = w.lookahead();
    for (std::size_t c = 0; c < w.core_count(); ++c) {
        const world::CoreResult cr = world::core_result(w, c, spec.duration);
        r.figures.insert(r.figures.end(), {cr.produced, cr.main, cr.transactions});
    }
    for (std::size_t i = 0; i < w.economy_count(); ++i) {
        const workload::EconomyCounts& n = w.economy(i).counts();
        r.figures.insert(r.figures.end(), {n.intents, n.spends, n.accepted, n.reverted, n.sessions});
    }
    return r;
}

}  // namespace

TEST(placement, scale_scenario_runs_alike_at_one_and_two_threads_in_one_window_per_slice) {
    const ScaleRun one = run_scale(1);
    const ScaleRun two = run_scale(2);
    EXPECT_EQ(one.digest, two.digest);
    EXPECT_EQ(one.figures, two.figures);
    EXPECT_GT(std::count_if(one.figures.begin(), one.figures.end(), [](auto x) { return x > 0; }), 100);
    // The auxiliary cores and their economies never talk to each other: six run_until calls,
    // six windows.
    EXPECT_EQ(two.lookahead, engine::kNever);
    EXPECT_EQ(two.windows, 6u);
}

namespace {

struct BitcoinRun {
    std::uint64_t digest = 0;
    engine::Time lookahead = 0;
    std::uint64_t produced = 0, main = 0;
};

BitcoinRun run_bitcoin(int threads) {
    const world::WorldSpec spec = test::shipped_scenario(
        "bitcoin-2015.yaml", {"duration=3000s", "cores.bitcoin.nodes=600", "threads=" + std::to_string(threads)});
    world::World w(spec);
    w.run_until(spec.duration);
    const world::CoreResult cr = world::core_result(w, 0, spec.duration);
    return {w.digest(), w.lookahead(), cr.produced, cr.main};
}

}  // namespace

TEST(placement, bitcoin_2015_splits_europe_from_the_rest_and_runs_alike) {
    const BitcoinRun one = run_bitcoin(1);
    const BitcoinRun two = run_bitcoin(2);
    EXPECT_EQ(one.digest, two.digest);
    EXPECT_EQ(one.produced, two.produced);
    EXPECT_EQ(one.main, two.main);
    EXPECT_GT(one.produced, 0u);
    // Europe (52 % of the nodes) against the rest: the least crossing delay is Europe <-> North
    // America's Pareto scale, 119 - 5 ms; contiguous blocks would have Japan's 9 - 5 ms.
    EXPECT_EQ(two.lookahead, 114 * kMillisecond);
}
