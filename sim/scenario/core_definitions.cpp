// The scenario section of cores (networks: network_definitions.cpp).
#include "scenario/definitions.hpp"

namespace ostsim::scenario {

Node core_schema() {
    Node consensus = map({
        {"rule", choice({"pow", "clique", "bft", "ffg"}).def("pow").doc(
                     "The consensus rule (docs/consensus.md): `pow` (Nakamoto proof of work), "
                     "`clique` (geth's proof of authority, as OST's auxiliary chains ran it), "
                     "`bft` (Tendermint-style rounds, instant finality), `ffg` (clique blocks "
                     "with Casper-FFG checkpoints, Mosaic's design).")},
        {"block_time", duration().def("15s").above(0).doc(
                           "pow: mean time between blocks of the whole network; clique and "
                           "ffg: the period between blocks; bft: the commit timeout between "
                           "heights (Tendermint's timeout_commit).")},
        {"confirmations", integer().def("6").at_least(0).doc(
                              "pow and clique: a block is final this many blocks deep (clique: "
                              "0 means never).")},
        {"miners", integer().opt().at_least(1).doc(
                       "pow: the first this many nodes mine, with equal shares of the hash "
                       "power. Absent: every node.")},
        {"validators", integer().opt().at_least(1).doc(
                           "clique, bft, ffg: the first this many nodes are signers or "
                           "validators, with equal power. Absent: every node.")},
        {"offline", integer().def("0").at_least(0).doc(
                        "How many of the miners or validators (the last ones) are offline: "
                        "they never produce nor vote.")},
        {"epoch_length", integer().def("100").at_least(1).doc(
                             "ffg: blocks per checkpoint epoch (Mosaic-1's EPOCH_LENGTH).")},
        {"slow", integer().def("0").at_least(0).doc(
                     "clique, bft, ffg: how many validators (the last ones before the offline "
                     "ones) seal and vote `slow_delay` late.")},
        {"slow_delay", duration().def("1s").at_least(0).doc("How late the slow validators are.")},
        {"equivocating", integer().def("0").at_least(0).doc(
                             "clique, bft, ffg: how many validators (the last ones before the "
                             "slow ones) sign two conflicting blocks or votes where one is "
                             "allowed.")},
    }).doc("Who produces blocks, when, and when they are final.");
    Node adversary = map({
        {"kind", choice({"none", "selfish", "double_spend"}).def("none").doc(
                     "pow: node 0 mines against the others. `selfish`: Eyal and Sirer's "
                     "selfish mining; `double_spend`: a private branch from before a payment, "
                     "released when longer after `confirmations` (docs/consensus.md).")},
        {"share", probability().def("0.3").doc(
                      "The attacker's share of the hash power (alpha, or q); the other miners "
                      "share the rest equally.")},
        {"gamma", probability().def("0").doc(
                      "selfish: the share of honest miners that mine on the attacker's block "
                      "in a tie (the first ones); 0 leaves ties to the network.")},
        {"confirmations", integer().def("6").at_least(1).doc(
                              "double_spend: the merchant's confirmations z.")},
        {"premine", boolean().def("true").doc(
                        "double_spend: the attacker starts each attack with a block in hand "
                        "(Rosenfeld's setting).")},
        {"give_up_behind", integer().def("0").at_least(0).doc(
                               "double_spend: abandon when the honest branch leads by this "
                               "many blocks; 0: never.")},
        {"horizon", integer().def("0").at_least(0).doc(
                        "double_spend: abandon when the honest branch has this many blocks "
                        "past the fork; 0: no horizon.")},
    }).doc("A mining adversary on a pow core.");
    Node transfers = map({
        {"accounts", integer().def("0").at_least(0).doc(
                         "Funded accounts that send value to each other; 0: no transfers.")},
        {"balance", amount().def("1000 OST").doc("Each account's balance at genesis.")},
        {"rate", real().def("0").at_least(0).doc(
                     "Transfers per second over the whole core (a Poisson process).")},
        {"value", amount().def("0.01 OST").doc("Value of each transfer.")},
        {"price_policy", choice({"fixed", "lognormal", "oracle"}).def("fixed").doc(
                             "How senders bid: `fixed` at `gas_price`; `lognormal` around it; "
                             "`oracle` log-normally around geth's gas price oracle (60th "
                             "percentile of the cheapest prices of the last 20 blocks), not "
                             "sending when the bid exceeds their valuation (log-normal around "
                             "`valuation_spread` x `gas_price`).")},
        {"gas_price", amount().def("1 gwei").above(0).doc("Price per gas (median for `lognormal`).")},
        {"price_sigma", real().def("0.5").at_least(0).doc(
                            "Log-standard deviation of prices (`lognormal`) and valuations "
                            "(`oracle`).")},
        {"valuation_spread", real().def("4").above(0).doc(
                                 "`oracle`: median valuation as a multiple of `gas_price`.")},
        {"mempool", integer().def("100000").at_least(1).doc(
                        "Pending transactions each node keeps; the cheapest go first.")},
        {"min_gas_price", amount().def("1 gwei").doc(
                              "Nodes refuse bids below this (geth's miner default until "
                              "v1.10); senders never bid less.")},
    }).doc("Value transfers between funded accounts: the core's background demand.");
    return map({
        {"network", string().req().doc("The network (a key of `networks`) its nodes use.")},
        {"nodes", integer().def("4").at_least(1).doc("Nodes that follow this core.")},
        {"consensus", std::move(consensus)},
        {"adversary", std::move(adversary)},
        {"gas_limit", gas().def("8e6 gas").above(0).doc("Gas per block.")},
        {"block_reward", amount().def("0 OST").doc("Paid to each block's producer.")},
        {"block_fill", size().def("0 B").doc(
                           "Bytes each block declares beyond its header and transactions, for "
                           "networks studied without a transaction workload (SimBlock's 535 kB "
                           "Bitcoin blocks).")},
        {"transfers", std::move(transfers)},
    }).doc("One core: a blockchain with its consensus rule and nodes.");
}

}  // namespace ostsim::scenario
