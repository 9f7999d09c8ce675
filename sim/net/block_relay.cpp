#include "net/block_relay.hpp"

#include <algorithm>
#include <stdexcept>

namespace ostsim::net {

void BlockRelay::announce(RelayHost& host, chain::BlockId id, std::uint32_t bytes) {
    const BlockBook::Entry* e = book_.announce(id, self_);
    if (!e) return;
    const Links& links = net_->links();
    RelayMsg inv{id.key(), self_, bytes, RelayKind::inv};
    const auto neighbours = net_->adjacency().of(self_);
    for (std::size_t i = 0; i < neighbours.size(); ++i) {
        const NodeId to = neighbours[i];
        if (to == e->from) continue;
        // Drawn even when not sent, so that leaving out announcements their receivers would
        // ignore changes no random stream and no result, only the count of messages.
        const engine::Time delay = links.small_message(self_, to, host.rng());
        if (i < 64 && (e->heard >> i & 1)) continue;
        inv.position = net_->position_at_neighbour(self_, i);
        host.send(to, delay, inv);
    }
}

std::optional<chain::BlockId> BlockRelay::receive(RelayHost& host, const RelayMsg& msg) {
    const chain::BlockId id = msg.block();
    const Links& links = net_->links();
    const CompactRelay& compact = net_->relay().compact;
    switch (msg.kind) {
        case RelayKind::inv:
            if (book_.request(id, msg.from, msg.position < 64 ? std::uint64_t{1} << msg.position : 0)) {
                host.send(msg.from, links.small_message(self_, msg.from, host.rng()),
                          RelayMsg{msg.ref, self_, msg.bytes, RelayKind::getdata});
            }
            return std::nullopt;
        case RelayKind::getdata: {
            const BlockBook::Entry* e = book_.find(id);
            if (!e || !e->have) return std::nullopt;  // forgotten since it was announced
            if (compact.enabled && net_->uses_compact(self_) && net_->uses_compact(msg.from)) {
                transfer(host, msg.from, {msg.ref, self_, msg.bytes, RelayKind::compact_block},
                         compact.compact_bytes);
            } else {
                transfer(host, msg.from, {msg.ref, self_, msg.bytes, RelayKind::block}, msg.bytes);
            }
            return std::nullopt;
        }
        case RelayKind::get_block_txn: {
            const BlockBook::Entry* e = book_.find(id);
            if (!e || !e->have) return std::nullopt;
            transfer(host, msg.from, {msg.ref, self_, msg.bytes, RelayKind::block}, msg.bytes);
            return std::nullopt;
        }
        case RelayKind::compact_block: {
            if (book_.has(id)) return std::nullopt;
            const double failure =
                net_->churn(self_) ? compact.failure_churn : compact.failure_control;
            if (host.rng().uniform32() < failure) {
                host.send(msg.from, links.small_message(self_, msg.from, host.rng()),
                          RelayMsg{msg.ref, self_, msg.bytes, RelayKind::get_block_txn});
                return std::nullopt;
            }
            return book_.receive(id, msg.from) ? std::optional(id) : std::nullopt;
        }
        case RelayKind::block:
            return book_.receive(id, msg.from) ? std::optional(id) : std::nullopt;
        case RelayKind::tx:
            break;
    }
    throw std::invalid_argument("BlockRelay: node " + std::to_string(self_) +
                                " got a transaction message; route it to TxGossip");
}

void BlockRelay::transfer(RelayHost& host, NodeId to, RelayMsg msg, std::uint32_t wire_bytes) {
    const Links& links = net_->links();
    const engine::Time now = host.now();
    const engine::Time start = std::max(now, free_at_);
    const engine::Time sending = links.transmission(self_, to, wire_bytes) + net_->relay().processing;
    const engine::Time latency = links.latency(self_, to, host.rng());
    free_at_ = start + sending + (net_->relay().sender_busy_until_arrival ? latency : 0);
    host.send(to, start - now + sending + latency, msg);
}

}  // namespace ostsim::net
