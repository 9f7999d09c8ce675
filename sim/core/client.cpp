#include "core/client.hpp"

#include <stdexcept>
#include <string>

#include "core/participant.hpp"
#include "engine/partition.hpp"  // Context::send needs the partition it sends through
#include "protocol/apply.hpp"

namespace ostsim::core {

ClientLp::ClientLp(std::vector<Core*> cores, std::vector<ClientLink> links,
                   std::unique_ptr<Client> client, engine::LpId self, std::uint64_t seed)
    : cores_(std::move(cores)), links_(std::move(links)), client_(std::move(client)), self_(self),
      rng_(seed, self) {
    for (const ClientLink& l : links_) {
        if (l.core >= cores_.size() || l.node >= cores_[l.core]->nodes()) {
            throw std::invalid_argument("client: a link names core " + std::to_string(l.core) +
                                        " node " + std::to_string(l.node) + ", which does not exist");
        }
        cores_[l.core]->watch({l.node, self_, l.latency, l.heads});
    }
}

void ClientLp::handle(engine::Context<Participant>& ctx, const engine::Event<NodeEvent>& ev) {
    ctx_ = &ctx;
    const NodeEvent& e = ev.payload;
    switch (e.kind) {
        case NodeEvent::Start: client_->start(*this); break;
        case NodeEvent::Timer: client_->on_timer(*this, e.tag); break;
        case NodeEvent::Head:
        case NodeEvent::Final:
            if (auto c = core_of(ev.src())) client_->on_block(*this, *c, *e.block, e.kind == NodeEvent::Final);
            break;
        default: break;  // node-to-node kinds never reach a client
    }
    ctx_ = nullptr;
}

engine::Time ClientLp::now() const { return ctx_->now(); }

void ClientLp::set_timer(engine::Time delay, std::uint64_t tag) {
    ctx_->send(self_, delay, NodeEvent::timer(tag));
}

const ClientLink& ClientLp::link(std::uint32_t c) const {
    for (const ClientLink& l : links_) {
        if (l.core == c) return l;
    }
    throw std::logic_error("client: sends to core " + std::to_string(c) + ", which it has no node of");
}

std::optional<std::uint32_t> ClientLp::core_of(engine::LpId node) const {
    for (const ClientLink& l : links_) {
        const Core& k = *cores_[l.core];
        if (node >= k.lp_of(0) && node < k.lp_of(0) + k.nodes()) return l.core;
    }
    return std::nullopt;
}

std::uint64_t ClientLp::submit(std::uint32_t c, chain::Transaction tx, std::uint64_t calldata_gas,
                               bool is_call) {
    const ClientLink& l = link(c);
    Core& k = *cores_[c];
    // Ids as a node's: this LP's id above, the count sent below (never 0: 0 is a transfer).
    const std::uint64_t id = next_id();
    tx.call = is_call ? id : 0;
    tx.submitted_ns = now();
    // On the wire: a signed envelope (about 110 bytes) and the calldata, whose bytes its gas
    // counts at 16 gas each (EIP-2028's non-zero byte; proofs are nearly all non-zero).
    tx.size_bytes = static_cast<std::uint32_t>(110 + calldata_gas / 16);
    k.publish(id, sent_.emplace_back(std::move(tx)));
    ctx_->send(k.lp_of(l.node), l.latency, NodeEvent::submit(id));
    return id;
}

namespace {
const protocol::GasSchedule& gas_of(const Core& k) {
    static const protocol::GasSchedule defaults{};
    return k.params().protocol ? k.params().protocol->gas : defaults;
}
}  // namespace

std::uint64_t ClientLp::send(std::uint32_t c, const chain::Address& sender, protocol::Body body,
                             std::uint64_t gas_limit, std::uint64_t gas_price,
                             const chain::uint256& value) {
    Core& k = *cores_.at(c);
    chain::Transaction tx;
    tx.sender = sender;
    tx.to = std::visit([](const auto& b) { return b.to; }, body);
    tx.value = value;
    tx.nonce = nonces_[{c, sender}]++;
    tx.gas_price = gas_price;
    tx.gas_limit = gas_limit;
    const protocol::GasSchedule& g = gas_of(k);
    const std::uint64_t calldata_gas =
        protocol::intrinsic_gas({sender, value, gas_price, gas_limit, body}, g) - g.transaction;
    k.ledger().add_call(next_id(), std::move(body));
    return submit(c, std::move(tx), calldata_gas, true);
}

std::uint64_t ClientLp::send(std::uint32_t c, const chain::Address& sender, std::uint64_t nonce,
                             AccountTx call, std::uint64_t gas_limit, std::uint64_t gas_price) {
    Core& k = *cores_.at(c);
    chain::Transaction tx;
    tx.sender = sender;
    tx.to = call.holder;
    tx.nonce = nonce;
    tx.gas_price = gas_price;
    tx.gas_limit = gas_limit;
    const protocol::GasSchedule& g = gas_of(k);
    const std::uint64_t calldata_gas =
        protocol::intrinsic_gas({sender, gas_price, gas_limit, call.body}, g) - g.transaction;
    k.ledger().add_call(next_id(), std::move(call));
    return submit(c, std::move(tx), calldata_gas, true);
}

std::uint64_t ClientLp::transfer(std::uint32_t c, const chain::Address& sender, std::uint64_t nonce,
                                 const chain::Address& to, const chain::uint256& value,
                                 std::uint64_t gas_price) {
    chain::Transaction tx;
    tx.sender = sender;
    tx.to = to;
    tx.value = value;
    tx.nonce = nonce;
    tx.gas_price = gas_price;
    tx.gas_limit = gas_of(*cores_.at(c)).transaction;
    return submit(c, std::move(tx), 0, false);
}

}  // namespace ostsim::core
