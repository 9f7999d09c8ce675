#include "cli/world_rows.hpp"

#include "cli/nodes_table.hpp"

namespace ostsim::cli {
namespace {

BlockRow block_row(std::size_t c, const world::BlockResult& b) {
    const core::Block& k = *b.block;
    return {static_cast<std::uint32_t>(c), k.meta.id.producer, k.meta.id.seq, k.meta.parent.producer,
            k.meta.parent.seq, k.meta.height, k.meta.timestamp, k.size_bytes, k.header.gas_used,
            static_cast<std::uint32_t>(k.txs.size()), b.main ? std::uint8_t{1} : std::uint8_t{0},
            b.reached, b.reach50, b.reach90, trace::text<67>(k.hash.hex()),
            trace::text<67>(k.header.state_root.hex())};
}

TxRow tx_row(std::size_t c, const world::TxResult& x) {
    return {static_cast<std::uint32_t>(c), x.node, trace::text<43>(x.tx->sender.hex()), x.tx->nonce,
            x.tx->submitted_ns, x.tx->gas_price, x.tx->gas_limit, static_cast<std::uint8_t>(x.status),
            x.included, x.height, x.final,
            trace::text<48>(x.status == world::TxResult::Rejected ? chain::to_string(x.reason)
                                                                  : std::string_view{})};
}

// The height of node 0's highest final block; 0 (genesis) if none.
std::uint64_t final_height(const world::World& w, std::size_t c) {
    const core::Node& observer = w.node(c, 0);
    return observer.finals().empty() ? 0 : observer.block(observer.finals().back().id).meta.height;
}

}  // namespace

WorldRows::WorldRows(trace::Writer& trace, const world::World& w, bool full, engine::Time series_every)
    : trace_(trace),
      world_(w),
      cores_(trace.table<CoreRow>(cores_spec())),
      blocks_(trace.table<BlockRow>(blocks_spec())),
      txs_(trace.table<TxRow>(txs_spec())),
      blocks_written_(w.core_count()),
      txs_written_(w.core_count()) {
    for (std::size_t c = 0; c < w.core_count(); ++c) txs_written_[c].resize(w.core(c).nodes());
    if (full) events_.emplace(trace, w);
    if (series_every > 0) series_.emplace(trace, w, series_every);
    if (w.overlay()) overlay_.emplace(trace, w);
    if (w.economy_count() > 0) workload_.emplace(trace, w);
}

void WorldRows::checkpoint(engine::Time reached) {
    for (std::size_t c = 0; c < world_.core_count(); ++c)
        append(c, world::core_result(world_, c, reached), true);
    if (overlay_) overlay_->append(false);
    if (workload_) workload_->append(false);
    trace_.checkpoint(reached);
}

void WorldRows::finish(std::size_t c, const world::CoreResult& r) {
    append(c, r, false);
    cores_.append({static_cast<std::uint32_t>(c), trace::text<32>(r.name), r.nodes, r.produced,
                   r.main, r.stale_rate, r.mean_interval_s, r.finality_delay_s, r.transactions,
                   r.reach50_median_s, r.reach90_median_s, r.reorgs, r.deepest_reorg});
}

void WorldRows::finish_actors() {
    if (overlay_) overlay_->append(true);
    if (workload_) workload_->append(true);
    write_nodes(world_, trace_);
}

void WorldRows::append(std::size_t c, const world::CoreResult& r, bool settled_only) {
    if (events_) events_->append(c);
    const std::uint64_t final = settled_only ? final_height(world_, c) : 0;
    for (const world::BlockResult& b : r.blocks) {
        const bool settled = b.reached == r.nodes && b.block->meta.height <= final;
        if ((settled_only && !settled) || !blocks_written_[c].insert(b.block->meta.id.key()).second)
            continue;
        blocks_.append(block_row(c, b));
    }
    // r.txs lists each node's submissions in order: the position within the node names one.
    std::vector<std::size_t> next(r.nodes, 0);
    for (const world::TxResult& x : r.txs) {
        std::vector<bool>& written = txs_written_[c][x.node];
        const std::size_t i = next[x.node]++;
        if (written.size() <= i) written.resize(i + 1, false);
        if (written[i] || (settled_only && x.status != world::TxResult::Final)) continue;
        written[i] = true;
        txs_.append(tx_row(c, x));
    }
}

}  // namespace ostsim::cli
