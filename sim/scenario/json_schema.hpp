// The scenario format as a JSON Schema (draft 2020-12), generated from the schema tree that the
// parser uses, for editors (completion, hovers, validation) and for checking files without
// ostsim. `ostsim schema` prints it; docs/scenario.schema.json is its committed copy.
//
// The JSON Schema sees YAML as a generic loader does (PyYAML, editors): `nlp: 64` is a number,
// `mean: 1s` a string. So numeric keys accept numbers (with their ranges) or strings of the
// parser's number grammar (`1e6`, `50_000`, `25%`); quantities are strings matching
// "number unit" for the units the parser knows; choices are enums; strings also accept bare
// numbers and booleans (the parser reads any scalar as text); sections accept null (`phold:`
// alone means all defaults); every mapping accepts `include`. Defaults and doc strings become
// `default` and `description`.
// Limits: ranges of quantities (`> 0s`) and checks between keys are left to `ostsim validate`.
#pragma once

#include <string>

#include "scenario/schema.hpp"

namespace ostsim::scenario {

// Pretty-printed JSON (two-space indent), ending in a newline.
std::string json_schema(const Node& root, int schema_version);

}  // namespace ostsim::scenario
