// What `ostsim sweep` needs to know of a trace it wrote before: whether it is complete, which
// resolved scenario it ran, and its summary figures (every attribute of the groups under
// `summary/`, whatever the models put there).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/outcome.hpp"

namespace ostsim::cli {

struct TraceFacts {
    bool readable = false;  // an HDF5 file that opened
    bool complete = false;  // its `complete` attribute; false when missing
    std::string scenario;   // its `scenario` attribute
    std::vector<Figure> summary;  // group "phold", "cores/origin", ...; attributes in name order
};

TraceFacts read_trace_facts(const std::filesystem::path& file);

}  // namespace ostsim::cli
