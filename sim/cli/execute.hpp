// Loading, checking and running one scenario: what `ostsim run` does, shared with `sweep` and
// `compare` so that each of their runs is validated and run exactly as `ostsim run` would.
#pragma once

#include <string>
#include <vector>

#include "cli/outcome.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/load.hpp"

namespace ostsim::cli {

// Loads `file` with overrides `sets`, then the checks between keys of the model it runs (its
// cores, or else PHOLD). Every error is in the result; nothing is printed.
scenario::Loaded load_checked(const std::string& file, const std::vector<std::string>& sets);
// The same for scenario text (the Python `ostsim.run` of a YAML string or a dict); `source`
// names it in messages and includes resolve against the working directory.
scenario::Loaded load_checked_text(const std::string& text, const std::string& source,
                                   const std::vector<std::string>& sets);

// Prints the errors and a count ("x.yaml: 3 errors") to stderr.
void report(const std::string& file, const std::vector<scenario::Diagnostic>& errors);

struct Execution {
    Outcome outcome;
    std::string error;  // a run-time error (trace not writable, run failed); empty if none
    bool traced = false;  // a trace file was written
};

// Runs a checked tree whose resolved text (dump()) is `text`. The trace goes to `trace_path`
// unless it is empty or trace.level is `none`; an existing file is an error unless `force`.
Execution execute(const scenario::Value& tree, const std::string& text,
                  const std::string& trace_path, bool force, bool progress);

}  // namespace ostsim::cli
