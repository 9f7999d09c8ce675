#include "chain/state_transition.hpp"

namespace ostsim::chain {

std::string_view to_string(Rejection r) {
    switch (r) {
        case Rejection::None: return "none";
        case Rejection::NonceTooLow: return "nonce too low";
        case Rejection::NonceTooHigh: return "nonce too high";
        case Rejection::IntrinsicGas: return "intrinsic gas too low";
        case Rejection::InsufficientFunds: return "insufficient funds for gas * price + value";
        case Rejection::BlockGasExceeded: return "gas limit reached";
    }
    return "unknown";
}

namespace {

// The checks that need the sender's account, in Ethereum's order.
Rejection check_sender(const Account& from, const Transaction& tx, std::uint64_t intrinsic_gas) {
    if (tx.nonce < from.nonce) return Rejection::NonceTooLow;
    if (tx.nonce > from.nonce) return Rejection::NonceTooHigh;
    if (tx.gas_limit < intrinsic_gas) return Rejection::IntrinsicGas;
    const uint256 upfront = tx.value + uint256(tx.gas_limit) * tx.gas_price;
    if (from.balance < upfront) return Rejection::InsufficientFunds;
    return Rejection::None;
}

}  // namespace

Rejection check_envelope(WorldState& state, const Transaction& tx, std::uint64_t intrinsic_gas,
                         std::uint64_t block_gas_left, Account* sender) {
    // A transaction over the block's gas is turned away before its sender is read.
    if (tx.gas_limit > block_gas_left) return Rejection::BlockGasExceeded;
    Account from = state.account(tx.sender);
    const Rejection r = check_sender(from, tx, intrinsic_gas);
    if (sender) *sender = from;
    return r;
}

uint256 charge_gas(WorldState& state, const Transaction& tx, std::uint64_t gas_used, Account from) {
    const uint256 fee = uint256(gas_used) * tx.gas_price;
    from.balance -= fee;
    from.nonce += 1;
    state.put_account(tx.sender, from);
    return fee;
}

void credit(WorldState& state, const Address& a, const uint256& amount) {
    Account acc = state.account(a);
    acc.balance += amount;
    state.put_account(a, acc);
}

void pay_gas(WorldState& state, const Transaction& tx, const Address& producer,
             std::uint64_t gas_used) {
    credit(state, producer, charge_gas(state, tx, gas_used, state.account(tx.sender)));
}

TxOutcome apply_transaction(WorldState& state, const Transaction& tx, const Address& producer,
                            std::uint64_t block_gas_left) {
    Account from;
    const Rejection r = check_envelope(state, tx, kTransferGas, block_gas_left, &from);
    if (r != Rejection::None) return {r, 0};
    from.balance -= tx.value;
    state.put_account(tx.sender, from);
    Account to = state.account(tx.to);
    to.balance += tx.value;
    state.put_account(tx.to, to);
    pay_gas(state, tx, producer, kTransferGas);
    return {Rejection::None, kTransferGas};
}

}  // namespace ostsim::chain
