// Applying a transaction to a world state, with Ethereum's checks in Ethereum's order
// (Yellow Paper, section 6.2; go-ethereum's state_transition.go): the nonce must equal the
// sender's, the intrinsic gas must fit the gas limit, the sender must afford the upfront cost
// value + gasLimit x gasPrice. A valid transfer moves the value, bumps the nonce and pays
// gasUsed x gasPrice to the producer (fees before EIP-1559). A rejected transaction changes
// nothing and carries its reason.
//
// apply_transaction handles value transfers (gas used is the intrinsic 21,000). A contract call
// goes through the same envelope: check_envelope() with the call's intrinsic gas, the protocol's
// execution, then the gas it used: pay_gas(), or charge_gas() and a credit() of the producer's
// fees once a block, as core::Ledger does.
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

// The checks every transaction passes before it executes, in Ethereum's order: it fits in the
// block, its nonce is the sender's, its gas limit covers `intrinsic_gas`, the sender affords
// value + gasLimit x gasPrice. Changes nothing. The sender's account, once read (for every
// outcome but BlockGasExceeded), is copied to `sender` when given, for the gas payment after.
Rejection check_envelope(WorldState& state, const Transaction& tx, std::uint64_t intrinsic_gas,
                         std::uint64_t block_gas_left, Account* sender = nullptr);
// After execution: bumps the sender's nonce and moves gasUsed x gasPrice from the sender to
// the producer (what the sender paid for gas it did not use is never taken).
void pay_gas(WorldState& state, const Transaction& tx, const Address& producer,
             std::uint64_t gas_used);
// pay_gas in two halves, for a block builder that credits its producer once a block: the
// sender's (`from` is its account as it stands; returns the fee), then the producer's.
uint256 charge_gas(WorldState& state, const Transaction& tx, std::uint64_t gas_used, Account from);
void credit(WorldState& state, const Address& a, const uint256& amount);

TxOutcome apply_transaction(WorldState& state, const Transaction& tx, const Address& producer,
                            std::uint64_t block_gas_left);

}  // namespace ostsim::chain
