// A node's pending transactions: go-ethereum-style packing (chain::Mempool) plus what the pool
// needs to know about the node's chain: each sender's nonce at the head, kept as the head moves
// (a reorganisation rolls back the abandoned blocks' nonces and puts their transactions back,
// as geth reinjects them).
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "chain/mempool.hpp"
#include "core/block.hpp"

namespace ostsim::core {

class TxPool {
  public:
    explicit TxPool(chain::Mempool::Config c = {}) : pool_(c) {}

    chain::AddResult add(const chain::Transaction& tx);
    // The next block's packing (chain::Mempool::Packing); the pool must not change while it lives.
    chain::Mempool::Packing packing() const { return pool_.packing(); }
    // The head moved: `left` are the blocks abandoned (any order), `joined` the blocks of the
    // new chain past the fork, lowest first.
    void on_head_change(std::span<const Block* const> left, std::span<const Block* const> joined);
    // A candidate the block builder found invalid: dropped with its sender's later ones.
    void drop(const chain::Transaction& tx) { pool_.remove(tx.sender, tx.nonce); }
    std::size_t size() const { return pool_.size(); }

  private:
    std::uint64_t nonce_of(const chain::Address& a) const;

    chain::Mempool pool_;
    std::unordered_map<chain::Address, std::uint64_t> nonce_;  // at the head; absent: 0
};

}  // namespace ostsim::core
