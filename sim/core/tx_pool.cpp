#include "core/tx_pool.hpp"

#include <algorithm>

namespace ostsim::core {

std::uint64_t TxPool::nonce_of(const chain::Address& a) const {
    auto it = nonce_.find(a);
    return it == nonce_.end() ? 0 : it->second;
}

chain::AddResult TxPool::add(const chain::Transaction& tx) { return pool_.add(tx, nonce_of(tx.sender)); }

void TxPool::on_head_change(std::span<const Block* const> left,
                            std::span<const Block* const> joined) {
    // Abandoned blocks: each sender's nonce goes back to its lowest transaction there, the
    // nonce it had at the fork.
    for (const Block* b : left)
        for (const auto& tx : b->txs) {
            auto [it, fresh] = nonce_.try_emplace(tx.sender, tx.nonce);
            if (!fresh) it->second = std::min(it->second, tx.nonce);
        }
    for (const Block* b : joined)
        for (const auto& tx : b->txs) nonce_[tx.sender] = std::max(nonce_of(tx.sender), tx.nonce + 1);
    for (const Block* b : joined)
        for (const auto& tx : b->txs) pool_.settle(tx.sender, nonce_of(tx.sender));
    for (const Block* b : left)
        for (const auto& tx : b->txs) pool_.add(tx, nonce_of(tx.sender));  // back, unless included
}

}  // namespace ostsim::core
