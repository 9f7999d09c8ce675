// The scenario's `overlay` section to an actors::OverlaySpec, with the checks that span keys
// (its cores must exist, once each).
#pragma once

#include <optional>
#include <vector>

#include "actors/overlay.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"

namespace ostsim::world {

void check_overlay(const scenario::Value& tree, std::vector<scenario::Diagnostic>& out);
// Precondition: check_overlay found nothing. None when the scenario has no overlay.
std::optional<actors::OverlaySpec> overlay_from_scenario(const scenario::Value& tree);

}  // namespace ostsim::world
