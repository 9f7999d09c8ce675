#include "chain/mempool.hpp"

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

// Best first: price, then earlier submission, then lower sender.
bool Mempool::Packing::Head::operator<(const Head& o) const {
    return std::tuple(tx->gas_price, -tx->submitted_ns, o.tx->sender) <
           std::tuple(o.tx->gas_price, -o.tx->submitted_ns, tx->sender);
}

Mempool::Packing::Packing(const Mempool& pool) {
    for (const auto& [sender, q] : pool.by_sender_) {
        auto it = q.txs.find(q.account_nonce);
        if (it != q.txs.end()) heads_.push({&it->second, &q});
    }
}

const Transaction* Mempool::Packing::next(std::uint64_t gas_left) {
    offered_.reset();  // not included: its sender's later nonces wait
    while (!heads_.empty()) {
        const Head h = heads_.top();
        heads_.pop();
        if (h.tx->gas_limit > gas_left) continue;  // gas left only shrinks: the sender is done
        offered_ = h;
        return h.tx;
    }
    return nullptr;
}

void Mempool::Packing::included() {
    if (!offered_) return;
    auto next = offered_->queue->txs.find(offered_->tx->nonce + 1);
    if (next != offered_->queue->txs.end()) heads_.push({&next->second, offered_->queue});
    offered_.reset();
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
