// The `nodes` table of a run of cores: one row per node, what it is (its network region,
// degree, compact-block role) and what it did (the counters core::Node keeps).
#pragma once

#include <array>
#include <cstdint>

#include "trace/table.hpp"
#include "trace/writer.hpp"
#include "world/world.hpp"

namespace ostsim::cli {

struct NodeRow {
    std::uint32_t core;
    std::uint32_t node;
    std::uint32_t region;
    std::uint32_t degree;
    std::uint8_t compact;
    std::uint64_t produced;
    std::uint64_t submitted;
    std::uint64_t priced_out;
    std::uint64_t reorgs;
    std::uint32_t deepest_reorg;
    std::uint64_t invalid;
    std::uint64_t stalls;
};
const trace::TableSpec& nodes_spec();

// Appends a row per node of every core, at the end of the run (or where it was stopped).
void write_nodes(const world::World& w, trace::Writer& trace);

}  // namespace ostsim::cli
