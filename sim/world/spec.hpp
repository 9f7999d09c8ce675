// A world as typed values: what the builder needs to make cores, nodes and rules, with no YAML
// in sight. from_scenario() fills it from a validated scenario.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "actors/overlay.hpp"
#include "consensus/pow.hpp"
#include "engine/time.hpp"
#include "core/core.hpp"
#include "world/network_spec.hpp"
#include "workload/economy_spec.hpp"

namespace ostsim::world {

// A pow core's attacker: node 0, with `share` of the hash power (the other miners split the
// rest equally); a selfish miner (Eyal and Sirer) or a double spender.
struct AdversarySpec {
    enum Kind : std::uint8_t { None, Selfish, DoubleSpend } kind = None;
    double share = 0.3;
    double gamma = 0;  // selfish: share of the honest miners that prefer node 0's tip in a tie
    std::uint32_t confirmations = 6;  // double_spend: z
    bool premine = true;
    std::uint32_t give_up_behind = 0;
    std::uint32_t horizon = 0;
};

struct PowSpec {
    engine::Time block_interval = 15 * engine::kSecond;
    std::uint32_t confirmations = 6;
    std::uint32_t miners = 0;  // the first `miners` nodes, equal shares; 0: all
    AdversarySpec adversary{};
};


// clique, bft and ffg: the first `validators` nodes (0: all) with equal power; for ffg, clique
// proposes the blocks. `block_time` is clique's and ffg's period, bft's commit timeout.
struct ValidatorSpec {
    enum Rule : std::uint8_t { Clique, Bft, Ffg } rule = Clique;
    engine::Time block_time = 3 * engine::kSecond;
    std::uint32_t confirmations = 0;
    std::uint32_t validators = 0;
    std::uint32_t epoch_length = 100;
};

using RuleSpec = std::variant<PowSpec, ValidatorSpec>;

struct CoreSpec {
    core::CoreParams params;  // name, gas limit, reward, filler, delay
    // Its network's graph, links and relay; none: every node reaches every other after
    // params.delay. The builder makes the core's instance (params.network points at it).
    std::optional<NetworkSpec> network;
    std::uint32_t nodes = 4;
    RuleSpec rule{PowSpec{}};
    std::uint32_t offline = 0;  // the last this many producers never produce nor vote
    // Validators (clique, bft, ffg), counted back from the offline ones: `slow` late by
    // slow_delay, then `equivocating`.
    std::uint32_t slow = 0;
    engine::Time slow_delay = engine::kSecond;
    std::uint32_t equivocating = 0;
    std::vector<core::Allocation> genesis;
};

struct WorldSpec {
    std::uint64_t seed = 1;
    int threads = 1;
    int partitions = 0;          // 0: one per thread
    engine::Time lookahead = 0;  // 0: the least latency any core's network allows
    engine::Time duration = 0;
    std::vector<CoreSpec> cores;
    // The OST overlay: gateway pairs between the origin and auxiliary cores, their contracts
    // at genesis, and the actors (reporters, facilitators) as clients; none: cores only.
    std::optional<actors::OverlaySpec> overlay;
    // Session-spending economies: each a token, its users' accounts and their driver (a client).
    std::vector<workload::EconomySpec> economies;
};

}  // namespace ostsim::world
