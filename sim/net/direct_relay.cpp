#include "net/direct_relay.hpp"

#include <stdexcept>
#include <string>

namespace ostsim::net {

void DirectRelay::announce(RelayHost& host, chain::BlockId id, std::uint32_t bytes) {
    const BlockBook::Entry* e = book_.announce(id, self_);
    if (!e) return;
    const RelayMsg push{id.key(), self_, bytes, RelayKind::block};
    for (NodeId to : net_->adjacency().of(self_)) {
        if (to != e->from) host.send(to, net_->links().latency(self_, to, host.rng()), push);
    }
}

std::optional<chain::BlockId> DirectRelay::receive(RelayHost&, const RelayMsg& msg) {
    if (msg.kind != RelayKind::block) {
        throw std::invalid_argument("DirectRelay: node " + std::to_string(self_) +
                                    " got a message of kind " +
                                    std::to_string(static_cast<int>(msg.kind)) +
                                    "; the direct relay only pushes blocks");
    }
    const chain::BlockId id = msg.block();
    return book_.receive(id, msg.from) ? std::optional(id) : std::nullopt;
}

}  // namespace ostsim::net
