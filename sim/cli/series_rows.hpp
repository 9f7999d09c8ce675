// The `series/*` tables of a run of cores: how the run's figures grow, sampled at fixed
// simulated times (every `trace.series_every` of the run), so that a plot over time needs no
// replay and a run killed mid-way keeps its figures up to its last checkpoint.
// - `series/cores`: per core, node 0's head and final heights, the transactions and gas on its
//   chain, the blocks produced and transactions submitted by all nodes, node 0's mempool;
// - `series/economies`: per economy, its counts (intents, spends and their outcomes, sessions);
// - `series/overlay`: per gateway pair and flow, messages started and ended each way;
// - `series/engine`: events committed.
// Counts are cumulative (a rate is the difference of two rows over their time step). A sample
// at time t sees every event with time <= t, so rows are the same at any thread count.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "chain/block_tree.hpp"
#include "trace/table.hpp"
#include "trace/writer.hpp"
#include "world/world.hpp"

namespace ostsim::cli {

struct CoreSeriesRow {
    std::int64_t time;
    std::uint32_t core;
    std::uint64_t head_height;
    std::uint64_t final_height;
    std::uint64_t txs;
    std::uint64_t gas_used;
    std::uint64_t produced;
    std::uint64_t submitted;
    std::uint64_t pending;
};
const trace::TableSpec& core_series_spec();

struct EconomySeriesRow {
    std::int64_t time;
    std::uint32_t economy;
    std::uint64_t intents;
    std::uint64_t spends;
    std::uint64_t accepted;
    std::uint64_t reverted;
    std::uint64_t not_included;
    std::uint64_t sessions;
    std::uint64_t sessions_failed;
    std::uint64_t revocations;
};
const trace::TableSpec& economy_series_spec();

struct OverlaySeriesRow {
    std::int64_t time;
    std::uint32_t pair;
    std::array<char, 8> flow;
    std::uint64_t started;
    std::uint64_t done;
    std::uint64_t failed;
    std::uint64_t revoked;
};
const trace::TableSpec& overlay_series_spec();

struct EngineSeriesRow {
    std::int64_t time;
    std::uint64_t events;
};
const trace::TableSpec& engine_series_spec();

class SeriesRows {
  public:
    // Samples every `every` ns of simulated time (> 0), from `every` on.
    SeriesRows(trace::Writer& trace, const world::World& w, engine::Time every);

    // The next sample's time.
    engine::Time next() const { return next_; }
    // Appends the rows of the sample at next() - the world has run to it and committed
    // `events` - and moves next() on.
    void sample(std::uint64_t events);

  private:
    // Node 0's chain of core c, summed up to its head: kept from sample to sample, summed
    // again from genesis only when the head left the last sample's head behind.
    struct Chain {
        chain::BlockId head = chain::kGenesis;
        std::uint64_t height = 0, txs = 0, gas_used = 0;
    };
    void sample_core(std::size_t c);

    const world::World& world_;
    engine::Time every_, next_;
    std::vector<Chain> chains_;
    trace::Table<CoreSeriesRow> cores_;
    trace::Table<EconomySeriesRow> economies_;
    trace::Table<OverlaySeriesRow> overlay_;
    trace::Table<EngineSeriesRow> engine_;
};

}  // namespace ostsim::cli
