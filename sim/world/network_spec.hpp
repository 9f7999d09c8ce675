// A scenario network as typed values, and how a core's instance of it is built: its graph for
// the core's node count, its links and relay. A network is a recipe; each core on it gets its
// own instance, drawn from streams of the scenario seed and the core's index, so cores on one
// network do not share nodes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "engine/rng.hpp"
#include "net/generators.hpp"
#include "net/network.hpp"

namespace ostsim::world {

struct TopologySpec {
    enum Kind : std::uint8_t { RandomRegular, SmallWorld, ScaleFree, RegionBased, GraphMl, EdgeList };
    Kind kind = RandomRegular;
    std::uint32_t degree = 0;           // random_regular, small_world
    double rewire = 0;                  // small_world
    std::uint32_t attach = 0;           // scale_free
    std::vector<double> outbound_cdf;   // region_based
    std::uint32_t max_inbound = 0;      // region_based
    // Regions: drawn from the shares, or (nullopt) read from the file.
    std::optional<net::Assignment> assignment = net::Assignment::stratified;
    std::filesystem::path file;         // graphml, edge_list: absolute or relative to the cwd
};

// A network with a graph (a `complete` scenario network has none: its cores use a fixed delay).
struct NetworkSpec {
    TopologySpec topology;
    std::vector<double> region_shares;  // one per region
    net::LinkParams links;              // latency_ms, jitter, bandwidths, small_message_extra
    net::RelayParams relay;
    bool direct = false;                // DirectRelay instead of BlockRelay
};

// The graph of core `core`'s instance with `nodes` nodes (loaded graphs keep their own size).
// Throws net::TopologyError for bad parameters or files.
net::Graph build_graph(const NetworkSpec& spec, std::uint32_t nodes, std::uint64_t seed,
                       std::uint32_t core);

// The network over a graph. Throws std::invalid_argument for bad links or relay parameters.
std::unique_ptr<net::Network> build_network(const NetworkSpec& spec, const net::Graph& graph,
                                            std::uint64_t seed, std::uint32_t core);

}  // namespace ostsim::world
