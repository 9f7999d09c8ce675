#include <string>

#include "net/edge_set.hpp"
#include "net/generators.hpp"

namespace ostsim::net {

namespace {

// Can two leftover stubs still be paired: two distinct, non-adjacent nodes among them?
bool repairable(const std::vector<NodeId>& stubs, const EdgeSet& edges) {
    for (std::size_t i = 0; i < stubs.size(); ++i) {
        for (std::size_t j = i + 1; j < stubs.size(); ++j) {
            if (stubs[i] != stubs[j] && !edges.contains(stubs[i], stubs[j])) return true;
        }
    }
    return false;
}

}  // namespace

Graph random_regular(std::uint32_t n, std::uint32_t k, engine::Stream& rng) {
    const std::string what = "random_regular(n=" + std::to_string(n) + ", k=" + std::to_string(k) + ")";
    if (k >= n) throw TopologyError(what + ": the degree k must be less than n");
    if ((std::uint64_t{n} * k) % 2 != 0) throw TopologyError(what + ": n * k must be even");

    // Restarts are rare (a few percent for k <= 10); 1000 failures mean the parameters are
    // beyond the method's reach (k close to n).
    constexpr int kAttempts = 1000;
    std::vector<Edge> out;
    EdgeSet edges;
    std::vector<NodeId> stubs, left;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        out.clear();
        edges.clear();
        edges.reserve(std::size_t{n} * k / 2);
        stubs.clear();
        for (NodeId v = 0; v < n; ++v) stubs.insert(stubs.end(), k, v);
        while (!stubs.empty()) {
            shuffle(std::span(stubs), rng);
            left.clear();
            for (std::size_t i = 0; i + 1 < stubs.size(); i += 2) {
                NodeId u = stubs[i], v = stubs[i + 1];
                if (u != v && edges.insert(u, v)) {
                    out.emplace_back(u, v);
                } else {
                    left.push_back(u);
                    left.push_back(v);
                }
            }
            if (!left.empty() && !repairable(left, edges)) break;
            stubs.swap(left);
        }
        if (stubs.empty()) return graph_from_edges(n, out);
    }
    throw TopologyError(what + ": no simple graph found in " + std::to_string(kAttempts) +
                        " attempts; k is too close to n for the pairing method");
}

}  // namespace ostsim::net
