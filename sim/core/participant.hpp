// The engine's logical process in a world: a node of a core, or a client (an off-chain actor).
// One payload type serves both; an event reaches its kind's handler through a switch on the
// variant, not a virtual call.
#pragma once

#include <utility>
#include <variant>

#include "core/client.hpp"
#include "core/node.hpp"

namespace ostsim::core {

class Participant {
  public:
    using Payload = NodeEvent;

    Participant(Node n) : v_(std::move(n)) {}
    Participant(ClientLp c) : v_(std::move(c)) {}

    void handle(engine::Context<Participant>& ctx, const engine::Event<NodeEvent>& ev) {
        std::visit([&](auto& p) { p.handle(ctx, ev); }, v_);
    }

    // The node or client this is; std::bad_variant_access if it is the other.
    const Node& node() const { return std::get<Node>(v_); }
    const ClientLp& client() const { return std::get<ClientLp>(v_); }
    bool is_node() const { return std::holds_alternative<Node>(v_); }

  private:
    std::variant<Node, ClientLp> v_;
};

}  // namespace ostsim::core
