// The scenario's `economies` section as workload::EconomySpec values, and the checks that need
// more than one key (the core named exists, has the node, and finalises).
#pragma once

#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"
#include "workload/economy_spec.hpp"

namespace ostsim::world {

void check_economies(const scenario::Value& tree, std::vector<scenario::Diagnostic>& out);
std::vector<workload::EconomySpec> economies_from_scenario(const scenario::Value& tree);

}  // namespace ostsim::world
