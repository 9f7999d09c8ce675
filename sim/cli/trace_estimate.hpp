// How many bytes a run's trace will at least take, so that `ostsim run` can refuse, before the
// run, an output folder without that much free space (a full disk met mid-run is still caught
// by the writer, and stops the run).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "scenario/value.hpp"

namespace ostsim::cli {

// A lower estimate of the trace of the resolved scenario `tree`, whose text is `text_bytes`
// long: the rows its tables expect (blocks from each core's block time, transactions from its
// transfer rate, a row per node or LP) at the deflate ratio our tables beat, plus the root
// attributes. A trace smaller than this is possible only for a run that produces fewer blocks
// or transactions than its parameters expect.
std::uint64_t trace_size_estimate(const scenario::Value& tree, std::uint64_t text_bytes);

// Empty if the folder of `path` has room for `bytes`; else the message that says it has not.
std::string check_free_space(const std::filesystem::path& path, std::uint64_t bytes);

}  // namespace ostsim::cli
