#include "cli/nodes_table.hpp"

#include <limits>

#include "net/network.hpp"

namespace ostsim::cli {

const trace::TableSpec& nodes_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "nodes", "One row per node of every core, at the end of the run", sizeof(NodeRow),
        {column("core", &NodeRow::core, "", "core index"),
         column("node", &NodeRow::node, "", "the node's index in its core"),
         column("region", &NodeRow::region, "",
                "index in its network's `regions`; 4294967295 for a core without a network"),
         column("degree", &NodeRow::degree, "nodes",
                "neighbours in its network; without one, every other node of the core"),
         column("compact", &NodeRow::compact, "", "1 if it relays compact blocks (BIP 152)"),
         column("produced", &NodeRow::produced, "blocks", "blocks it produced, stale ones included"),
         column("submitted", &NodeRow::submitted, "txs", "transactions its clients sent to it"),
         column("priced_out", &NodeRow::priced_out, "txs",
                "arrivals whose sender would not pay the oracle's price"),
         column("reorgs", &NodeRow::reorgs, "", "head changes that left blocks behind"),
         column("deepest_reorg", &NodeRow::deepest_reorg, "blocks", "deepest such change"),
         column("invalid", &NodeRow::invalid, "blocks", "blocks its consensus rule rejected"),
         column("stalls", &NodeRow::stalls, "", "rounds its rule reported without progress")}};
    return spec;
}

void write_nodes(const world::World& w, trace::Writer& trace) {
    trace::Table<NodeRow> rows = trace.table<NodeRow>(nodes_spec());
    for (std::size_t c = 0; c < w.core_count(); ++c) {
        const net::Network* network = w.network(c);
        const std::uint32_t n = w.core(c).nodes();
        for (std::uint32_t v = 0; v < n; ++v) {
            const core::NodeCounters& k = w.node(c, v).counters();
            rows.append({static_cast<std::uint32_t>(c), v,
                         network ? network->adjacency().region[v] : std::numeric_limits<std::uint32_t>::max(),
                         network ? static_cast<std::uint32_t>(network->adjacency().of(v).size()) : n - 1,
                         network && network->uses_compact(v) ? std::uint8_t{1} : std::uint8_t{0},
                         k.produced, k.submitted, k.priced_out, k.reorgs, k.deepest_reorg, k.invalid,
                         k.stalls});
        }
    }
}

}  // namespace ostsim::cli
