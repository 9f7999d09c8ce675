#include "world/network_spec.hpp"

#include "net/adjacency.hpp"
#include "net/graph_io.hpp"

namespace ostsim::world {
namespace {

// Stream entities above any logical process id (LPs use 0 .. total nodes - 1).
constexpr std::uint64_t kTopologyEntity = std::uint64_t{1} << 62;
constexpr std::uint64_t kRolesEntity = kTopologyEntity + (std::uint64_t{1} << 32);

}  // namespace

net::Graph build_graph(const NetworkSpec& spec, std::uint32_t nodes, std::uint64_t seed,
                       std::uint32_t core) {
    const TopologySpec& t = spec.topology;
    engine::Stream rng(seed, kTopologyEntity + core);
    net::Graph g;
    switch (t.kind) {
        case TopologySpec::RandomRegular: g = net::random_regular(nodes, t.degree, rng); break;
        case TopologySpec::SmallWorld: g = net::small_world(nodes, t.degree, t.rewire, rng); break;
        case TopologySpec::ScaleFree: g = net::scale_free(nodes, t.attach, rng); break;
        case TopologySpec::RegionBased:
            return net::region_based({nodes, spec.region_shares, t.outbound_cdf, t.max_inbound,
                                      t.assignment.value_or(net::Assignment::stratified)},
                                     rng);
        case TopologySpec::GraphMl: g = net::load_graphml(t.file); break;
        case TopologySpec::EdgeList: g = net::load_edge_list(t.file); break;
    }
    if (t.assignment) net::assign_regions(g, spec.region_shares, *t.assignment, rng);
    return g;
}

std::unique_ptr<net::Network> build_network(const NetworkSpec& spec, const net::Graph& graph,
                                            std::uint64_t seed, std::uint32_t core) {
    net::Adjacency adj = net::to_adjacency(graph);
    net::Links links(spec.links, adj.region);
    engine::Stream roles(seed, kRolesEntity + core);
    return std::make_unique<net::Network>(std::move(adj), std::move(links), spec.relay, roles);
}

}  // namespace ostsim::world
