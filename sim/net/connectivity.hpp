// The connectivity check a scenario's network must pass: a block can reach every node only if
// the graph is connected.
#pragma once

#include "net/graph.hpp"

namespace ostsim::net {

// Throws TopologyError when g has no nodes or more than one connected component. The message
// names the components, largest first: their sizes and a few member node ids each, e.g.
// "network is disconnected: 3 components: {5 nodes: 0, 1, 2, 3, ...}, {2 nodes: 5, 6}, {1 node: 7}"
void require_connected(const Graph& g);

}  // namespace ostsim::net
