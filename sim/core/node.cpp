#include "core/node.hpp"

#include "core/participant.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "engine/partition.hpp"  // Context::send needs the partition it sends through
#include "eth/trie.hpp"

namespace ostsim::core {

Node::Node(Core& core, std::uint32_t index, std::unique_ptr<consensus::Rule> rule,
           std::uint64_t seed)
    : core_(&core),
      index_(index),
      rule_(std::move(rule)),
      rng_(seed, core.lp_of(index)),
      pool_(core.params().mempool),
      demand_(core.params().demand, core.demand_accounts(), index, core.nodes(),
              core.params().mempool.min_gas_price) {
    if (const net::Network* net = core.params().network) {
        if (core.params().direct_relay) direct_relay_.emplace(*net, index);
        else block_relay_.emplace(*net, index);
        if (core.params().tx_gossip) gossip_.emplace(*net, index);
    }
}

void Node::handle(engine::Context<Participant>& ctx, const engine::Event<NodeEvent>& ev) {
    ctx_ = &ctx;
    const NodeEvent& e = ev.payload;
    switch (e.kind) {
        case NodeEvent::Start:
            rule_->start(*this);
            if (demand_.active()) set_arrival();
            break;
        case NodeEvent::Timer: rule_->on_timer(*this, e.tag); break;
        case NodeEvent::Block: receive(e.block); break;
        case NodeEvent::Vote: rule_->on_vote(*this, e.vote); break;
        case NodeEvent::Arrival:
            submit();
            set_arrival();
            break;
        case NodeEvent::Tx:
            if (pool_.add(*e.tx) != chain::AddResult::Added) ++counters_.pool_refused;
            break;
        case NodeEvent::Relay: on_relay(e.relay); break;
        case NodeEvent::Submit: propagate(core_->tx(e.tag), e.tag); break;
        case NodeEvent::RemoteFinal: learn_final(e.finality); break;
        case NodeEvent::Head:
        case NodeEvent::Final: break;  // a client's kinds: nodes send them, never get them
    }
    ctx_ = nullptr;
}

engine::Time Node::now() const { return ctx_->now(); }

const consensus::BlockMeta& Node::meta(chain::BlockId id) const { return block(id).meta; }

void Node::set_timer(engine::Time delay, std::uint64_t tag) {
    ctx_->send(ctx_->self(), delay, NodeEvent::timer(tag));
}

void Node::set_arrival() {
    ctx_->send(ctx_->self(), demand_.next_gap(rng_), NodeEvent::arrival());
}

void Node::submit() {
    const TransferDemand& d = core_->params().demand;
    const std::uint64_t price = d.policy == PricePolicy::Oracle ? oracle_price() : 0;
    std::optional<chain::Transaction> tx = demand_.draw(rng_, now(), price);
    if (!tx) {
        ++counters_.priced_out;
        return;
    }
    ++counters_.submitted;
    const chain::Transaction& t = submitted_.emplace_back(*tx);
    // Unique per node and submission: the node's LP id above, its submission count below (a
    // client's ids are its own LP id's, so they never meet a node's).
    const std::uint64_t id = std::uint64_t{core_->lp_of(index_)} << 32 | counters_.submitted;
    if (gossip_) core_->publish(id, t);
    propagate(t, id);
}

void Node::propagate(const chain::Transaction& t, std::uint64_t id) {
    if (pool_.add(t) != chain::AddResult::Added) ++counters_.pool_refused;
    if (!core_->params().tx_gossip) return;  // known to this node only
    if (gossip_) {
        gossip_->announce(*this, id);
    } else {
        to_all_others(NodeEvent::of(&t));
    }
}

void Node::tell_watchers(const Block& b, NodeEvent::Kind kind) {
    for (const Watcher& w : core_->watchers()) {
        if (w.node == index_ && (kind == NodeEvent::Final || w.heads)) {
            ctx_->send(w.client, w.latency, NodeEvent::of(&b, kind));
        }
    }
}

void Node::learn_final(const NodeEvent::Finality& f) {
    for (protocol::RemoteFinality& known : remote_finalized_) {
        if (known.core == f.core) {
            known.height = std::max(known.height, f.height);
            return;
        }
    }
    remote_finalized_.push_back({f.core, f.height});
}

std::uint64_t Node::oracle_price() {
    const TransferDemand& d = core_->params().demand;
    if (oracle_.head_key == tree_.head().id.key()) return oracle_.price;
    oracle_.head_key = tree_.head().id.key();
    std::vector<std::uint64_t> lowest;
    for (chain::BlockId b = tree_.head().id; !(b == chain::kGenesis) && lowest.size() < d.oracle_blocks;
         b = tree_.block(b).parent) {
        const auto& txs = block(b).txs;
        if (txs.empty()) continue;
        lowest.push_back(std::min_element(txs.begin(), txs.end(), [](const auto& x, const auto& y) {
                             return x.gas_price < y.gas_price;
                         })->gas_price);
    }
    std::sort(lowest.begin(), lowest.end());
    oracle_.price = lowest.empty() ? 0 : lowest[(lowest.size() - 1) * d.oracle_percentile / 100];
    return oracle_.price;
}

chain::BlockId Node::produce(chain::BlockId parent, std::uint64_t weight, std::uint64_t seal,
                             bool withhold) {
    const Block& p = block(parent);
    const CoreParams& cp = core_->params();
    Block& b = produced_.emplace_back();
    b.meta = {chain::BlockId{index_, static_cast<std::uint32_t>(++counters_.produced)}, parent, p.meta.height + 1, now(),
              index_, weight, seal};
    const chain::Address producer = node_address(cp.id, index_);
    Execution x = [&] {  // the packing reads the pool, which changes only once it is done
        chain::Mempool::Packing packing = pool_.packing();
        return core_->ledger().execute(parent, b.meta.id, b.meta.height,
                                       static_cast<std::uint64_t>(b.meta.timestamp), producer,
                                       cp.block_reward, packing, cp.gas_limit, remote_finalized_);
    }();
    b.remote_finalized = remote_finalized_;
    for (const auto& [tx, why] : x.rejected) {  // the packing offered only ones that fit the gas left
        rejections_.push_back({tx.sender, tx.nonce, why, now()});
        pool_.drop(tx);
    }
    b.txs = std::move(x.included);
    b.receipts = std::move(x.receipts);
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
    core_->publish(b);
    accept(&b);
    if (!withhold) relay(&b);
    return b.meta.id;
}

void Node::publish(chain::BlockId id) { relay(&block(id)); }

void Node::broadcast(const consensus::Vote& vote) {
    to_all_others(NodeEvent::of(vote));
}

void Node::relay(const Block* b) {
    if (block_relay_) return block_relay_->announce(*this, b->meta.id, b->size_bytes);
    if (direct_relay_) return direct_relay_->announce(*this, b->meta.id, b->size_bytes);
    to_all_others(NodeEvent::of(b));
}

engine::Time Node::delay_to(std::uint32_t n) {
    const net::Network* net = core_->params().network;
    return net ? net->links().latency(index_, n, rng_) : core_->params().delay;
}

void Node::to_all_others(const NodeEvent& e) {
    for (std::uint32_t n = 0; n < core_->nodes(); ++n) {
        if (n != index_) ctx_->send(core_->lp_of(n), delay_to(n), e);
    }
}

void Node::send(net::NodeId to, engine::Time delay, const net::RelayMsg& msg) {
    ctx_->send(core_->lp_of(to), delay, NodeEvent::of(msg));
}

void Node::on_relay(const net::RelayMsg& msg) {
    if (msg.kind == net::RelayKind::tx) {
        if (auto id = gossip_->receive(*this, msg)) {
            if (pool_.add(core_->tx(*id)) != chain::AddResult::Added) ++counters_.pool_refused;
            gossip_->announce(*this, *id);
        }
        return;
    }
    const auto got = block_relay_ ? block_relay_->receive(*this, msg) : direct_relay_->receive(*this, msg);
    if (got) receive(&core_->block(got->key()));
}

void Node::receive(const Block* b) {
    // Known blocks are the tree's (no map of its own: a node of a large network holds every block).
    if (tree_.contains(b->meta.id)) return;
    if (!tree_.contains(b->meta.parent)) {  // validated once its parent is here
        waiting_.emplace(b->meta.parent.key(), b);
        return;
    }
    if (!take(b) || waiting_.empty()) return;  // usually none waits: no list is allocated
    std::vector<const Block*> todo;
    const auto children = [&](const Block* parent) {
        auto [lo, hi] = waiting_.equal_range(parent->meta.id.key());
        for (auto it = lo; it != hi; ++it) todo.push_back(it->second);
        waiting_.erase(lo, hi);
    };
    children(b);
    while (!todo.empty()) {
        const Block* next = todo.back();
        todo.pop_back();
        if (!tree_.contains(next->meta.id) && take(next)) children(next);
    }
}

bool Node::take(const Block* b) {
    if (!rule_->valid(*this, b->meta)) {
        ++counters_.invalid;  // its waiting descendants stay out too
        return false;
    }
    accept(b);
    if (block_relay_ || direct_relay_) relay(b);  // onward, once the rule accepted it
    return true;
}

void Node::accept(const Block* b) {
    const chain::BlockId old_head = tree_.head().id;
    const auto change = tree_.add(b->meta.id, b->meta.parent, b->meta.weight);
    // Its parent is here (receive, produce), so it joined alone: arrival i is tree_.joined(i).
    if (change.joined != 1) throw std::logic_error("Node::accept: a block joined out of order");
    arrival_times_.push_back(now());
    if (change.new_head) {
        if (change.reorg_depth > 0) {
            ++counters_.reorgs;
            counters_.deepest_reorg = std::max(counters_.deepest_reorg, change.reorg_depth);
        }
        head_moved(old_head);
    }
    rule_->on_block(*this, b->meta, change);
}

void Node::head_moved(chain::BlockId old_head) {
    if (tree_.head().parent == old_head) {  // the usual move: one block on top, none left
        const Block* top = &block(tree_.head().id);
        pool_.on_head_change({}, std::span(&top, 1));
        tell_watchers(*top, NodeEvent::Head);
        return;
    }
    std::vector<const Block*> left, joined;
    chain::BlockId a = old_head, b = tree_.head().id;
    while (tree_.block(b).height > tree_.block(a).height) {
        joined.push_back(&block(b));
        b = tree_.block(b).parent;
    }
    while (tree_.block(a).height > tree_.block(b).height) {
        left.push_back(&block(a));
        a = tree_.block(a).parent;
    }
    while (!(a == b)) {
        left.push_back(&block(a));
        joined.push_back(&block(b));
        a = tree_.block(a).parent;
        b = tree_.block(b).parent;
    }
    std::reverse(joined.begin(), joined.end());
    pool_.on_head_change(left, joined);
    for (const Block* j : joined) tell_watchers(*j, NodeEvent::Head);  // lowest first
}

void Node::finalize(chain::BlockId id) {
    // After a conflict this node's finality is broken: it is recorded once, not re-walked.
    if (counters_.conflicting_final > 0) return;
    const std::uint64_t height = tree_.block(id).height;
    const std::uint64_t done = final_times_.size();  // heights 1..done are final
    if (height == 0) return;
    if (height <= done) {
        if (!(tree_.ancestor(last_final_, height) == id)) ++counters_.conflicting_final;
        return;
    }
    if (done > 0 && !(tree_.ancestor(id, done) == last_final_)) {
        ++counters_.conflicting_final;
        return;
    }
    last_final_ = id;
    final_times_.resize(height, now());
    if (!core_->watchers().empty()) {
        for (std::uint64_t h = done + 1; h <= height; ++h) tell_watchers(block(tree_.ancestor(id, h)), NodeEvent::Final);
    }
    for (const Follower& f : core_->followers()) {
        if (f.node == index_) ctx_->send(f.follower, f.latency, NodeEvent::remote_final(core_->params().id, height));
    }
}

void Node::stalled(std::uint64_t, std::uint32_t) { ++counters_.stalls; }

}  // namespace ostsim::core
