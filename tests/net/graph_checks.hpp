// Helpers the topology tests share: a graph's edges as sorted pairs, simplicity, degrees and
// the mean local clustering coefficient (computed here, independently of the library).
#pragma once

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "net/adjacency.hpp"
#include "net/graph.hpp"

namespace ostsim::net::test {

inline std::vector<Edge> sorted_edges(const Graph& g) {
    std::vector<Edge> out;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        auto u = static_cast<NodeId>(boost::source(e, g)), v = static_cast<NodeId>(boost::target(e, g));
        out.emplace_back(std::min(u, v), std::max(u, v));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// No self loops, no repeated edges.
inline bool is_simple(const Graph& g) {
    auto e = sorted_edges(g);
    bool loops = std::any_of(e.begin(), e.end(), [](Edge x) { return x.first == x.second; });
    return !loops && std::adjacent_find(e.begin(), e.end()) == e.end();
}

inline std::vector<std::size_t> degrees(const Graph& g) {
    std::vector<std::size_t> d(boost::num_vertices(g));
    for (std::size_t v = 0; v < d.size(); ++v) d[v] = boost::degree(v, g);
    return d;
}

// Mean over nodes of degree >= 2 of (links among neighbours) / (d (d - 1) / 2).
inline double mean_clustering(const Graph& g) {
    const Adjacency a = to_adjacency(g);
    double sum = 0;
    std::size_t counted = 0;
    for (NodeId v = 0; v < a.nodes(); ++v) {
        auto nb = a.of(v);
        if (nb.size() < 2) continue;
        std::size_t links = 0;
        for (std::size_t i = 0; i < nb.size(); ++i) {
            for (std::size_t j = i + 1; j < nb.size(); ++j) {
                auto other = a.of(nb[i]);
                links += std::binary_search(other.begin(), other.end(), nb[j]);
            }
        }
        sum += 2.0 * static_cast<double>(links) / static_cast<double>(nb.size() * (nb.size() - 1));
        ++counted;
    }
    return sum / static_cast<double>(counted);
}

}  // namespace ostsim::net::test
