// The compact, immutable form of a topology the simulation reads: compressed sparse rows
// (node v's neighbours are neighbours[offsets[v] .. offsets[v+1]), ascending) and each node's
// region. 4 bytes per edge end and per node, contiguous: the relay walks it on every announce.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "net/graph.hpp"

namespace ostsim::net {

struct Adjacency {
    std::vector<std::uint32_t> offsets{0};  // nodes + 1 entries
    std::vector<NodeId> neighbours;         // 2 x edges entries
    std::vector<std::uint32_t> region;      // per node

    std::uint32_t nodes() const { return static_cast<std::uint32_t>(region.size()); }
    std::span<const NodeId> of(NodeId v) const {
        return {neighbours.data() + offsets[v], neighbours.data() + offsets[v + 1]};
    }
};

// Throws TopologyError when the graph has 2^32 or more edge ends.
Adjacency to_adjacency(const Graph& g);

}  // namespace ostsim::net
