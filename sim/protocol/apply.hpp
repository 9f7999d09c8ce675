// Executing one contract call on a core's world state: the single entry point that the core's
// ledger will call for a transaction that carries a protocol::Call (docs/protocol.md, "Next
// step"). The call's msg.value moves to the contract first; the function runs metered and
// journaled; a rejection undoes everything and records its reason.
//
// Gas used = G_transaction + calldata + the metered execution, less the storage refund (capped at
// half the gas used). A limit below the intrinsic gas makes the transaction invalid (IntrinsicGas,
// no gas used, as chain::apply_transaction says); a call whose gas exceeds its limit is rejected
// OutOfGas and uses the whole limit; any other rejection uses the gas spent up to the failing
// check, as a REVERT does.
//
// Limits: the transaction envelope - the sender's nonce, the upfront balance for gas, the fee
// to the producer - is the ledger's (chain::apply_transaction's checks), not this function's.
#pragma once

#include <string_view>
#include <vector>

#include "chain/world_state.hpp"
#include "protocol/call.hpp"
#include "protocol/contracts.hpp"

namespace ostsim::protocol {

struct Outcome {
    std::uint64_t gas_used = 0;
    Rejection rejection = Rejection::None;
    std::vector<Event> events;  // empty when rejected
    bool moved_coin = false;    // Exec::moved_coin
    bool ok() const { return rejection == Rejection::None; }
    std::string_view reason() const { return to_string(rejection); }
};

Outcome apply(const Contracts& contracts, chain::WorldState& state, const Call& call,
              const BlockContext& block, const GasSchedule& gas = {});

// The intrinsic gas of a call: G_transaction and its calldata.
std::uint64_t intrinsic_gas(const Call& call, const GasSchedule& gas);

}  // namespace ostsim::protocol
