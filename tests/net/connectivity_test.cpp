// The connectivity check names the components; the CSR export keeps every edge both ways.
#include <gtest/gtest.h>

#include "net/adjacency.hpp"
#include "net/connectivity.hpp"

namespace ostsim::net {
namespace {

std::string error_of(const Graph& g) {
    try {
        require_connected(g);
    } catch (const TopologyError& e) {
        return e.what();
    }
    return "connected";
}

TEST(net_connectivity, ConnectedGraphPasses) {
    EXPECT_EQ(error_of(graph_from_edges(3, {{0, 1}, {1, 2}})), "connected");
    EXPECT_EQ(error_of(Graph(1)), "connected");
}

TEST(net_connectivity, ErrorNamesComponentsLargestFirst) {
    // {2, 3, 4, 6, 8} (5 nodes), {0, 1} and {5, 7} (2 each), {9} alone.
    Graph g = graph_from_edges(10, {{2, 3}, {3, 4}, {4, 6}, {6, 8}, {0, 1}, {5, 7}});
    EXPECT_EQ(error_of(g),
              "network is disconnected: 4 components: {5 nodes: 2, 3, 4, 6, ...}, "
              "{2 nodes: 0, 1}, {2 nodes: 5, 7}, {1 node: 9}");
}

TEST(net_connectivity, ManyComponentsAreCounted) {
    EXPECT_EQ(error_of(Graph(8)),
              "network is disconnected: 8 components: {1 node: 0}, {1 node: 1}, {1 node: 2}, "
              "{1 node: 3}, {1 node: 4}, {1 node: 5} and 2 more");
    EXPECT_EQ(error_of(Graph(0)), "network has no nodes");
}

TEST(net_adjacency, CsrListsSortedNeighboursAndRegions) {
    Graph g = graph_from_edges(4, {{0, 3}, {2, 0}, {0, 1}, {1, 2}});
    g[3].region = 5;
    const Adjacency a = to_adjacency(g);
    EXPECT_EQ(a.offsets, (std::vector<std::uint32_t>{0, 3, 5, 7, 8}));
    EXPECT_EQ(a.neighbours, (std::vector<NodeId>{1, 2, 3, 0, 2, 0, 1, 0}));
    EXPECT_EQ(a.region, (std::vector<std::uint32_t>{0, 0, 0, 5}));
    EXPECT_EQ(a.nodes(), 4u);
    EXPECT_EQ(std::vector<NodeId>(a.of(1).begin(), a.of(1).end()), (std::vector<NodeId>{0, 2}));
}

}  // namespace
}  // namespace ostsim::net
