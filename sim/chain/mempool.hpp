// Pending transactions of one node, packed into blocks as go-ethereum's miner packs them
// (miner/worker.go, commitTransactions): each sender's transactions in nonce order; among the
// senders' next transactions, the highest gas price first (ties: earlier submission, then lower
// sender address, for determinism). Packing interleaves with execution: a transaction is offered
// only if its gas LIMIT fits in the gas left, and the gas left then shrinks by the gas it USED.
// A transaction that does not fit, or that execution leaves out, is skipped with the rest of its
// sender's queue (its later nonces cannot run before it).
//
// Limits: a bounded pool evicts the cheapest sender tail; replacement by fee bump of a
// pending (sender, nonce) is accepted when the new price is `replace_bump_percent` higher.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <optional>
#include <queue>
#include <string_view>
#include <vector>

#include "chain/transaction.hpp"
#include "chain/tx_source.hpp"

namespace ostsim::chain {

enum class AddResult : std::uint8_t { Added, Replaced, NonceTooLow, Underpriced, PoolFull, Duplicate };
std::string_view to_string(AddResult r);

class Mempool {
    struct Queue {
        std::uint64_t account_nonce = 0;
        std::map<std::uint64_t, Transaction> txs;  // by nonce
    };

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
    // One block's packing, driven by the block builder: next() offers the best executable
    // transaction (consecutive nonces from its sender's account nonce) whose gas limit fits in
    // `gas_left`, or null when none does; after executing it, the builder calls included() if it
    // went into the block, which makes its sender's next nonce a candidate; otherwise the sender
    // is done for this block. Reads the pool, which must not change while a Packing lives.
    class Packing final : public TxSource {
      public:
        explicit Packing(const Mempool& pool);
        const Transaction* next(std::uint64_t gas_left) override;
        void included() override;

      private:
        struct Head {
            const Transaction* tx;
            const Queue* queue;
            bool operator<(const Head& o) const;  // worse: lower in the heap
        };
        std::priority_queue<Head> heads_;
        std::optional<Head> offered_;  // the last transaction next() gave
    };
    Packing packing() const { return Packing(*this); }
    // Records the sender's account nonce after a block and drops its transactions below it.
    void settle(const Address& sender, std::uint64_t account_nonce);
    // Drops the sender's transaction at `nonce` and those after it, which cannot run before it
    // (a transaction found invalid when a block was built).
    void remove(const Address& sender, std::uint64_t nonce);
    std::size_t size() const { return size_; }

private:
    bool evict_cheaper_than(std::uint64_t gas_price, const Address& keep);

    Config config_;
    // Hashed, not ordered: every walk's result is ordered by its own total order (price,
    // submission, sender), whatever the order of the walk.
    std::unordered_map<Address, Queue> by_sender_;
    std::size_t size_ = 0;
};

}  // namespace ostsim::chain
