// The ostsim scenario format: every section, key, type, unit, default and doc string.
// A model adds its section here, with one definition (`{"cores", dict(core_schema())}`), and
// parsing, overrides, dumps, the JSON Schema and the reference document follow from it.
#pragma once

#include "scenario/schema.hpp"

namespace ostsim::scenario {

// Bumped whenever a key is renamed or removed, or its meaning changes.
inline constexpr int kSchemaVersion = 1;

const Node& scenario_schema();

// Sections defined in their own files (core_definitions.cpp, network_definitions.cpp).
Node core_schema();
Node network_schema();
Node overlay_schema();
Node economy_schema();

}  // namespace ostsim::scenario
