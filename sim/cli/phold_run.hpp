// `ostsim run` for a scenario's `phold` section: PHOLD on the engine, in slices of simulated
// time so that an interrupt stops between windows, with a per-LP table and a summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"
#include "trace/table.hpp"
#include "trace/writer.hpp"

namespace ostsim::cli {

// Checks between keys that the schema cannot express (lookahead <= mean, ...).
std::vector<scenario::Diagnostic> check_phold(const scenario::Value& tree);

struct PholdOutcome {
    std::uint64_t committed = 0;
    std::uint64_t windows = 0;
    double wall_seconds = 0;
    double events_per_second = 0;
    std::uint64_t digest = 0;
    std::int64_t sim_time_reached = 0;  // ns
    bool complete = false;              // false when interrupted
};

// One row per LP of table `phold_lps`; identical at any thread count.
struct PholdLpRow {
    std::uint32_t lp;
    std::uint64_t events;
    std::uint64_t remote;
    std::int64_t last;
};
const trace::TableSpec& phold_lps_spec();

// Runs the model; `trace` may be null. `progress` prints a line on stderr per slice.
PholdOutcome run_phold(const scenario::Value& tree, trace::Writer* trace, bool progress);

}  // namespace ostsim::cli
