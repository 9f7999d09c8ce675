// `ostsim run` for a scenario's cores: the world built on the engine, run in slices, with its
// tables (`cores`, `blocks`, `txs`; written as they settle: world_rows.hpp) and a summary per
// core.
#pragma once

#include <array>
#include <cstdint>

#include "cli/outcome.hpp"
#include "scenario/value.hpp"
#include "trace/table.hpp"

namespace ostsim::cli {

struct CoreRow {
    std::uint32_t core;
    std::array<char, 32> name;
    std::uint32_t nodes;
    std::uint64_t produced;
    std::uint64_t main;
    double stale_rate;
    double mean_interval;
    double finality_delay;
    std::uint64_t transactions;
    double reach50_median;
    double reach90_median;
    std::uint64_t reorgs;
    std::uint32_t deepest_reorg;
};
const trace::TableSpec& cores_spec();

struct BlockRow {
    std::uint32_t core;
    std::uint32_t producer;
    std::uint32_t seq;
    std::uint32_t parent_producer;
    std::uint32_t parent_seq;
    std::uint64_t height;
    std::int64_t time;
    std::uint32_t size;
    std::uint64_t gas_used;
    std::uint32_t txs;
    std::uint8_t main;
    std::uint32_t reached;
    std::int64_t reach50;
    std::int64_t reach90;
    std::array<char, 67> hash;
    std::array<char, 67> state_root;
};
const trace::TableSpec& blocks_spec();

struct TxRow {
    std::uint32_t core;
    std::uint32_t node;
    std::array<char, 43> sender;
    std::uint64_t nonce;
    std::int64_t submitted;
    std::uint64_t gas_price;
    std::uint64_t gas;
    std::uint8_t status;
    std::int64_t included;
    std::uint64_t height;
    std::int64_t final;
    std::array<char, 48> reason;
};
const trace::TableSpec& txs_spec();

// Runs the cores; `trace` may be null (level `summary`: tables are skipped).
Outcome run_world(const scenario::Value& tree, trace::Writer* trace, bool progress);

}  // namespace ostsim::cli
