#include <string>

#include "net/edge_set.hpp"
#include "net/generators.hpp"

namespace ostsim::net {

Graph small_world(std::uint32_t n, std::uint32_t k, double p, engine::Stream& rng) {
    const std::string what = "small_world(n=" + std::to_string(n) + ", k=" + std::to_string(k) +
                             ", p=" + std::to_string(p) + ")";
    if (k < 2 || k % 2 != 0 || k >= n) {
        throw TopologyError(what + ": k must be even with 2 <= k < n");
    }
    if (!(p >= 0 && p <= 1)) throw TopologyError(what + ": p must lie in [0, 1]");

    const std::uint32_t half = k / 2;
    std::vector<Edge> out;  // edge (u, u+j) at index (j-1) * n + u
    std::vector<std::uint32_t> degree(n, k);
    EdgeSet edges;
    edges.reserve(std::size_t{n} * half);
    for (std::uint32_t j = 1; j <= half; ++j) {
        for (NodeId u = 0; u < n; ++u) {
            NodeId v = (u + j) % n;
            out.emplace_back(u, v);
            edges.insert(u, v);
        }
    }
    for (std::uint32_t j = 1; j <= half; ++j) {
        for (NodeId u = 0; u < n; ++u) {
            if (rng.uniform() >= p || degree[u] >= n - 1) continue;
            NodeId w;
            do {
                w = rng.below(n);
            } while (w == u || edges.contains(u, w));
            Edge& e = out[std::size_t{j - 1} * n + u];
            edges.erase(e.first, e.second);
            --degree[e.second];
            e.second = w;
            edges.insert(u, w);
            ++degree[w];
        }
    }
    return graph_from_edges(n, out);
}

}  // namespace ostsim::net
