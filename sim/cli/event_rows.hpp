// The tables trace level `full` adds for a run of cores: events, which never change once they
// happened, so each checkpoint appends those since the last one.
// - `arrivals`: every block's arrival at every node (its producer's own included);
// - `inclusions`: every transaction in every block produced, stale ones included (the `txs`
//   table gives each transaction's fate on the main chain; this one every block that held it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "trace/table.hpp"
#include "trace/writer.hpp"
#include "world/world.hpp"

namespace ostsim::cli {

struct ArrivalRow {
    std::uint32_t core;
    std::uint32_t node;
    std::uint32_t producer;
    std::uint32_t seq;
    std::int64_t time;
};
const trace::TableSpec& arrivals_spec();

struct InclusionRow {
    std::uint32_t core;
    std::uint32_t producer;
    std::uint32_t seq;
    std::uint32_t index;
    std::array<char, 43> sender;
    std::uint64_t nonce;
};
const trace::TableSpec& inclusions_spec();

class EventRows {
  public:
    EventRows(trace::Writer& trace, const world::World& w);
    // Appends core c's events recorded since the last call: node by node, in the order each
    // node recorded them.
    void append(std::size_t c);

  private:
    const world::World& world_;
    trace::Table<ArrivalRow> arrivals_;
    trace::Table<InclusionRow> inclusions_;
    // Per core and node: arrivals and produced blocks already written.
    std::vector<std::vector<std::size_t>> arrivals_done_, produced_done_;
};

}  // namespace ostsim::cli
