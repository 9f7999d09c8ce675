#include "cli/event_rows.hpp"

namespace ostsim::cli {

const trace::TableSpec& arrivals_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "arrivals", "One row per block per node that has it, its producer included (level full)",
        sizeof(ArrivalRow),
        {column("core", &ArrivalRow::core, "", "core index"),
         column("node", &ArrivalRow::node, "", "the node's index in its core"),
         column("producer", &ArrivalRow::producer, "", "the block's producer"),
         column("seq", &ArrivalRow::seq, "", "the block's sequence number at its producer"),
         column("time", &ArrivalRow::time, "ns", "when the node had it (its production time at the producer)")}};
    return spec;
}

const trace::TableSpec& inclusions_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "inclusions", "One row per transaction per block holding it, stale blocks included (level full)",
        sizeof(InclusionRow),
        {column("core", &InclusionRow::core, "", "core index"),
         column("producer", &InclusionRow::producer, "", "the block's producer"),
         column("seq", &InclusionRow::seq, "", "the block's sequence number at its producer"),
         column("index", &InclusionRow::index, "", "position of the transaction in the block"),
         column("sender", &InclusionRow::sender, "", "sender address, 0x-hex"),
         column("nonce", &InclusionRow::nonce, "", "sender's nonce: (core, sender, nonce) names it in txs")}};
    return spec;
}

EventRows::EventRows(trace::Writer& trace, const world::World& w)
    : world_(w),
      arrivals_(trace.table<ArrivalRow>(arrivals_spec())),
      inclusions_(trace.table<InclusionRow>(inclusions_spec())),
      arrivals_done_(w.core_count()),
      produced_done_(w.core_count()) {
    for (std::size_t c = 0; c < w.core_count(); ++c) {
        arrivals_done_[c].assign(w.core(c).nodes(), 0);
        produced_done_[c].assign(w.core(c).nodes(), 0);
    }
}

void EventRows::append(std::size_t c) {
    const auto core = static_cast<std::uint32_t>(c);
    for (std::uint32_t n = 0; n < world_.core(c).nodes(); ++n) {
        const core::Node& node = world_.node(c, n);
        const auto& arrivals = node.arrivals();
        for (std::size_t& i = arrivals_done_[c][n]; i < arrivals.size(); ++i)
            arrivals_.append({core, n, arrivals[i].id.producer, arrivals[i].id.seq, arrivals[i].time});
        const auto& produced = node.produced();
        for (std::size_t& i = produced_done_[c][n]; i < produced.size(); ++i) {
            const core::Block& b = produced[i];
            for (std::size_t k = 0; k < b.txs.size(); ++k)
                inclusions_.append({core, b.meta.id.producer, b.meta.id.seq, static_cast<std::uint32_t>(k),
                                    trace::text<43>(b.txs[k].sender.hex()), b.txs[k].nonce});
        }
    }
}

}  // namespace ostsim::cli
