#include "net/tx_gossip.hpp"

#include <stdexcept>
#include <string>

namespace ostsim::net {

void TxGossip::announce(RelayHost& host, std::uint64_t tx) {
    auto [it, fresh] = seen_.try_emplace(tx, Seen{self_, false});
    if (it->second.announced) return;
    it->second.announced = true;
    const RelayMsg msg{tx, self_, 0, RelayKind::tx};
    for (NodeId to : net_->adjacency().of(self_)) {
        if (to != it->second.from) {
            host.send(to, net_->links().small_message(self_, to, host.rng()), msg);
        }
    }
}

std::optional<std::uint64_t> TxGossip::receive(RelayHost&, const RelayMsg& msg) {
    if (msg.kind != RelayKind::tx) {
        throw std::invalid_argument("TxGossip: node " + std::to_string(self_) +
                                    " got a block message; route it to the block relay");
    }
    if (!seen_.try_emplace(msg.ref, Seen{msg.from, false}).second) return std::nullopt;
    return msg.ref;
}

}  // namespace ostsim::net
