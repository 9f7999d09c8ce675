// Expanding a scenario's `sweep:` block into runs (`ostsim sweep`).
//
// Each variable is a list of values (scenario text with units) or a range (`from`, `to`,
// `step`, `unit`); the configurations are the cartesian product of the variables, in the
// order they are written, the first varying slowest. A `lockstep` group advances its
// variables together (they must have equally many values) and counts as one factor, placed
// where its first variable is written. `constraint` (scenario/expression.hpp) keeps the
// configurations where it holds. Each kept configuration runs `repetitions` times.
//
// A run is the scenario with `--set` overrides: one per variable (`phold.nlp="64"`), then
// `seed=`. Loading it validates it exactly as `ostsim run` would; attribute() points the
// errors of such a load back at the sweep values that caused them.
//
// Seeds (common random numbers): repetition r of every configuration gets repetition_seed(
// seed, r), so that configurations differ only by their variables. Repetition 0 keeps the
// scenario's seed, so a one-repetition sweep reproduces `ostsim run`; repetition r > 0 takes
// the r-th output of SplitMix64 started at `seed`, shifted right one bit (`seed` is a
// non-negative int64).
//
// Limits: at most 100'000 values per range and 1'000'000 configurations before the constraint.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/schema.hpp"
#include "scenario/value.hpp"

namespace ostsim::scenario {

struct SweepVariable {
    std::string name;                 // its key under sweep.variables
    std::string path;                 // the key it sets, as for --set
    std::vector<std::string> values;  // scenario text, e.g. "250ms"
    std::vector<Origin> origins;      // where each value was written (a range's: its `from`)
};

struct SweepRun {
    std::size_t config = 0;  // index in the full product, so stable when the constraint changes
    std::int64_t repetition = 0;
    std::int64_t seed = 0;
    std::vector<std::size_t> choice;  // value index, per variable
};

struct Sweep {
    std::vector<SweepVariable> variables;
    std::vector<SweepRun> runs;  // kept configurations in product order, repetitions inside
    std::size_t product = 1;     // configurations before the constraint
    std::size_t configurations = 0;  // kept by the constraint
    std::int64_t repetitions = 1;
    std::vector<Diagnostic> errors;

    bool ok() const { return errors.empty(); }
    // "c0003-r01": configuration and repetition, the run's file name stem.
    static std::string id(const SweepRun& r);
    // The run's overrides: one per variable, then the seed.
    std::vector<std::string> overrides(const SweepRun& r) const;
    // "nlp=64, mean=2s"
    std::string label(const SweepRun& r) const;
    // Points diagnostics whose origin is one of the run's overrides at the sweep value it came
    // from, and names the configuration in every message.
    void attribute(std::vector<Diagnostic>& diags, const SweepRun& r) const;
};

// Expands the resolved `tree` (load_file's) of `schema`. Without a `sweep` section: one run,
// configuration 0, repetition 0, the scenario's seed.
Sweep expand_sweep(const Value& tree, const Node& schema);

std::int64_t repetition_seed(std::int64_t seed, std::int64_t repetition);

}  // namespace ostsim::scenario
