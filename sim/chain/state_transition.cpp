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

TxOutcome apply_transaction(WorldState& state, const Transaction& tx, const Address& producer,
                            std::uint64_t block_gas_left) {
    if (tx.gas_limit > block_gas_left) return {Rejection::BlockGasExceeded, 0};
    Account from = state.account(tx.sender);
    if (tx.nonce < from.nonce) return {Rejection::NonceTooLow, 0};
    if (tx.nonce > from.nonce) return {Rejection::NonceTooHigh, 0};
    if (tx.gas_limit < kTransferGas) return {Rejection::IntrinsicGas, 0};
    const uint256 upfront = tx.value + uint256(tx.gas_limit) * tx.gas_price;
    if (from.balance < upfront) return {Rejection::InsufficientFunds, 0};

    const std::uint64_t gas_used = kTransferGas;
    from.balance -= tx.value + uint256(gas_used) * tx.gas_price;
    from.nonce += 1;
    state.put_account(tx.sender, from);
    Account to = state.account(tx.to);
    to.balance += tx.value;
    state.put_account(tx.to, to);
    Account miner = state.account(producer);
    miner.balance += uint256(gas_used) * tx.gas_price;
    state.put_account(producer, miner);
    return {Rejection::None, gas_used};
}

}  // namespace ostsim::chain
