// Steps of loading after reading: overrides onto the partial tree, then defaults and required
// keys. Internal to load.cpp.
#pragma once

#include <string>
#include <vector>

#include "scenario/reader.hpp"

namespace ostsim::scenario::detail {

// Applies one `path=value` override to the partial tree.
void apply_override(Value& tree, const Node& root, const std::string& text, Reader& reader,
                    std::vector<Diagnostic>& diags);

// Fills defaults, reports missing required keys, and puts map keys in schema order.
// An entry present but absent (its value had an error) gets neither default nor complaint.
void complete(Value& v, const Node& s, const std::string& path, const Origin& parent,
              std::vector<Diagnostic>& diags);

}  // namespace ostsim::scenario::detail
