// A validated scenario tree to a WorldSpec, with the checks that span keys (a core naming a
// network that does not exist) reported as diagnostics at the offending key.
#pragma once

#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"
#include "world/spec.hpp"

namespace ostsim::world {

std::vector<scenario::Diagnostic> check_world(const scenario::Value& tree);
// Precondition: check_world(tree) is empty.
WorldSpec from_scenario(const scenario::Value& tree);

}  // namespace ostsim::world
