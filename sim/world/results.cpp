#include "world/results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace ostsim::world {
namespace {

double seconds(engine::Time t) { return engine::to_seconds(t); }

double median(std::vector<double> v) {
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// The k-th smallest of v (0-based), found among v[from..] (all below `from` are at most it).
engine::Time kth(std::vector<engine::Time>& v, std::size_t from, std::size_t k) {
    const auto at = [&](std::size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
    if (k < from) from = 0;
    std::nth_element(at(from), at(k), v.end());
    return v[k];
}

using TxKey = std::pair<chain::Address, std::uint64_t>;  // (sender, nonce)
struct TxKeyHash {
    std::size_t operator()(const TxKey& k) const {
        return std::hash<chain::Address>{}(k.first) ^ (k.second * 0x9e3779b97f4a7c15ULL);
    }
};
// Hashed, not ordered: checkpoints build these maps over the whole run each time, and ordered
// maps of 20-byte keys cost most of a checkpoint in comparisons.
template <typename V>
using TxMap = std::unordered_map<TxKey, V, TxKeyHash>;

void transfers(const World& world, std::size_t c, CoreResult& r) {
    const core::Core& core = world.core(c);
    const core::Node& observer = world.node(c, 0);
    std::unordered_map<std::uint64_t, engine::Time> final_at;
    for (const core::Arrival& f : observer.finals()) final_at[f.id.key()] = f.time;
    TxMap<const core::Block*> in_block;
    for (const BlockResult& b : r.blocks)
        if (b.main)
            for (const auto& tx : b.block->txs) in_block[{tx.sender, tx.nonce}] = b.block;
    TxMap<chain::Rejection> rejected;
    for (std::uint32_t n = 0; n < core.nodes(); ++n)
        for (const core::TxRejection& x : world.node(c, n).rejections())
            rejected[{x.sender, x.nonce}] = x.reason;

    TransferResult& t = r.transfers;
    double delay_sum = 0, price_sum = 0;
    for (std::uint32_t n = 0; n < core.nodes(); ++n) {
        const core::Node& node = world.node(c, n);
        t.priced_out += node.counters().priced_out;
        for (const chain::Transaction& tx : node.submitted()) {
            TxResult x{&tx, n};
            const TxKey key{tx.sender, tx.nonce};
            if (auto it = in_block.find(key); it != in_block.end()) {
                x.status = TxResult::Included;
                x.included = it->second->meta.timestamp;
                x.height = it->second->meta.height;
                delay_sum += seconds(x.included - tx.submitted_ns);
                price_sum += static_cast<double>(tx.gas_price) / 1e9;
                ++t.included;
                if (auto f = final_at.find(it->second->meta.id.key()); f != final_at.end()) {
                    x.final = f->second;
                    x.status = TxResult::Final;
                    ++t.final;
                }
            } else if (auto j = rejected.find(key); j != rejected.end()) {
                x.status = TxResult::Rejected;
                x.reason = j->second;
                ++t.rejected;
            } else {
                ++t.pending;
            }
            r.txs.push_back(x);
        }
    }
    t.submitted = r.txs.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    t.inclusion_delay_s = t.included ? delay_sum / static_cast<double>(t.included) : nan;
    t.mean_price_gwei = t.included ? price_sum / static_cast<double>(t.included) : nan;
}

}  // namespace

CoreResult core_result(const World& world, std::size_t c, engine::Time reached) {
    const core::Core& core = world.core(c);
    CoreResult r;
    r.name = core.params().name;
    r.nodes = core.nodes();

    // Arrival times of each block over all nodes: a slot per block, sized for every node, so
    // that a checkpoint (run every 10 % of a run) neither rehashes nor regrows per arrival.
    // Nodes mostly learn blocks in one order, so the slot of a node's i-th arrival is looked
    // for first where the previous node's i-th arrival went, and hashed only when that misses
    // (the hashed lookup per arrival was 3 % of the SimBlock benchmark; docs/performance.md).
    std::unordered_map<std::uint64_t, std::uint32_t> slot_of;
    std::vector<std::vector<engine::Time>> arrivals;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> guess;  // by arrival index: key, slot
    for (std::uint32_t n = 0; n < core.nodes(); ++n) {
        const core::Node& node = world.node(c, n);
        std::size_t i = 0;
        for (const core::Arrival& a : node.arrivals()) {
            const std::uint64_t key = a.id.key();
            if (i == guess.size()) guess.emplace_back(~key, 0);
            if (guess[i].first != key) {
                const auto slot = static_cast<std::uint32_t>(arrivals.size());
                const auto [it, added] = slot_of.try_emplace(key, slot);
                if (added) arrivals.emplace_back().reserve(core.nodes());
                guess[i] = {key, it->second};
            }
            arrivals[guess[i++].second].push_back(a.time);
        }
        const core::NodeCounters& k = node.counters();
        r.reorgs += k.reorgs;
        r.deepest_reorg = std::max(r.deepest_reorg, k.deepest_reorg);
        r.invalid += k.invalid;
        r.stalls += k.stalls;
        r.conflicting_final += k.conflicting_final;
    }

    const core::Node& observer = world.node(c, 0);
    const chain::BlockTree& tree = observer.tree();
    std::unordered_set<std::uint64_t> main;
    engine::Time first = -1, last = -1;
    for (chain::BlockId b = tree.head().id; !(b == chain::kGenesis); b = tree.block(b).parent) {
        main.insert(b.key());
        const core::Block& blk = observer.block(b);
        r.transactions += blk.txs.size();
        if (last < 0) last = blk.meta.timestamp;
        first = blk.meta.timestamp;
    }
    r.main = main.size();
    if (r.main > 1) r.mean_interval_s = seconds(last - first) / static_cast<double>(r.main - 1);
    r.throughput_tps = reached > 0 ? static_cast<double>(r.transactions) / seconds(reached) : 0;

    double delay_sum = 0;
    for (const core::Arrival& f : observer.finals()) {
        delay_sum += seconds(f.time - observer.block(f.id).meta.timestamp);
    }
    r.final_blocks = observer.finals().size();
    r.finality_delay_s = r.final_blocks ? delay_sum / static_cast<double>(r.final_blocks)
                                        : std::numeric_limits<double>::quiet_NaN();

    std::vector<double> t50, t90;
    const auto half = (core.nodes() + 1) / 2;
    const auto ninety = static_cast<std::uint32_t>(std::ceil(0.9 * core.nodes()));
    for (std::uint32_t n = 0; n < core.nodes(); ++n) {
        for (const core::Block& b : world.node(c, n).produced()) {
            BlockResult br{&b, main.count(b.meta.id.key()) != 0};
            const auto slot = slot_of.find(b.meta.id.key());
            std::vector<engine::Time> none;
            std::vector<engine::Time>& times = slot == slot_of.end() ? none : arrivals[slot->second];
            br.reached = static_cast<std::uint32_t>(times.size());
            // Order statistics by selection, not a sort (O(n)): half <= ninety, so the second
            // selection looks only above the first.
            if (br.reached >= half && half > 0) br.reach50 = kth(times, 0, half - 1) - b.meta.timestamp;
            if (br.reached >= ninety && ninety > 0) {
                br.reach90 = kth(times, half > 0 && br.reached >= half ? half : 0, ninety - 1) - b.meta.timestamp;
            }
            if (br.reach50 >= 0) t50.push_back(seconds(br.reach50));
            if (br.reach90 >= 0) t90.push_back(seconds(br.reach90));
            r.blocks.push_back(br);
        }
    }
    r.produced = r.blocks.size();
    r.stale_rate = r.produced ? static_cast<double>(r.produced - r.main) /
                                    static_cast<double>(r.produced)
                              : 0;
    r.reach50_median_s = median(std::move(t50));
    r.reach90_median_s = median(std::move(t90));
    transfers(world, c, r);
    return r;
}

}  // namespace ostsim::world
