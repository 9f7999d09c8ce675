// What the scenario sections that act on a core's blocks (the overlay, the economies) require of
// that core, checked in one place so both say it the same way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"

namespace ostsim::world {

// The names under `cores`, in scenario order: a core's index is its position here.
std::vector<std::string> core_names(const scenario::Value& tree);
std::uint32_t core_index(const std::vector<std::string>& names, const std::string& name);

// `core` (the value of cores.<name>) finalises blocks: pow and clique need at least one
// confirmation, or actors that wait for final blocks would wait forever. `why` ends the message.
void require_finality(const scenario::Value& core, const std::string& name, const std::string& why,
                      std::vector<scenario::Diagnostic>& out);

// `node`, found at `path`, is one of the core's nodes.
void require_node(const scenario::Value& node, const std::string& path, const scenario::Value& core,
                  const std::string& name, std::vector<scenario::Diagnostic>& out);

}  // namespace ostsim::world
