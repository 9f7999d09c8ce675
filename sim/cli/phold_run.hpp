// `ostsim run` for a scenario's `phold` section: PHOLD on the engine, in slices of simulated
// time so that an interrupt stops between windows, with a per-LP table and a summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/outcome.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"
#include "trace/table.hpp"
#include "trace/writer.hpp"

namespace ostsim::cli {

// Checks between keys that the schema cannot express (lookahead <= mean, ...).
std::vector<scenario::Diagnostic> check_phold(const scenario::Value& tree);

// One row per LP of table `phold_lps`; identical at any thread count.
struct PholdLpRow {
    std::uint32_t lp;
    std::uint64_t events;
    std::uint64_t remote;
    std::int64_t last;
};
const trace::TableSpec& phold_lps_spec();

// Runs the model; `trace` may be null. `progress` prints a line on stderr per slice.
Outcome run_phold(const scenario::Value& tree, trace::Writer* trace, bool progress);

}  // namespace ostsim::cli
