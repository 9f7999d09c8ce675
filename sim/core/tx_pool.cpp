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
    // One lookup a transaction (this runs on every node for every block): settling at each
    // raise leaves the pool as settling once at the highest would, since settle() only drops
    // the nonces below the one it is given, and the last settle of a sender has its highest.
    for (const Block* b : joined)
        for (const auto& tx : b->txs) {
            std::uint64_t& nonce = nonce_.try_emplace(tx.sender, 0).first->second;
            nonce = std::max(nonce, tx.nonce + 1);
            pool_.settle(tx.sender, nonce);
        }
    for (const Block* b : left)
        for (const auto& tx : b->txs) pool_.add(tx, nonce_of(tx.sender));  // back, unless included
}

}  // namespace ostsim::core
