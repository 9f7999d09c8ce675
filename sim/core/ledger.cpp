#include "core/ledger.hpp"

#include <stdexcept>
#include <string>
#include <variant>

#include "eth/keccak.hpp"

namespace ostsim::core {

Ledger::Ledger(std::span<const Allocation> genesis, std::size_t retained_versions,
               std::shared_ptr<const ProtocolGenesis> protocol)
    : protocol_(std::move(protocol)), state_(retained_versions), current_(chain::kGenesis.key()) {
    for (const Allocation& a : genesis) {
        chain::Account acc = state_.account(a.address);
        acc.balance += a.balance;
        state_.put_account(a.address, acc);
    }
    if (protocol_ && protocol_->deploy) {
        protocol::Exec x(state_, protocol_->contracts, protocol_->gas, {0, {}});
        protocol_->deploy(x);
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

void Ledger::add(std::uint64_t handle, Call call) {
    if (handle == 0) throw std::logic_error("ledger: call handle 0 means a plain transfer");
    std::lock_guard lock(mutex_);
    if (!calls_.emplace(handle, std::move(call)).second)
        throw std::logic_error("ledger: call handle " + std::to_string(handle) + " already names a call");
}

void Ledger::add_call(std::uint64_t handle, protocol::Body body) { add(handle, std::move(body)); }
void Ledger::add_call(std::uint64_t handle, AccountTx call) { add(handle, std::move(call)); }

const protocol::Body* Ledger::call(std::uint64_t handle) {
    std::lock_guard lock(mutex_);
    auto it = calls_.find(handle);
    return it == calls_.end() ? nullptr : std::get_if<protocol::Body>(&it->second);  // std::map: stable
}

void Ledger::ProducerFees::settle(chain::WorldState& state, const chain::Address& producer) {
    if (owed == 0) return;
    chain::credit(state, producer, owed);
    owed = 0;
}

void Ledger::pay_gas(const chain::Transaction& tx, std::uint64_t gas_used, bool moved_coin,
                     const chain::Account& from, ProducerFees& fees) {
    fees.add(chain::charge_gas(state_, tx, gas_used, moved_coin ? state_.account(tx.sender) : from));
}

chain::TxOutcome Ledger::apply_call(const chain::Transaction& tx, std::uint64_t block_gas_left,
                                    const protocol::BlockContext& block, Execution& x,
                                    Receipt& receipt, ProducerFees& fees) {
    auto it = calls_.find(tx.call);
    if (!protocol_ || it == calls_.end())
        throw std::logic_error("ledger: call handle " + std::to_string(tx.call) +
                               " names no call, or the core has no protocol contracts");
    if (const auto* account = std::get_if<AccountTx>(&it->second))
        return apply_account_call(tx, *account, block_gas_left, block, receipt, fees);
    const protocol::Call call{tx.sender, tx.value, tx.gas_price, tx.gas_limit,
                              std::get<protocol::Body>(it->second)};
    if (std::visit([](const auto& b) { return b.to; }, call.body) != tx.to)
        throw std::logic_error("ledger: a call transaction's `to` is not its call's contract");
    chain::Account from;
    const chain::Rejection envelope = chain::check_envelope(
        state_, tx, protocol::intrinsic_gas(call, protocol_->gas), block_gas_left, &from);
    if (envelope != chain::Rejection::None) return {envelope, 0};
    protocol::Outcome o = protocol::apply(protocol_->contracts, state_, call, block, protocol_->gas);
    pay_gas(tx, o.gas_used, o.moved_coin, from, fees);
    if (o.ok()) {
        x.events.insert(x.events.end(), o.events.begin(), o.events.end());
    } else {
        x.reverted.emplace_back(tx, o.rejection);
    }
    receipt.reverted = o.rejection;
    return {chain::Rejection::None, o.gas_used};
}

chain::TxOutcome Ledger::apply_account_call(const chain::Transaction& tx, const AccountTx& a,
                                            std::uint64_t block_gas_left,
                                            const protocol::BlockContext& block, Receipt& receipt,
                                            ProducerFees& fees) {
    if (a.kind >= protocol_->accounts.size() || a.holder != tx.to || tx.value != 0)
        throw std::logic_error("ledger: an account call names no account kind, another holder than "
                               "its transaction's `to`, or carries value");
    const AccountKind& kind = protocol_->accounts[a.kind];
    const protocol::TokenHolder holder(a.holder, kind.token, kind.token_rules, kind.config);
    const protocol::AccountCall call{tx.sender, tx.gas_price, tx.gas_limit, a.body};
    chain::Account from;
    const chain::Rejection envelope = chain::check_envelope(
        state_, tx, protocol::intrinsic_gas(call, protocol_->gas), block_gas_left, &from);
    if (envelope != chain::Rejection::None) return {envelope, 0};
    const protocol::AccountOutcome o =
        protocol::apply(protocol_->contracts, holder, state_, call, block, protocol_->gas);
    pay_gas(tx, o.gas_used, o.moved_coin, from, fees);
    receipt.account = o.rejection;
    receipt.reverted = o.token_rejection;
    return {chain::Rejection::None, o.gas_used};
}

Execution Ledger::execute(chain::BlockId parent, chain::BlockId id, std::uint64_t height,
                          std::uint64_t timestamp_ns, const chain::Address& producer,
                          const chain::uint256& reward, chain::TxSource& source,
                          std::uint64_t gas_limit, std::span<const protocol::RemoteFinality> remote_finalized) {
    std::lock_guard lock(mutex_);
    checkout(parent);
    Execution x;
    if (reward != 0) chain::credit(state_, producer, reward);
    const protocol::BlockContext block{height, remote_finalized, timestamp_ns / 1'000'000'000};
    ProducerFees fees;
    while (true) {
        const std::uint64_t left = gas_limit - x.gas_used;
        const chain::Transaction* next = source.next(left);
        if (!next) break;
        const chain::Transaction& tx = *next;
        if (tx.sender == producer) fees.settle(state_, producer);  // it reads its own account
        Receipt receipt;
        const chain::TxOutcome o = tx.call == 0 ? apply_transaction(state_, tx, producer, left)
                                                : apply_call(tx, left, block, x, receipt, fees);
        if (o.ok()) {
            receipt.gas_used = o.gas_used;
            x.gas_used += o.gas_used;
            x.included.push_back(tx);
            x.receipts.push_back(receipt);
            source.included();
        } else {
            x.rejected.emplace_back(tx, o.rejection);
        }
    }
    fees.settle(state_, producer);
    x.state_root = state_.commit(id.key());
    current_ = id.key();
    return x;
}

chain::Account Ledger::account(chain::BlockId id, const chain::Address& a) {
    std::lock_guard lock(mutex_);
    checkout(id);
    return state_.account(a);
}

std::optional<chain::uint256> Ledger::storage(chain::BlockId id, const chain::Address& contract,
                                              const chain::Hash& slot) {
    std::lock_guard lock(mutex_);
    return state_.storage_at(id.key(), contract, slot);
}

std::optional<chain::StateProof> Ledger::prove(chain::BlockId id, const chain::Address& a,
                                               std::span<const chain::Hash> slots) {
    std::lock_guard lock(mutex_);
    return state_.prove(id.key(), a, slots);
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
