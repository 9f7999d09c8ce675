#include "protocol/exec.hpp"

namespace ostsim::protocol {

Exec::Exec(chain::WorldState& state, const Contracts& contracts, const GasSchedule& gas,
           const BlockContext& block)
    : state_(state), contracts_(contracts), gas_(gas), block_(block) {
    // Buckets for a call's slots at once (a spend touches a few dozen at most), rather than
    // growing through two or three rehashes in every call.
    touched_.reserve(32);
}

Exec::Touched& Exec::touch(const Address& contract, const Hash& key) {
    auto it = touched_.find(SlotId{contract, key});
    if (it == touched_.end()) {
        const uint256 v = state_.storage(contract, key);
        it = touched_.emplace(SlotId{contract, key}, Touched{v, v}).first;
    }
    return it->second;
}

uint256 Exec::load(const Address& contract, const Hash& key) {
    used_ += gas_.sload;
    return touch(contract, key).current;
}

void Exec::store(const Address& contract, const Hash& key, const uint256& value) {
    Touched& slot = touch(contract, key);
    const uint256 current = slot.current;
    const uint256 original = slot.original;
    const auto clear = static_cast<std::int64_t>(gas_.sstore_clear_refund);
    // EIP-2200, with its refund cases.
    if (current == value) {
        used_ += gas_.sstore_dirty;
    } else if (original == current) {
        used_ += original == 0 ? gas_.sstore_set : gas_.sstore_reset;
        if (value == 0) refund_ += clear;
    } else {
        used_ += gas_.sstore_dirty;
        if (original != 0) {
            if (current == 0) refund_ -= clear;
            if (value == 0) refund_ += clear;
        }
        if (original == value)
            refund_ += static_cast<std::int64_t>(
                (original == 0 ? gas_.sstore_set : gas_.sstore_reset) - gas_.sstore_dirty);
    }
    if (current == value) return;
    storage_journal_.push_back({SlotId{contract, key}, current});
    slot.current = value;
    state_.set_storage(contract, key, value);
}

bool Exec::send(const Address& from, const Address& to, const uint256& amount) {
    if (amount == 0 || from == to) return state_.account(from).balance >= amount;
    chain::Account a = state_.account(from);
    if (a.balance < amount) return false;
    chain::Account b = state_.account(to);
    account_journal_.push_back({from, a});
    account_journal_.push_back({to, b});
    a.balance -= amount;
    b.balance += amount;
    state_.put_account(from, a);
    state_.put_account(to, b);
    return true;
}

uint256 Exec::balance(const Address& a) {
    used_ += gas_.balance;
    return state_.account(a).balance;
}

void Exec::emit(Event e, std::size_t topics, std::size_t data_bytes) {
    used_ += gas_.log + gas_.log_topic * topics + gas_.log_byte * data_bytes;
    events_.push_back(e);
}

void Exec::revert() {
    for (auto it = account_journal_.rbegin(); it != account_journal_.rend(); ++it)
        state_.put_account(it->first, it->second);
    for (auto it = storage_journal_.rbegin(); it != storage_journal_.rend(); ++it)
        state_.set_storage(it->first.contract, it->first.key, it->second);
    account_journal_.clear();
    storage_journal_.clear();
    touched_.clear();
    events_.clear();
    refund_ = 0;
}

}  // namespace ostsim::protocol
