// What a facilitator sends to prove a remote gateway's state: the account proof for
// proveGateway and the storage proof of a message status, both taken with WorldState::prove from
// the remote core's state at a retained height (what eth_getProof returns there).
#pragma once

#include <optional>

#include "protocol/call.hpp"

namespace ostsim::protocol {

// ProveGateway for `local_gateway` of `remote_gateway`'s account at `height`; nullopt if the
// remote state no longer retains that height.
std::optional<ProveGateway> prove_gateway_call(const chain::WorldState& remote, std::uint64_t height,
                                               const Address& remote_gateway,
                                               const Address& local_gateway);
// The storage proof of `box`[h] in `gateway`'s storage at `height`.
std::optional<eth::Proof> status_proof(const chain::WorldState& remote, std::uint64_t height,
                                       const Address& gateway, Box box, const Hash& h);

}  // namespace ostsim::protocol
