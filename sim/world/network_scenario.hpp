// The `networks` section of a validated scenario: its typed form, and the checks that need
// more than the schema (a parameter its topology needs, the latency matrix's shape, files that
// load, a graph that is connected for every core on it, a positive engine lookahead).
#pragma once

#include <optional>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/value.hpp"
#include "world/network_spec.hpp"

namespace ostsim::world {

// Diagnostics for every network and for each core's instance of it.
std::vector<scenario::Diagnostic> check_networks(const scenario::Value& tree);

// The network `networks.<name>`; nullopt for a `complete` one. Precondition: check_networks
// found nothing wrong with it.
std::optional<NetworkSpec> network_spec(const scenario::Value& network);

// The least delay any message of a core on this network can take: its `delay`, or for a graph
// the least latency draw; the engine's lookahead rests on it.
engine::Time least_latency(const scenario::Value& network);

}  // namespace ostsim::world
