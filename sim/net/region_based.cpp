#include <string>

#include "net/edge_set.hpp"
#include "net/generators.hpp"

namespace ostsim::net {

void assign_regions(Graph& g, const std::vector<double>& region_shares, Assignment how,
                    engine::Stream& rng) {
    auto cdf = cdf_from_shares(region_shares, "region shares");
    auto region = draw_categories(cdf, static_cast<std::uint32_t>(boost::num_vertices(g)), how, rng);
    for (NodeId v = 0; v < region.size(); ++v) g[v].region = region[v];
}

Graph region_based(const RegionGraphParams& p, engine::Stream& rng) {
    const std::uint32_t n = p.nodes;
    if (n < 2) throw TopologyError("region_based: needs at least 2 nodes, got " + std::to_string(n));
    check_cdf(p.outbound_cdf, "region_based outbound-degree CDF");
    auto region_cdf = cdf_from_shares(p.region_shares, "region_based region shares");
    auto region = draw_categories(region_cdf, n, p.assignment, rng);
    auto outbound = draw_categories(p.outbound_cdf, n, p.assignment, rng);  // index k-1: k links

    std::vector<Edge> out;
    EdgeSet edges;
    std::vector<std::uint32_t> inbound(n, 0);
    auto eligible = [&](NodeId self, NodeId c) {
        return c != self && !edges.contains(self, c) &&
               (p.max_inbound == 0 || inbound[c] < p.max_inbound);
    };
    std::vector<NodeId> pool;
    for (NodeId self = 0; self < n; ++self) {
        const std::uint32_t want = outbound[self] + 1;
        std::uint32_t have = 0;
        auto link = [&](NodeId c) {
            edges.insert(self, c);
            out.emplace_back(self, c);
            ++inbound[c];
            ++have;
        };
        // Uniform draws with rejection pick uniformly among eligible nodes, as SimBlock's scan
        // of a shuffled list does; when eligible nodes are scarce, enumerate them instead.
        for (std::uint32_t tries = 0; have < want && tries < 32 * want; ++tries) {
            NodeId c = rng.below(n);
            if (eligible(self, c)) link(c);
        }
        if (have < want) {
            pool.clear();
            for (NodeId c = 0; c < n; ++c) {
                if (eligible(self, c)) pool.push_back(c);
            }
            for (std::size_t i = 0; have < want && i < pool.size(); ++i) {
                std::swap(pool[i], pool[i + rng.below(static_cast<std::uint32_t>(pool.size() - i))]);
                link(pool[i]);
            }
        }
    }
    Graph g = graph_from_edges(n, out);
    for (NodeId v = 0; v < n; ++v) g[v].region = region[v];
    return g;
}

}  // namespace ostsim::net
