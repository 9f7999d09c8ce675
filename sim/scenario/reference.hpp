// The scenario reference document (docs/scenario-reference.md), generated from the schema tree
// that the parser uses: every key with its type, unit, default and meaning. `ostsim reference`
// prints it. Top-level keys of a single value share one table; each section (a top-level
// mapping, dict or list) gets its own, with every key below it by its full path (`<name>` for an
// entry of a dict, `<i>` for an item of a list).
#pragma once

#include <string>

#include "scenario/schema.hpp"

namespace ostsim::scenario {

std::string reference_markdown(const Node& root, int schema_version);

}  // namespace ostsim::scenario
