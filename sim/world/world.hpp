// The builder (ns-3's helper layer): a WorldSpec in, cores of nodes with their rules wired on
// one engine out. Nodes are logical processes numbered core by core, then the clients; where
// each runs and the lookahead are placement.hpp's. A core with a network gets its own instance
// of it (graph, links, relay roles), owned by the world. The cores' genesis states, independent
// of each other, are built in parallel on `threads` threads.
//
//   World w(spec);
//   w.run_until(spec.duration);
//   for (const auto& c : w.cores()) ... w.node(c, 0).tree() ...
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/participant.hpp"
#include "engine/engine.hpp"
#include "workload/economy_driver.hpp"
#include "world/placement.hpp"
#include "world/spec.hpp"

namespace ostsim::world {

class World {
  public:
    explicit World(const WorldSpec& spec);

    const engine::Stats& run_until(engine::Time end) { return engine_.run_until(end); }
    const engine::Stats& stats() { return engine_.stats(); }
    std::uint64_t digest() const { return engine_.digest(); }

    std::size_t core_count() const { return cores_.size(); }
    const core::Core& core(std::size_t c) const { return *cores_[c]; }
    // Core c's network; null when its nodes use a fixed delay.
    const net::Network* network(std::size_t c) const { return networks_[c].get(); }
    const core::Node& node(std::size_t c, std::uint32_t n) const {
        return engine_.lp(cores_[c]->lp_of(n)).node();
    }
    // The overlay, when the spec has one, and its clients: the reporters of every pair (both
    // directions), then each pair's facilitator.
    const actors::Overlay* overlay() const { return overlay_ ? &*overlay_ : nullptr; }
    std::size_t client_count() const { return clients_.size(); }
    const core::Client& client(std::size_t i) const { return engine_.lp(clients_[i]).client().client(); }
    // The economies' drivers, in the spec's order (clients too, after the overlay's).
    std::size_t economy_count() const { return economies_.size(); }
    const workload::EconomyDriver& economy(std::size_t i) const;
    // Where the LPs run and the window that allows (engine.lookahead, when given, wins).
    const Placement& placement() const { return placement_; }
    engine::Time lookahead() const { return engine_.config().lookahead; }

  private:
    static std::vector<std::unique_ptr<net::Network>> build_networks(const WorldSpec& spec);
    static std::optional<actors::Overlay> build_overlay(const WorldSpec& spec);
    Topology topology(const WorldSpec& spec) const;
    engine::Config engine_config(const WorldSpec& spec) const;

    std::vector<std::unique_ptr<net::Network>> networks_;  // per core; null: fixed delay
    std::optional<actors::Overlay> overlay_;
    Placement placement_;  // before engine_: its config reads the lookahead
    std::vector<std::unique_ptr<core::Core>> cores_;  // stable: nodes point at them
    engine::Engine<core::Participant> engine_;
    std::vector<engine::LpId> clients_;
    std::vector<engine::LpId> economies_;
};

}  // namespace ostsim::world
