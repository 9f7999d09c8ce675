// Pending transactions of one node, packed into blocks as go-ethereum's miner packs them:
// each sender's transactions in nonce order; among the senders' next transactions, the highest
// gas price first (ties: earlier submission, then lower sender address, for determinism); a
// transaction that does not fit the gas left is skipped with the rest of its sender's queue.
//
// Limits: a bounded pool evicts the cheapest sender tail; replacement by fee bump of a
// pending (sender, nonce) is accepted when the new price is `replace_bump_percent` higher.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <optional>
#include <string_view>
#include <vector>

#include "chain/transaction.hpp"

namespace ostsim::chain {

enum class AddResult : std::uint8_t { Added, Replaced, NonceTooLow, Underpriced, PoolFull, Duplicate };
std::string_view to_string(AddResult r);

class Mempool {
public:
    struct Config {
        std::size_t capacity = 100'000;
        std::uint64_t min_gas_price = 0;
        std::uint64_t replace_bump_percent = 10;  // geth's default PriceBump for a replacement
    };
    explicit Mempool(Config c) : config_(c) {}
    Mempool() : Mempool(Config{}) {}

    // `account_nonce` is the sender's nonce in the state the next block builds on.
    AddResult add(const Transaction& tx, std::uint64_t account_nonce);
    // The transactions of the next block: executable (consecutive nonces from each sender's
    // account nonce), best price first, within `gas_limit`. Does not remove them.
    std::vector<Transaction> select(std::uint64_t gas_limit) const;
    // Records the sender's account nonce after a block and drops its transactions below it.
    void settle(const Address& sender, std::uint64_t account_nonce);
    // Drops the sender's transaction at `nonce` and those after it, which cannot run before it
    // (a transaction found invalid when a block was built).
    void remove(const Address& sender, std::uint64_t nonce);
    std::size_t size() const { return size_; }

private:
    struct Queue {
        std::uint64_t account_nonce = 0;
        std::map<std::uint64_t, Transaction> txs;  // by nonce
    };
    bool evict_cheaper_than(std::uint64_t gas_price, const Address& keep);

    Config config_;
    // Hashed, not ordered: every walk's result is ordered by its own total order (price,
    // submission, sender), whatever the order of the walk.
    std::unordered_map<Address, Queue> by_sender_;
    std::size_t size_ = 0;
};

}  // namespace ostsim::chain
