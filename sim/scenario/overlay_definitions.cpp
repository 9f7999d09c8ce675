// The scenario section of the OST overlay: which cores are joined by gateway pairs, and the
// actors that drive them (docs/actors.md for the model behind each key).
#include "actors/gas_keys.hpp"
#include "scenario/definitions.hpp"

namespace ostsim::scenario {
namespace {

Node reporting_section() {
    return map({
        {"reporters", integer().def("1").at_least(1).at_most(2).doc(
                          "Reporters per direction of each pair: 1 (the organisation's owner) or "
                          "2 (and its admin); an Anchor admits only those keys.")},
        {"every", integer().def("1").at_least(1).doc(
                      "Anchor the heights that are multiples of this.")},
        {"final_only", boolean().def("true").doc(
                           "Anchor final blocks only; false: every new head (faster, but a root "
                           "a reorganisation drops stays anchored and proofs against it fail).")},
        {"pending_work", boolean().def("false").doc(
                             "Anchor only when some message waits for it: a height (of those the "
                             "rules above allow) at or above a block holding a declaration, a "
                             "revocation, a source-side progress the target has not matched, or a "
                             "target-side progress whose source was revoked first (reporters read "
                             "the gateway's calls in final blocks).")},
        {"delay", list(duration()).doc(
                      "Per reporter (owner, admin): added before it sends an anchoring (a slow "
                      "reporter). Missing entries: 0.")},
        {"offline", list(boolean()).doc(
                        "Per reporter (owner, admin): true never reports. Missing entries: false.")},
        {"anchor_rule", choice({"organization", "finalized"}).def("organization").doc(
                            "Who may anchor: `organization` (its owner and admin, as the deployed "
                            "m0 Anchor); `finalized` (Mosaic-1): only the target core's consensus "
                            "key, and only source heights the block's producer knows final - each "
                            "node of the target follows a node of the source. Needs reporters: 1.")},
        {"finality_latency", duration().def("50ms").above(0).doc(
                                 "Under anchor_rule finalized: how long after a source node holds a "
                                 "height final the target nodes that follow it know it (it bounds "
                                 "the engine's lookahead).")},
    }).doc("Reporters: they anchor each core's state roots on the other core of its pair.");
}

Node transfers_section() {
    return map({
        {"stakers", integer().def("16").at_least(1).doc(
                        "Stakers per pair, each with one message in flight at a time; staker i's "
                        "beneficiary on the auxiliary core is its redeemer.")},
        {"rate", real().def("0").at_least(0).doc(
                     "Stakes per second per pair, a Poisson process; an arrival for a staker "
                     "with a message in flight is dropped (counted).")},
        {"amount_min", amount().def("1 OST").doc("Least stake; stakes are uniform in [min, max].")},
        {"amount_max", amount().def("10 OST").doc("Largest stake.")},
        {"redeem_share", probability().def("0.5").doc(
                             "Share of completed mints whose beneficiary redeems half back.")},
        {"message_gas_price", amount().def("1 gwei").doc(
                                  "The messages' gasPrice: the facilitator's reward is its gas "
                                  "(at most message_gas_limit) at this price, taken from the amount.")},
        {"message_gas_limit", integer().def("0").at_least(0).doc(
                                  "The messages' gasLimit; 0: no reward. A stake must exceed "
                                  "gasPrice x gasLimit.")},
        {"facilitator_delay", duration().def("0s").at_least(0).doc(
                                  "Added before each step the facilitator takes (a slow facilitator).")},
        {"revoke_after", duration().def("0s").at_least(0).doc(
                             "A staker or redeemer whose message's source side is not progressed "
                             "this long after its declaration is final revokes it (revert, confirm "
                             "revert, progress revert; 1.5 x bounty penalty), racing any progress "
                             "in flight; one whose target side is not progressed this long after "
                             "its source side is progresses it with the public secret; 0s: never.")},
    }).doc("Stake & mint and redeem & unstake, run by one facilitator per pair for its stakers.");
}

Node facilitator_section() {
    return map({
        {"offline", list(boolean()).doc(
                        "Per pair (auxiliaries order): true takes no step from offline_after on - no "
                        "proof, confirmation or progress. Missing entries: false.")},
        {"offline_after", duration().def("0s").at_least(0).doc(
                              "When the offline facilitators stop (0s: from the start).")},
        {"withhold_secret", list(boolean()).doc(
                                "Per pair: true reveals the secret on the source side only, so the "
                                "target side completes by progressMintWithProof / "
                                "progressUnstakeWithProof. Missing entries: false.")},
    }).doc("How each pair's facilitator misbehaves (honest by default).");
}

// One key per fee of the contracts' gas schedule, its default the schedule's own.
Node gas_section() {
    const protocol::GasSchedule defaults{};
    std::vector<Field> fields;
    for (const actors::GasKey& k : actors::kGasKeys) {
        fields.push_back({std::string(k.name), integer()
                                                   .def(std::to_string(defaults.*k.member))
                                                   .at_least(k.name == "refund_quotient" ? 1 : 0)
                                                   .doc(std::string(k.doc))});
    }
    return map(std::move(fields)).doc(
        "The gas schedule of the overlay's contracts on every core of the overlay, in gas "
        "(docs/protocol.md, Gas schedule: Istanbul fees and three estimates).");
}

}  // namespace

Node overlay_schema() {
    return map({
        {"origin", string().req().doc("The origin core (it holds OST and the gateways).")},
        {"auxiliaries", list(string()).doc(
                            "Auxiliary cores, each joined to the origin by a gateway pair (its "
                            "CoGateway mints OST Prime).")},
        {"bounty", amount().def("100 wei").doc(
                       "Bounty per message: OST on the origin, OST Prime on an auxiliary (MC's "
                       "tool uses 100).")},
        {"anchor_ring", integer().def("100").at_least(1).doc(
                            "State roots an Anchor keeps before evicting the oldest (MC default 100).")},
        {"storage_root_ring", integer().def("100").at_least(1).doc(
                                  "Proven storage roots a gateway keeps.")},
        {"gas_price", amount().def("1 gwei").doc("Gas price of every actor transaction.")},
        {"latency", duration().def("50ms").above(0).doc(
                        "Between an actor and the node it uses on each core (it bounds the "
                        "engine's lookahead).")},
        {"node", integer().def("0").at_least(0).doc("The node of each core the actors use.")},
        {"reporting", reporting_section()},
        {"transfers", transfers_section()},
        {"facilitator", facilitator_section()},
        {"gas", gas_section()},
    }).opt().doc("The OST overlay (docs/actors.md): gateway pairs between the origin and "
                 "auxiliary cores, deployed at genesis, with reporters and facilitators. Its "
                 "cores need finality (facilitators act on final blocks). Absent: none.");
}

}  // namespace ostsim::scenario
