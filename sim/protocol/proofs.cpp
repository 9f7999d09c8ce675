#include "protocol/proofs.hpp"

namespace ostsim::protocol {

std::optional<ProveGateway> prove_gateway_call(const chain::WorldState& remote, std::uint64_t height,
                                               const Address& remote_gateway,
                                               const Address& local_gateway) {
    auto p = remote.prove(height, remote_gateway, {});
    if (!p) return std::nullopt;
    return ProveGateway{local_gateway, height, p->account.rlp(), std::move(p->account_proof)};
}

std::optional<eth::Proof> status_proof(const chain::WorldState& remote, std::uint64_t height,
                                       const Address& gateway, Box box, const Hash& h) {
    const Hash key = GatewayBase::status_slot(box, h);
    auto p = remote.prove(height, gateway, std::span<const Hash>(&key, 1));
    if (!p) return std::nullopt;
    return std::move(p->storage.front().proof);
}

}  // namespace ostsim::protocol
