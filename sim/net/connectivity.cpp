#include "net/connectivity.hpp"

#include <boost/graph/connected_components.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace ostsim::net {

void require_connected(const Graph& g) {
    const std::size_t n = boost::num_vertices(g);
    if (n == 0) throw TopologyError("network has no nodes");
    std::vector<std::uint32_t> comp(n);
    const std::size_t count = boost::connected_components(g, comp.data());
    if (count == 1) return;

    std::vector<std::vector<NodeId>> members(count);
    for (NodeId v = 0; v < n; ++v) members[comp[v]].push_back(v);  // ascending ids
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });

    constexpr std::size_t kComponents = 6, kMembers = 4;  // enough to find them, short to read
    std::string msg = "network is disconnected: " + std::to_string(count) + " components: ";
    for (std::size_t c = 0; c < std::min(count, kComponents); ++c) {
        const auto& m = members[c];
        msg += c ? ", {" : "{";
        msg += std::to_string(m.size()) + (m.size() == 1 ? " node: " : " nodes: ");
        for (std::size_t i = 0; i < std::min(m.size(), kMembers); ++i) {
            msg += (i ? ", " : "") + std::to_string(m[i]);
        }
        msg += m.size() > kMembers ? ", ...}" : "}";
    }
    if (count > kComponents) msg += " and " + std::to_string(count - kComponents) + " more";
    throw TopologyError(msg);
}

}  // namespace ostsim::net
