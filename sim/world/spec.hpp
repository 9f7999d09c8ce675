// A world as typed values: what the builder needs to make cores, nodes and rules, with no YAML
// in sight. from_scenario() fills it from a validated scenario.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "consensus/pow.hpp"
#include "core/core.hpp"

namespace ostsim::world {

struct PowSpec {
    engine::Time block_interval = 15 * engine::kSecond;
    std::uint32_t confirmations = 6;
    std::uint32_t miners = 0;  // the first `miners` nodes, equal shares; 0: all
};

using RuleSpec = std::variant<PowSpec>;

struct CoreSpec {
    core::CoreParams params;  // name, gas limit, reward, filler, delay
    std::uint32_t nodes = 4;
    RuleSpec rule;
    std::vector<core::Allocation> genesis;
};

struct WorldSpec {
    std::uint64_t seed = 1;
    int threads = 1;
    int partitions = 0;          // 0: one per thread
    engine::Time lookahead = 0;  // 0: the least network delay of any core
    engine::Time duration = 0;
    std::vector<CoreSpec> cores;
};

}  // namespace ostsim::world
