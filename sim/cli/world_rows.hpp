// The `cores`, `blocks` and `txs` rows of a run of cores, written as they settle, so that a run
// killed mid-way leaves the rows settled by its last checkpoint.
//
// A row is written once, with the values it will have at the end of the run (world::core_result
// then and now agree on it):
// - a block settles when every node of its core has it (`reached`, `reach50`, `reach90` are
//   then fixed) and node 0 has a final block at its height or above (`main` is then decided:
//   on node 0's chain or not; finality is taken as final, a later conflicting finalisation is
//   counted in the cores' `conflicting_final`, not written back);
// - a transaction settles when its block is final at node 0 (status 2);
// - the overlay's and the economies' rows settle as overlay_tables.hpp and
//   workload_tables.hpp say;
// - everything else, and the `cores` and `nodes` rows, are written at the end (or where the run
//   stopped); the `series/*` tables (series_rows.hpp) sample the figures behind them as the run
//   goes, so a killed run keeps those up to its last checkpoint.
// So a table's rows are in the order they settled: checkpoint by checkpoint, then the end; in
// each, core by core in the order core_result lists them. Checkpoints come at fixed simulated
// times, so the order, like the values, is the same at any thread count.
//
// A new table is a row struct and a TableSpec (next to those in world_run.hpp, or event_rows.hpp
// for rows that never change), a trace::Table member created in the constructor, and its rows
// appended in append() (settled ones at checkpoints, the rest in finish()) or, for events, in
// EventRows::append (those since the last checkpoint); a model's own tables get a class like
// OverlayRows.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "cli/event_rows.hpp"
#include "cli/overlay_tables.hpp"
#include "cli/series_rows.hpp"
#include "cli/workload_tables.hpp"
#include "cli/world_run.hpp"
#include "trace/writer.hpp"
#include "world/results.hpp"

namespace ostsim::cli {

class WorldRows {
  public:
    // `full`: also the event tables of trace level `full` (event_rows.hpp); `series_every`:
    // the series' sampling interval (0: no series tables).
    WorldRows(trace::Writer& trace, const world::World& w, bool full, engine::Time series_every);

    // The next series sample's time; kNever without series.
    engine::Time next_sample() const { return series_ ? series_->next() : engine::kNever; }
    // Appends the series rows of the sample at next_sample(): the world has run to it and
    // committed `events`.
    void sample(std::uint64_t events) { series_->sample(events); }
    // Appends the rows settled by simulated time `reached`, then a trace checkpoint.
    void checkpoint(engine::Time reached);
    // Appends core c's rows not written yet, and its `cores` row, from its end-of-run result.
    void finish(std::size_t c, const world::CoreResult& r);
    // Appends the overlay's and economies' rows not written yet, and the `nodes` rows.
    void finish_actors();

  private:
    void append(std::size_t c, const world::CoreResult& r, bool settled_only);

    trace::Writer& trace_;
    const world::World& world_;
    trace::Table<CoreRow> cores_;
    trace::Table<BlockRow> blocks_;
    trace::Table<TxRow> txs_;
    std::optional<EventRows> events_;
    std::optional<SeriesRows> series_;
    std::optional<OverlayRows> overlay_;
    std::optional<WorkloadRows> workload_;
    std::vector<std::unordered_set<std::uint64_t>> blocks_written_;  // per core, BlockId keys
    std::vector<std::vector<std::vector<bool>>> txs_written_;       // per core, node, submission
};

}  // namespace ostsim::cli
