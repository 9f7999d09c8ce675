// Applying a transaction to a world state, with Ethereum's checks in Ethereum's order
// (Yellow Paper, section 6.2; go-ethereum's state_transition.go): the nonce must equal the
// sender's, the intrinsic gas must fit the gas limit, the sender must afford the upfront cost
// value + gasLimit x gasPrice. A valid transfer moves the value, bumps the nonce and pays
// gasUsed x gasPrice to the producer (fees before EIP-1559). A rejected transaction changes
// nothing and carries its reason.
//
// Limits: value transfers only (gas used is the intrinsic 21,000); contract calls are the
// protocol models', which charge their own gas on top of this.
#pragma once

#include <cstdint>
#include <string_view>

#include "chain/transaction.hpp"
#include "chain/world_state.hpp"

namespace ostsim::chain {

// G_transaction, Yellow Paper appendix G: the gas of any transaction, a plain transfer's all.
inline constexpr std::uint64_t kTransferGas = 21'000;

enum class Rejection : std::uint8_t {
    None,
    NonceTooLow,
    NonceTooHigh,
    IntrinsicGas,       // gas limit below the intrinsic gas
    InsufficientFunds,  // balance < value + gasLimit x gasPrice
    BlockGasExceeded,   // gas limit above what is left in the block
};
std::string_view to_string(Rejection r);

struct TxOutcome {
    Rejection rejection = Rejection::None;
    std::uint64_t gas_used = 0;
    bool ok() const { return rejection == Rejection::None; }
};

TxOutcome apply_transaction(WorldState& state, const Transaction& tx, const Address& producer,
                            std::uint64_t block_gas_left);

}  // namespace ostsim::chain
