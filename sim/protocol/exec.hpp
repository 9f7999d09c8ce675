// One contract call in progress: reads and writes of the core's world state, metered at the gas
// schedule's fees and journaled, so that a call that fails a check is undone whole (as a REVERT
// is) while the gas spent up to the check stays spent. Events are kept until the call ends.
//
// Limits: storage refunds follow EIP-2200 for the call as one transaction; the refund cap is
// applied by settle(), given the transaction's intrinsic gas.
#pragma once

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chain/world_state.hpp"
#include "protocol/gas_schedule.hpp"
#include "protocol/rejection.hpp"
#include "protocol/remote_finality.hpp"
#include "protocol/storage_layout.hpp"

namespace ostsim::protocol {

class Contracts;

// What a call can see of the block that includes it.
struct BlockContext {
    std::uint64_t number = 0;
    // The highest heights of remote cores known final to the block's producer, for finalised-
    // only anchors (Mosaic-1 learns them from its own consensus); a core absent from it: nothing
    // known. Viewed, not owned: valid while the block executes.
    std::span<const RemoteFinality> remote_finalized{};
    // block.timestamp, in seconds as the EVM has it: the header's timestamp_ns / 10^9.
    std::uint64_t timestamp_s = 0;
};

// An event a contract emitted: its name as in the contracts and what it is about.
struct Event {
    std::string_view name;
    Hash key;          // message hash, request hash or state root
    Address account;   // the account the event is about (beneficiary, caller)
    uint256 amount = 0;
    friend bool operator==(const Event&, const Event&) = default;
};

// How a call ended: its reason (R::None if it succeeded) and the gas the transaction uses.
template <typename R>
struct Settlement {
    R rejection = R::None;
    std::uint64_t gas_used = 0;
};

class Exec {
public:
    Exec(chain::WorldState& state, const Contracts& contracts, const GasSchedule& gas,
         const BlockContext& block);

    const Contracts& contracts() const { return contracts_; }
    const GasSchedule& schedule() const { return gas_; }
    const BlockContext& block() const { return block_; }

    uint256 load(const Address& contract, const Hash& key);
    void store(const Address& contract, const Hash& key, const uint256& value);
    // Native coin moved by the call (msg.value or a contract's send); false if `from` lacks it.
    bool send(const Address& from, const Address& to, const uint256& amount);
    uint256 balance(const Address& a);

    void charge(std::uint64_t gas) { used_ += gas; }
    void charge_keccak(std::size_t bytes) { used_ += gas_.keccak_gas(bytes); }
    void emit(Event e, std::size_t topics = 2, std::size_t data_bytes = 64);

    std::uint64_t used() const { return used_; }
    std::uint64_t refund() const { return refund_ > 0 ? static_cast<std::uint64_t>(refund_) : 0; }
    std::vector<Event> take_events() { return std::move(events_); }
    // Whether the call moved native coin and kept it moved (a reverted call's moves are undone):
    // when not, every account is as it was before the call (core::Ledger reuses the sender's).
    bool moved_coin() const { return !account_journal_.empty(); }
    // Undoes every write, in reverse, and drops the events.
    void revert();

    // Ends a call whose function returned `r`, for either dispatcher's rejection type (R must
    // have None and OutOfGas). With intrinsic + metered gas over the limit, a success becomes
    // OutOfGas, which uses the whole limit; any rejection reverts the call and uses the gas spent
    // up to the failing check (a REVERT's rule); a success keeps its writes and events and gets
    // the storage refund, capped at 1/refund_quotient of the gas used (the schedule's: a half, pre-EIP-3529).
    template <typename R>
    Settlement<R> settle(R r, std::uint64_t intrinsic, std::uint64_t gas_limit) {
        const std::uint64_t total = intrinsic + used_;
        if (r == R::None && total > gas_limit) r = R::OutOfGas;
        if (r == R::None) return {r, total - std::min(refund(), total / gas_.refund_quotient)};
        revert();
        return {r, r == R::OutOfGas ? gas_limit : std::min(total, gas_limit)};
    }

private:
    chain::WorldState& state_;
    const Contracts& contracts_;
    const GasSchedule& gas_;
    BlockContext block_;
    std::uint64_t used_ = 0;
    std::int64_t refund_ = 0;
    // Every slot the call has read or written: its value before the call (EIP-2200 prices a
    // write by it) and now. Nothing but this call changes the state while it runs, so a slot
    // read again, or read before it is written, costs no second trie walk and no second
    // keccak256 of its trie key (docs/performance.md, Session spends).
    struct SlotId {
        Address contract;
        Hash key;
        friend bool operator==(const SlotId&, const SlotId&) = default;
    };
    struct SlotIdHash {
        std::size_t operator()(const SlotId& s) const {
            std::uint64_t k, c;  // the keys are hashes or small slot numbers: their low bytes vary
            std::memcpy(&k, s.key.bytes.data() + 24, 8);
            std::memcpy(&c, s.contract.bytes.data() + 12, 8);
            return static_cast<std::size_t>((k ^ (c * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL >> 17);
        }
    };
    struct Touched {
        uint256 original;
        uint256 current;
    };
    Touched& touch(const Address& contract, const Hash& key);
    std::unordered_map<SlotId, Touched, SlotIdHash> touched_;
    std::vector<std::pair<SlotId, uint256>> storage_journal_;  // each write: the value it replaced
    std::vector<std::pair<Address, chain::Account>> account_journal_;
    std::vector<Event> events_;
};

}  // namespace ostsim::protocol
