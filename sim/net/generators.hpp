// Topology generators. Each takes an engine::Stream, so a seed gives the same graph; regions are
// 0 unless the generator assigns them (region_based) or the caller does (assign_regions).
// Invalid parameters throw TopologyError naming the generator and the parameter.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/rng.hpp"
#include "net/graph.hpp"
#include "net/sampling.hpp"

namespace ostsim::net {

// Random k-regular simple graph (n * k even, k < n): the pairing model with the
// Steger-Wormald repair of networkx's random_regular_graph (pair shuffled stubs, keep the
// valid pairs, repair the rest, restart when stuck); asymptotically uniform for k = O(n^1/3).
Graph random_regular(std::uint32_t n, std::uint32_t k, engine::Stream& rng);

// Watts-Strogatz small world (Watts and Strogatz 1998): a ring where each node links to its
// k/2 nearest neighbours on each side (k even, 2 <= k < n), then each lattice edge (u, u+j) is
// rewired with probability p to (u, w), w uniform among nodes not u and not already adjacent,
// in networkx's order (j outer, u inner). p = 0 is the lattice; the edge count is always n k/2.
Graph small_world(std::uint32_t n, std::uint32_t k, double p, engine::Stream& rng);

// Barabasi-Albert scale-free graph (Barabasi and Albert 1999): a clique of m + 1 nodes, then
// each new node links to m distinct existing nodes chosen with probability proportional to
// degree (1 <= m < n). The degree law tends to P(k) = 2m(m+1) / (k(k+1)(k+2)), k >= m
// (Bollobas et al. 2001).
Graph scale_free(std::uint32_t n, std::uint32_t m, engine::Stream& rng);

// SimBlock's Bitcoin construction (BitcoinCoreTable.initTable): node regions drawn from
// region shares; each node draws its outbound count from a CDF over 1..cdf.size() (Miller et
// al. 2015 for Bitcoin) and, in node order, links to distinct nodes drawn uniformly among those
// that are not itself, not already its neighbours (either way) and, when max_inbound > 0, not
// holding max_inbound inbound links already. SimBlock caps no inbound (max_inbound = 0);
// Bitcoin Core allows 125 connections, 8 of them outbound (max_inbound = 117).
// A node gets fewer outbound links than drawn only when fewer eligible nodes exist (tiny n or
// a tight cap); a node may still end isolated, which require_connected reports.
struct RegionGraphParams {
    std::uint32_t nodes = 0;
    std::vector<double> region_shares;  // fraction of nodes per region, sums to 1
    std::vector<double> outbound_cdf;   // P(outbound <= k) for k = 1..size
    std::uint32_t max_inbound = 0;      // 0: unlimited
    Assignment assignment = Assignment::stratified;  // SimBlock's, for regions and degrees
};
Graph region_based(const RegionGraphParams& p, engine::Stream& rng);

// Sets every node's region from region shares (for generated or loaded graphs without regions).
void assign_regions(Graph& g, const std::vector<double>& region_shares, Assignment how,
                    engine::Stream& rng);

}  // namespace ostsim::net
