// The scenario section of networks: how the nodes of the cores on a network reach each other
// (docs/net.md for the model behind each key). A network is a recipe: each core that names it
// gets its own instance, built for the core's node count from the scenario seed.
#include "scenario/definitions.hpp"

namespace ostsim::scenario {
namespace {

Node topology_section() {
    return map({
        {"kind", choice({"complete", "random_regular", "small_world", "scale_free", "region_based",
                         "graphml", "edge_list"})
                     .def("complete")
                     .doc("`complete`: every node reaches every other after `delay` (no graph, no "
                          "bandwidth: the network of the fork law). Generated graphs, one node "
                          "per core node: `random_regular` (uses `degree`), `small_world` "
                          "(Watts-Strogatz: `degree`, `rewire`), `scale_free` (Barabasi-Albert: "
                          "`attach`), `region_based` (SimBlock's Bitcoin construction: region "
                          "`share`s, `outbound_cdf`, `max_inbound`). Loaded: `graphml`, "
                          "`edge_list` (`file`; its node count must equal the core's).")},
        {"degree", integer().opt().at_least(1).doc(
                       "random_regular: every node's degree; small_world: the ring lattice's "
                       "degree (even).")},
        {"rewire", probability().opt().doc(
                       "small_world: probability that a lattice edge is rewired.")},
        {"attach", integer().opt().at_least(1).doc(
                       "scale_free: links each new node makes to existing ones.")},
        {"outbound_cdf", list(probability()).doc(
                             "region_based: P(outbound links <= k) for k = 1, 2, ...; the last "
                             "value is 1 (Bitcoin's: Miller et al. 2015).")},
        {"max_inbound", integer().def("0").at_least(0).doc(
                            "region_based: inbound links a node accepts; 0: no cap "
                            "(SimBlock's; Bitcoin Core allows 117).")},
        {"assignment", choice({"stratified", "independent", "file"}).opt().doc(
                           "How nodes get regions (and, region_based, outbound counts): "
                           "`stratified` (counts follow the shares to within one node, shuffled; "
                           "SimBlock's), `independent` (a draw per node), `file` (graphml's "
                           "`region` node attribute; edge lists have none, so every node is in "
                           "the first region). Absent: `file` for loaded graphs, else "
                           "`stratified`.")},
        {"file", string().opt().doc(
                     "graphml, edge_list: the topology file, relative to the scenario file that "
                     "names it.")},
    }).doc("Who is linked to whom.");
}

Node region_item() {
    return map({
        {"name", string().req().doc("The region's name, e.g. `NORTH_AMERICA`.")},
        {"share", probability().def("1").doc(
                      "Fraction of the nodes in this region; the shares sum to 1.")},
        {"upload", bandwidth().req().above(0).doc("Upload bandwidth of its nodes.")},
        {"download", bandwidth().req().above(0).doc("Download bandwidth of its nodes.")},
    }).doc("One region: where nodes sit, and their bandwidth.");
}

Node jitter_section() {
    return map({
        {"law", choice({"none", "pareto", "uniform", "lognormal"}).def("none").doc(
                    "How one message's latency varies around its link's mean m (every law has "
                    "mean m): `none` (m exactly), `pareto` (SimBlock's: shape 0.2 m, scale m - 5 "
                    "ms, whole milliseconds; needs m > 5 ms), `uniform` (on m (1 +- spread)), "
                    "`lognormal` (coefficient of variation `spread`).")},
        {"spread", real().def("0").at_least(0).doc(
                       "uniform: the half-width as a fraction of m (at most 1); lognormal: the "
                       "coefficient of variation (> 0).")},
    }).doc("The latency distribution of one message.");
}

Node relay_section() {
    Node compact = map({
        {"enabled", boolean().def("false").doc(
                        "Compact-block relay (BIP 152, as SimBlock models it): a transfer is "
                        "the compact block when both ends use them.")},
        {"size", size().def("18 kB").above(0).doc("Size of a compact block.")},
        {"usage_rate", probability().def("0.964").doc("Share of nodes that use compact blocks.")},
        {"churn_rate", probability().def("0.976").doc("Share of churn (less reliable) nodes.")},
        {"failure_control", probability().def("0.13").doc(
                                "P(a control node cannot rebuild a compact block); it then asks "
                                "for the full block.")},
        {"failure_churn", probability().def("0.27").doc("The same for a churn node.")},
    }).doc("Compact blocks (mode `announce` only); defaults: SimBlock's Bitcoin figures.");
    return map({
        {"mode", choice({"announce", "direct"}).def("announce").doc(
                     "`announce`: Bitcoin's announce (inv) / request (getdata) / transfer, one "
                     "transfer at a time per sender, taking size / min(upload, download); "
                     "`direct`: the full block is pushed to every neighbour, arriving one latency "
                     "later (no bandwidth, no queue).")},
        {"processing", duration().def("0s").at_least(0).doc(
                           "Added to each block transmission (SimBlock: 2 ms).")},
        {"sender_busy_until_arrival", boolean().def("false").doc(
                                          "A sender starts its next transfer only when the "
                                          "previous block has arrived (SimBlock), not when its "
                                          "bits are sent.")},
        {"small_message_extra", duration().def("10ms").at_least(0).doc(
                                    "Added to the latency of small messages (inv, getdata, "
                                    "transaction ids; SimBlock's 10 ms).")},
        {"compact", std::move(compact)},
    }).doc("How blocks travel over the graph (transactions: `tx_gossip`).");
}

}  // namespace

Node network_schema() {
    return map({
        {"delay", duration().def("100ms").above(0).doc(
                      "topology `complete`: every block, transaction and vote reaches every "
                      "other node of a core after this delay.")},
        {"topology", topology_section()},
        {"regions", list(region_item()).doc(
                        "Graph topologies: the regions, at least one; the latency matrix's "
                        "rows and columns follow this order.")},
        {"latency", list(list(duration())).doc(
                        "Graph topologies: mean one-way latency from region i (row) to region "
                        "j (column), a square matrix of the regions' size.")},
        {"jitter", jitter_section()},
        {"relay", relay_section()},
        {"tx_gossip", boolean().def("true").doc(
                          "Whether nodes pass transactions on. `true`: every node gets each "
                          "transaction (graph topologies: a node floods the id of a transaction "
                          "it accepts to its neighbours, each copy a small message; `complete`: "
                          "after `delay`). `false`: only the node a transaction was submitted "
                          "to knows it, so only that node's blocks can include it.")},
    }).doc("One network: how the nodes of the cores on it reach each other.");
}

}  // namespace ostsim::scenario
