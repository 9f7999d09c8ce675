#include "net/graph.hpp"

#include <algorithm>
#include <string>

namespace ostsim::net {

Graph graph_from_edges(std::uint32_t n, const std::vector<Edge>& edges) {
    Graph g(n);
    for (auto [u, v] : edges) boost::add_edge(u, v, g);
    return g;
}

Graph graph_from_input(std::uint32_t n, std::vector<Edge> edges, std::string_view source) {
    for (auto& [u, v] : edges) {
        if (u == v) {
            throw TopologyError(std::string(source) + ": self loop at node " + std::to_string(u) +
                                " (a node cannot be its own neighbour)");
        }
        if (u > v) std::swap(u, v);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    return graph_from_edges(n, edges);
}

}  // namespace ostsim::net
