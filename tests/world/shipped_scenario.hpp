// A scenario of scenarios/ as the world tests run it: loaded with overrides, checked, built.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "world/from_scenario.hpp"

namespace ostsim::test {

inline world::WorldSpec shipped_scenario(const std::string& file, const std::vector<std::string>& overrides) {
    const auto s = scenario::load_file(scenario::scenario_schema(),
                                       std::string(OSTSIM_SCENARIOS_DIR) + "/" + file, overrides);
    EXPECT_TRUE(s.ok()) << scenario::format(s.errors);
    return world::from_scenario(s.tree);
}

}  // namespace ostsim::test
