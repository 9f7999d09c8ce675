// The scenario sections of cores and the networks their nodes talk over.
#include "scenario/definitions.hpp"

namespace ostsim::scenario {

Node network_schema() {
    return map({
        {"delay", duration().def("100ms").above(0).doc(
                      "Every block and vote reaches every other node of a core after this "
                      "delay (a complete network with one fixed latency, the network of the "
                      "fork law).")},
    }).doc("One network: how the nodes of the cores on it reach each other.");
}

Node core_schema() {
    Node consensus = map({
        {"rule", choice({"pow"}).def("pow").doc(
                     "The consensus rule: `pow` (Nakamoto proof of work, docs/consensus.md).")},
        {"block_time", duration().def("15s").above(0).doc(
                           "pow: mean time between blocks of the whole network.")},
        {"confirmations", integer().def("6").at_least(0).doc(
                              "pow: a block is final this many blocks deep.")},
        {"miners", integer().opt().at_least(1).doc(
                       "pow: the first this many nodes mine, with equal shares of the hash "
                       "power. Absent: every node.")},
    }).doc("Who produces blocks, when, and when they are final.");
    return map({
        {"network", string().req().doc("The network (a key of `networks`) its nodes use.")},
        {"nodes", integer().def("4").at_least(1).doc("Nodes that follow this core.")},
        {"consensus", std::move(consensus)},
        {"gas_limit", gas().def("8e6 gas").above(0).doc("Gas per block.")},
        {"block_reward", amount().def("0 OST").doc("Paid to each block's producer.")},
        {"block_fill", size().def("0 B").doc(
                           "Bytes each block declares beyond its header and transactions, for "
                           "networks studied without a transaction workload (SimBlock's 535 kB "
                           "Bitcoin blocks).")},
    }).doc("One core: a blockchain with its consensus rule and nodes.");
}

}  // namespace ostsim::scenario
