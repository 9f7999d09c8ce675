// A sweep's runs, each loaded and checked as `ostsim run` would, before any of them runs:
// every error of every configuration is found first (scenario/sweep.hpp expands the block).
#pragma once

#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/sweep.hpp"
#include "scenario/value.hpp"

namespace ostsim::cli {

struct PlannedRun {
    scenario::SweepRun run;
    std::string id;         // "c0003-r01"
    scenario::Value tree;   // resolved and checked
    std::string text;       // its dump: what the trace records
};

struct SweepPlan {
    scenario::Sweep sweep;
    std::vector<PlannedRun> runs;
    std::vector<scenario::Diagnostic> errors;
    bool ok() const { return errors.empty(); }
};

// Loads `file` with `sets`, expands its sweep, then loads each run with `sets` followed by the
// run's overrides. Each configuration's errors are reported once (its repetitions differ only
// by seed), pointing at the sweep values that caused them.
SweepPlan plan_sweep(const std::string& file, const std::vector<std::string>& sets);

}  // namespace ostsim::cli
