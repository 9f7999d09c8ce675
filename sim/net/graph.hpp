// A network topology: an undirected Boost.Graph whose vertices are nodes 0..n-1, each carrying
// the index of its region (the row and column of the latency matrix, see links.hpp). Graphs are
// simple: generators and loaders never produce self loops or parallel edges.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace ostsim::net {

using NodeId = std::uint32_t;

struct NodeProps {
    std::uint32_t region = 0;
};

// vecS edge lists: compact and cache-friendly; simplicity is kept by construction, not by setS.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, NodeProps>;

// Bad topology input or parameters: the message names the source and the offending item.
class TopologyError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using Edge = std::pair<NodeId, NodeId>;

// A simple graph on n nodes from an edge list in which every edge appears at most once and
// u != v (the generators' output); regions are 0.
Graph graph_from_edges(std::uint32_t n, const std::vector<Edge>& edges);

// As above for edges read from a file: self loops are an error naming `source`, repeated edges
// (u v and v u, as SimBlock's graph dumps list each edge from both ends) are kept once.
Graph graph_from_input(std::uint32_t n, std::vector<Edge> edges, std::string_view source);

}  // namespace ostsim::net
