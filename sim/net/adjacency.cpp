#include "net/adjacency.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace ostsim::net {

Adjacency to_adjacency(const Graph& g) {
    const std::size_t n = boost::num_vertices(g);
    const std::size_t ends = 2 * boost::num_edges(g);
    if (n >= std::numeric_limits<std::uint32_t>::max() ||
        ends >= std::numeric_limits<std::uint32_t>::max()) {
        throw TopologyError("network too large for 32-bit adjacency: " + std::to_string(n) +
                            " nodes, " + std::to_string(ends) + " edge ends");
    }
    Adjacency a;
    a.offsets.reserve(n + 1);
    a.neighbours.reserve(ends);
    a.region.reserve(n);
    for (NodeId v = 0; v < n; ++v) {
        const auto begin = a.neighbours.size();
        for (auto w : boost::make_iterator_range(boost::adjacent_vertices(v, g))) {
            a.neighbours.push_back(static_cast<NodeId>(w));
        }
        std::sort(a.neighbours.begin() + static_cast<std::ptrdiff_t>(begin), a.neighbours.end());
        a.offsets.push_back(static_cast<std::uint32_t>(a.neighbours.size()));
        a.region.push_back(g[v].region);
    }
    return a;
}

}  // namespace ostsim::net
