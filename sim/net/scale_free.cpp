#include <algorithm>
#include <string>

#include "net/generators.hpp"

namespace ostsim::net {

Graph scale_free(std::uint32_t n, std::uint32_t m, engine::Stream& rng) {
    if (m < 1 || m >= n) {
        throw TopologyError("scale_free(n=" + std::to_string(n) + ", m=" + std::to_string(m) +
                            "): m must satisfy 1 <= m < n");
    }
    std::vector<Edge> out;
    // Every edge end once: a uniform pick from it is a pick proportional to degree.
    std::vector<NodeId> ends;
    ends.reserve(2 * std::size_t{n} * m);
    for (NodeId u = 0; u <= m; ++u) {
        for (NodeId v = u + 1; v <= m; ++v) {
            out.emplace_back(u, v);
            ends.push_back(u);
            ends.push_back(v);
        }
    }
    std::vector<NodeId> targets;
    for (NodeId v = m + 1; v < n; ++v) {
        targets.clear();
        while (targets.size() < m) {
            NodeId t = ends[rng.below(static_cast<std::uint32_t>(ends.size()))];
            if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
        }
        for (NodeId t : targets) {
            out.emplace_back(t, v);
            ends.push_back(t);
            ends.push_back(v);
        }
    }
    return graph_from_edges(n, out);
}

}  // namespace ostsim::net
