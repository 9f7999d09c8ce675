#include "core/node.hpp"

#include <algorithm>

#include "engine/partition.hpp"  // Context::send needs the partition it sends through
#include "eth/trie.hpp"

namespace ostsim::core {

Node::Node(Core& core, std::uint32_t index, std::unique_ptr<consensus::Rule> rule,
           std::uint64_t seed)
    : core_(&core), index_(index), rule_(std::move(rule)), rng_(seed, core.lp_of(index)) {
    known_.emplace(chain::kGenesis.key(), &core.genesis());
}

void Node::handle(engine::Context<Node>& ctx, const engine::Event<NodeEvent>& ev) {
    ctx_ = &ctx;
    const NodeEvent& e = ev.payload;
    switch (e.kind) {
        case NodeEvent::Start: rule_->start(*this); break;
        case NodeEvent::Timer: rule_->on_timer(*this, e.tag); break;
        case NodeEvent::Block: receive(e.block); break;
        case NodeEvent::Vote: rule_->on_vote(*this, e.vote); break;
    }
    ctx_ = nullptr;
}

const consensus::BlockMeta& Node::meta(chain::BlockId id) const { return block(id).meta; }

void Node::set_timer(engine::Time delay, std::uint64_t tag) {
    ctx_->send(ctx_->self(), delay, NodeEvent{NodeEvent::Timer, tag, nullptr, {}});
}

chain::BlockId Node::produce(chain::BlockId parent, std::uint64_t weight, std::uint64_t seal,
                             bool withhold) {
    const Block& p = block(parent);
    const CoreParams& cp = core_->params();
    Block& b = produced_.emplace_back();
    b.meta = {chain::BlockId{index_, static_cast<std::uint32_t>(++counters_.produced)}, parent, p.meta.height + 1, now(),
              index_, weight, seal};
    const chain::Address producer = node_address(cp.id, index_);
    Execution x = core_->ledger().execute(parent, b.meta.id, producer, cp.block_reward, {},
                                          cp.gas_limit);
    b.txs = std::move(x.included);
    std::vector<chain::Hash> hashes;
    hashes.reserve(b.txs.size());
    std::uint64_t tx_bytes = 0;
    for (const auto& tx : b.txs) {
        hashes.push_back(tx.hash());
        tx_bytes += tx.size_bytes;
    }
    b.header = {p.hash, producer, x.state_root, chain::transactions_root(hashes),
                b.meta.height, cp.gas_limit, x.gas_used,
                static_cast<std::uint64_t>(b.meta.timestamp), {}};
    b.hash = b.header.hash();
    b.size_bytes = static_cast<std::uint32_t>(b.header.rlp().size() + tx_bytes + cp.filler_bytes);
    accept(&b);
    if (!withhold) relay(&b);
    return b.meta.id;
}

void Node::publish(chain::BlockId id) { relay(&block(id)); }

void Node::broadcast(const consensus::Vote& vote) {
    for (std::uint32_t n = 0; n < core_->nodes(); ++n) {
        if (n == index_) continue;
        ctx_->send(core_->lp_of(n), core_->params().delay,
                   NodeEvent{NodeEvent::Vote, 0, nullptr, vote});
    }
}

void Node::relay(const Block* b) {
    for (std::uint32_t n = 0; n < core_->nodes(); ++n) {
        if (n == index_) continue;
        ctx_->send(core_->lp_of(n), core_->params().delay, NodeEvent{NodeEvent::Block, 0, b, {}});
    }
}

void Node::receive(const Block* b) {
    if (known_.count(b->meta.id.key())) return;
    if (!known_.count(b->meta.parent.key())) {  // validated once its parent is here
        waiting_.emplace(b->meta.parent.key(), b);
        return;
    }
    std::vector<const Block*> todo{b};
    while (!todo.empty()) {
        const Block* next = todo.back();
        todo.pop_back();
        if (known_.count(next->meta.id.key())) continue;
        if (!rule_->valid(*this, next->meta)) {
            ++counters_.invalid;  // its waiting descendants stay out too
            continue;
        }
        accept(next);
        auto [lo, hi] = waiting_.equal_range(next->meta.id.key());
        for (auto it = lo; it != hi; ++it) todo.push_back(it->second);
        waiting_.erase(lo, hi);
    }
}

void Node::accept(const Block* b) {
    known_.emplace(b->meta.id.key(), b);
    arrivals_.push_back({b->meta.id, now()});
    const auto change = tree_.add(b->meta.id, b->meta.parent, b->meta.weight);
    if (change.new_head && change.reorg_depth > 0) {
        ++counters_.reorgs;
        counters_.deepest_reorg = std::max(counters_.deepest_reorg, change.reorg_depth);
    }
    rule_->on_block(*this, b->meta, change);
}

void Node::finalize(chain::BlockId id) {
    const std::uint64_t height = tree_.block(id).height;
    const std::uint64_t done = finals_.size();  // heights 1..done are final
    if (height == 0) return;
    if (height <= done) {
        if (!(finals_[height - 1].id == id)) ++counters_.conflicting_final;
        return;
    }
    if (done > 0 && !(tree_.ancestor(id, done) == finals_.back().id)) {
        ++counters_.conflicting_final;
        return;
    }
    const std::size_t first = finals_.size();
    for (chain::BlockId b = id; tree_.block(b).height > done; b = tree_.block(b).parent) {
        finals_.push_back({b, now()});
    }
    std::reverse(finals_.begin() + static_cast<std::ptrdiff_t>(first), finals_.end());
}

void Node::stalled(std::uint64_t, std::uint32_t) { ++counters_.stalls; }

}  // namespace ostsim::core
