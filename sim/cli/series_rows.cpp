#include "cli/series_rows.hpp"

#include "actors/facilitator.hpp"

namespace ostsim::cli {

const trace::TableSpec& core_series_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "series/cores", "One row per core per sample (every trace.series_every of the run)",
        sizeof(CoreSeriesRow),
        {column("time", &CoreSeriesRow::time, "ns", "the sample's simulated time"),
         column("core", &CoreSeriesRow::core, "", "core index"),
         column("head_height", &CoreSeriesRow::head_height, "blocks", "node 0's head"),
         column("final_height", &CoreSeriesRow::final_height, "blocks", "node 0's highest final block; 0: none"),
         column("txs", &CoreSeriesRow::txs, "txs", "transactions on node 0's chain, genesis to head"),
         column("gas_used", &CoreSeriesRow::gas_used, "gas", "their gas"),
         column("produced", &CoreSeriesRow::produced, "blocks", "blocks produced by all nodes, stale ones included"),
         column("submitted", &CoreSeriesRow::submitted, "txs", "transactions submitted through all nodes"),
         column("pending", &CoreSeriesRow::pending, "txs", "transactions in node 0's mempool")}};
    return spec;
}

const trace::TableSpec& economy_series_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "series/economies", "One row per economy per sample; counts as in the economy's summary",
        sizeof(EconomySeriesRow),
        {column("time", &EconomySeriesRow::time, "ns", "the sample's simulated time"),
         column("economy", &EconomySeriesRow::economy, "", "economy index, in scenario order"),
         column("intents", &EconomySeriesRow::intents, "", "spend intents drawn"),
         column("spends", &EconomySeriesRow::spends, "", "spend transactions sent"),
         column("accepted", &EconomySeriesRow::accepted, "", "spends final and accepted"),
         column("reverted", &EconomySeriesRow::reverted, "", "spends final and reverted"),
         column("not_included", &EconomySeriesRow::not_included, "", "spends given up after the timeout"),
         column("sessions", &EconomySeriesRow::sessions, "", "sessions opened"),
         column("sessions_failed", &EconomySeriesRow::sessions_failed, "", "openings that failed"),
         column("revocations", &EconomySeriesRow::revocations, "", "sessions revoked by a device")}};
    return spec;
}

const trace::TableSpec& overlay_series_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "series/overlay", "One row per gateway pair and flow per sample", sizeof(OverlaySeriesRow),
        {column("time", &OverlaySeriesRow::time, "ns", "the sample's simulated time"),
         column("pair", &OverlaySeriesRow::pair, "", "gateway pair, in overlay.auxiliaries order"),
         column("flow", &OverlaySeriesRow::flow, "", "stake or redeem"),
         column("started", &OverlaySeriesRow::started, "", "messages started"),
         column("done", &OverlaySeriesRow::done, "", "messages done (progressed both sides)"),
         column("failed", &OverlaySeriesRow::failed, "", "messages failed"),
         column("revoked", &OverlaySeriesRow::revoked, "",
                "messages revoked; in flight = started - done - failed - revoked")}};
    return spec;
}

const trace::TableSpec& engine_series_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "series/engine", "One row per sample", sizeof(EngineSeriesRow),
        {column("time", &EngineSeriesRow::time, "ns", "the sample's simulated time"),
         column("events", &EngineSeriesRow::events, "", "events committed, all LPs")}};
    return spec;
}

SeriesRows::SeriesRows(trace::Writer& trace, const world::World& w, engine::Time every)
    : world_(w),
      every_(every),
      next_(every),
      chains_(w.core_count()),
      cores_(trace.table<CoreSeriesRow>(core_series_spec())),
      engine_(trace.table<EngineSeriesRow>(engine_series_spec())) {
    if (w.economy_count() > 0) economies_ = trace.table<EconomySeriesRow>(economy_series_spec());
    if (w.overlay()) overlay_ = trace.table<OverlaySeriesRow>(overlay_series_spec());
}

void SeriesRows::sample_core(std::size_t c) {
    const core::Node& observer = world_.node(c, 0);
    const chain::BlockTree& tree = observer.tree();
    Chain& k = chains_[c];
    const chain::BlockTree::Block& head = tree.head();
    if (head.height < k.height || !(tree.ancestor(head.id, k.height) == k.head)) k = Chain{};
    for (chain::BlockId b = head.id; !(b == k.head); b = tree.block(b).parent) {
        const core::Block& blk = observer.block(b);
        k.txs += blk.txs.size();
        k.gas_used += blk.header.gas_used;
    }
    k.head = head.id;
    k.height = head.height;

    CoreSeriesRow row{next_, static_cast<std::uint32_t>(c), k.height, 0, k.txs, k.gas_used, 0, 0,
                      observer.pending()};
    if (!observer.finals().empty()) row.final_height = observer.block(observer.finals().back().id).meta.height;
    for (std::uint32_t v = 0; v < world_.core(c).nodes(); ++v) {
        const core::NodeCounters& n = world_.node(c, v).counters();
        row.produced += n.produced;
        row.submitted += n.submitted;
    }
    cores_.append(row);
}

void SeriesRows::sample(std::uint64_t events) {
    for (std::size_t c = 0; c < world_.core_count(); ++c) sample_core(c);
    for (std::uint32_t e = 0; e < world_.economy_count(); ++e) {
        const workload::EconomyCounts& n = world_.economy(e).counts();
        economies_.append({next_, e, n.intents, n.spends, n.accepted, n.reverted, n.timed_out, n.sessions,
                           n.sessions_failed, n.revocations});
    }
    for (std::size_t i = 0; i < world_.client_count(); ++i) {
        const auto* f = dynamic_cast<const actors::Facilitator*>(&world_.client(i));
        if (!f) continue;
        std::array<OverlaySeriesRow, 2> rows{};
        for (const actors::Flow flow : {actors::Flow::Stake, actors::Flow::Redeem}) {
            OverlaySeriesRow& r = rows[static_cast<std::size_t>(flow)];
            r.time = next_;
            r.pair = f->index();
            r.flow = trace::text<8>(to_string(flow));
        }
        for (const actors::MessageRecord& m : f->messages()) {
            OverlaySeriesRow& r = rows[static_cast<std::size_t>(m.flow)];
            ++r.started;
            r.done += m.phase == actors::MessageRecord::Done;
            r.failed += m.phase == actors::MessageRecord::Failed;
            r.revoked += m.phase == actors::MessageRecord::Revoked;
        }
        for (const OverlaySeriesRow& r : rows) overlay_.append(r);
    }
    engine_.append({next_, events});
    next_ += every_;
}

}  // namespace ostsim::cli
