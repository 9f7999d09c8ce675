#include "chain/mempool.hpp"

#include <queue>
#include <tuple>

namespace ostsim::chain {

std::string_view to_string(AddResult r) {
    switch (r) {
        case AddResult::Added: return "added";
        case AddResult::Replaced: return "replaced";
        case AddResult::NonceTooLow: return "nonce too low";
        case AddResult::Underpriced: return "underpriced";
        case AddResult::PoolFull: return "pool full";
        case AddResult::Duplicate: return "already known";
    }
    return "unknown";
}

AddResult Mempool::add(const Transaction& tx, std::uint64_t account_nonce) {
    if (tx.gas_price < config_.min_gas_price) return AddResult::Underpriced;
    const auto sender = by_sender_.try_emplace(tx.sender).first;
    Queue& q = sender->second;
    q.account_nonce = account_nonce;
    if (tx.nonce < account_nonce) {
        if (q.txs.empty()) by_sender_.erase(sender);
        return AddResult::NonceTooLow;
    }
    if (auto it = q.txs.find(tx.nonce); it != q.txs.end()) {
        if (it->second.same_content(tx)) return AddResult::Duplicate;
        // new >= old x (100 + bump) / 100, in integers wide enough for any uint64 price.
        if (uint256(tx.gas_price) * 100 <
            uint256(it->second.gas_price) * (100 + config_.replace_bump_percent))
            return AddResult::Underpriced;
        it->second = tx;
        return AddResult::Replaced;
    }
    if (size_ >= config_.capacity && !evict_cheaper_than(tx.gas_price, tx.sender)) {
        if (q.txs.empty()) by_sender_.erase(tx.sender);
        return AddResult::PoolFull;
    }
    q.txs.emplace(tx.nonce, tx);
    ++size_;
    return AddResult::Added;
}

// Evicts the cheapest transaction that ends its sender's queue (so no gap opens; ties: the
// lowest sender), if it pays less than `gas_price`, leaving `keep`'s queue (which may be empty
// and must survive). Linear in the number of senders: eviction is rare at sane capacities.
bool Mempool::evict_cheaper_than(std::uint64_t gas_price, const Address& keep) {
    auto victim = by_sender_.end();
    auto tail_price = [](const auto& entry) { return std::prev(entry.second.txs.end())->second.gas_price; };
    for (auto it = by_sender_.begin(); it != by_sender_.end(); ++it) {
        if (it->second.txs.empty() || tail_price(*it) >= gas_price) continue;
        if (victim == by_sender_.end() ||
            std::pair(tail_price(*it), it->first) < std::pair(tail_price(*victim), victim->first))
            victim = it;
    }
    if (victim == by_sender_.end()) return false;
    victim->second.txs.erase(std::prev(victim->second.txs.end()));
    if (victim->second.txs.empty() && victim->first != keep) by_sender_.erase(victim);
    --size_;
    return true;
}

std::vector<Transaction> Mempool::select(std::uint64_t gas_limit) const {
    // A sender's next executable transaction; best first: price, then submission, then sender.
    struct Head {
        const Transaction* tx;
        const Queue* queue;
        bool operator<(const Head& o) const {
            return std::tuple(tx->gas_price, -tx->submitted_ns, o.tx->sender) <
                   std::tuple(o.tx->gas_price, -o.tx->submitted_ns, tx->sender);
        }
    };
    std::priority_queue<Head> heads;
    for (const auto& [sender, q] : by_sender_) {
        auto it = q.txs.find(q.account_nonce);
        if (it != q.txs.end()) heads.push({&it->second, &q});
    }
    std::vector<Transaction> block;
    std::uint64_t left = gas_limit;
    while (!heads.empty()) {
        Head h = heads.top();
        heads.pop();
        if (h.tx->gas_limit > left) continue;  // the sender's later nonces must wait too
        block.push_back(*h.tx);
        left -= h.tx->gas_limit;
        auto next = h.queue->txs.find(h.tx->nonce + 1);
        if (next != h.queue->txs.end()) heads.push({&next->second, h.queue});
    }
    return block;
}

void Mempool::settle(const Address& sender, std::uint64_t account_nonce) {
    auto it = by_sender_.find(sender);
    if (it == by_sender_.end()) return;
    Queue& q = it->second;
    q.account_nonce = account_nonce;
    auto end = q.txs.lower_bound(account_nonce);
    size_ -= static_cast<std::size_t>(std::distance(q.txs.begin(), end));
    q.txs.erase(q.txs.begin(), end);
    if (q.txs.empty()) by_sender_.erase(it);
}

void Mempool::remove(const Address& sender, std::uint64_t nonce) {
    auto it = by_sender_.find(sender);
    if (it == by_sender_.end()) return;
    Queue& q = it->second;
    auto from = q.txs.lower_bound(nonce);
    size_ -= static_cast<std::size_t>(std::distance(from, q.txs.end()));
    q.txs.erase(from, q.txs.end());
    if (q.txs.empty()) by_sender_.erase(it);
}

}  // namespace ostsim::chain
