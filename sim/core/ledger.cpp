#include "core/ledger.hpp"

#include <stdexcept>
#include <string>

#include "eth/keccak.hpp"

namespace ostsim::core {

Ledger::Ledger(std::span<const Allocation> genesis, std::size_t retained_versions)
    : state_(retained_versions), current_(chain::kGenesis.key()) {
    for (const Allocation& a : genesis) {
        chain::Account acc = state_.account(a.address);
        acc.balance += a.balance;
        state_.put_account(a.address, acc);
    }
    genesis_root_ = state_.commit(current_);
}

void Ledger::checkout(chain::BlockId id) {
    if (current_ == id.key()) return;
    if (!state_.checkout(id.key())) {
        throw std::runtime_error("ledger: the state of block (" + std::to_string(id.producer) +
                                 ", " + std::to_string(id.seq) +
                                 ") is no longer retained: a fork deeper than the ledger keeps");
    }
    current_ = id.key();
}

Execution Ledger::execute(chain::BlockId parent, chain::BlockId id, const chain::Address& producer,
                          const chain::uint256& reward,
                          std::span<const chain::Transaction> candidates, std::uint64_t gas_limit) {
    std::lock_guard lock(mutex_);
    checkout(parent);
    Execution x;
    if (reward != 0) {
        chain::Account acc = state_.account(producer);
        acc.balance += reward;
        state_.put_account(producer, acc);
    }
    for (const chain::Transaction& tx : candidates) {
        const chain::TxOutcome o = apply_transaction(state_, tx, producer, gas_limit - x.gas_used);
        if (o.ok()) {
            x.gas_used += o.gas_used;
            x.included.push_back(tx);
        } else {
            x.rejected.emplace_back(tx, o.rejection);
        }
    }
    x.state_root = state_.commit(id.key());
    current_ = id.key();
    return x;
}

chain::Account Ledger::account(chain::BlockId id, const chain::Address& a) {
    std::lock_guard lock(mutex_);
    checkout(id);
    return state_.account(a);
}

chain::Address node_address(std::uint32_t core, std::uint32_t index) {
    eth::Bytes seed{'o', 's', 't', 's', 'i', 'm', ' ', 'n', 'o', 'd', 'e'};
    for (int s = 24; s >= 0; s -= 8) seed.push_back(static_cast<std::uint8_t>(core >> s));
    for (int s = 24; s >= 0; s -= 8) seed.push_back(static_cast<std::uint8_t>(index >> s));
    const chain::Hash h = eth::keccak256(seed);
    chain::Address a;
    std::copy(h.bytes.end() - 20, h.bytes.end(), a.bytes.begin());
    return a;
}

}  // namespace ostsim::core
