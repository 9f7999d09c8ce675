// What a trace file holds, as text for `ostsim info`: root attributes, tables (rows, columns
// with units) and summary groups. Long string attributes (the scenario) show their first line.
#pragma once

#include <filesystem>
#include <string>

namespace ostsim::trace {

struct Description {
    std::string text;
    std::string error;  // why there is no text
};

Description describe(const std::filesystem::path& file);

}  // namespace ostsim::trace
