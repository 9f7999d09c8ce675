// The scenario section of session-spending economies: per economy, its core, users and what they
// do (docs/workloads.md for the model behind each key). Token amounts are in the economy's token,
// which has 18 decimals as OST does: `10 OST` reads as 10 tokens.
#include "scenario/definitions.hpp"

namespace ostsim::scenario {
namespace {

Node arrivals_section() {
    return map({
        {"kind", choice({"poisson", "bursty", "diurnal"}).def("poisson").doc(
                     "Each user's spend intents: a Poisson process, a two-state Markov-modulated "
                     "Poisson process (bursts), or a Poisson process whose rate follows the day.")},
        {"per_hour", real().def("1").at_least(0).doc(
                         "Mean intents per user per hour over the long run (every kind).")},
        {"burst_factor", real().def("20").at_least(1).doc(
                             "bursty: the rate in a burst over the rate between bursts.")},
        {"burst_mean", duration().def("5min").above(0).doc("bursty: mean length of a burst.")},
        {"quiet_mean", duration().def("55min").above(0).doc("bursty: mean time between bursts.")},
        {"amplitude", probability().def("0.8").doc(
                          "diurnal: the rate is per_hour x (1 + amplitude cos(2 pi (t - peak) / 1 day)).")},
        {"peak", duration().def("18h").at_least(0).doc("diurnal: time of day of the highest rate.")},
    }).doc("When users want to spend; each user draws from its own random stream.");
}

Node session_section() {
    return map({
        {"model", choice({"hash_chain", "session_key"}).def("hash_chain").doc(
                      "hash_chain: the seed paper's sessions (a keccak256 pre-image per spend, "
                      "per-secret and per-session limits); session_key: PROTOCOL.md 3.1's keys "
                      "(a nonce and a per-transaction limit).")},
        {"secrets", integer().def("16").at_least(1).at_most(60000).doc(
                        "Spends per session: the hash chain's secrets (session_key: spends before "
                        "the user renews).")},
        {"secret_amount", amount().def("10 OST").doc("Most one spend may move (both models).")},
        {"session_amount", amount().def("100 OST").doc(
                               "hash_chain: the session's budget; may be below secrets x secret_amount.")},
        {"lifetime", duration().def("24h").at_least(0).doc(
                         "A session expires this long after it is opened (hash_chain: by block "
                         "time; session_key: in blocks at the interval seen); 0s: never.")},
        {"spends_per_window", integer().def("0").at_least(0).doc(
                                  "hash_chain frequency limit: at most this many spends per window "
                                  "(0: none).")},
        {"window_blocks", integer().def("1").at_least(1).doc("hash_chain: the window, in blocks.")},
        {"max_skip", integer().def("0").at_least(0).doc(
                         "hash_chain: pre-images a spend may skip (the contract hashes up to 1 + "
                         "max_skip times).")},
        {"end_when_budget_spent", boolean().def("true").doc(
                                      "hash_chain: spending the budget exactly ends the session.")},
        {"open_delay", duration().def("2s").at_least(0).doc(
                           "Off-chain steps before an opening is sent (the app server makes and "
                           "funds a key, a device approves the limits).")},
        {"revoke", probability().def("0").doc(
                       "Per session: a device revokes it halfway through its secrets.")},
        {"lose_device", probability().def("0").doc(
                            "Per session opened: the user lost device 0 and another device "
                            "replaces it first (needs devices >= 2).")},
    }).doc("Sessions: how they open, what limits them, how they end.");
}

Node misbehaviour_section() {
    return map({
        {"replay", probability().def("0").doc(
                       "Per spend: present the last accepted secret again (session_key: its nonce).")},
        {"over_limit", probability().def("0").doc("Per spend: ask for 1.5 x the per-spend limit.")},
        {"stale", probability().def("0").doc(
                      "Per spend: spend with the previous session (ended, expired or revoked).")},
        {"unfunded", probability().def("0").doc(
                         "Per session: the app server does not fund the key, so its spends "
                         "cannot pay for gas and never reach a block.")},
    }).doc("Misbehaving users, as probabilities.");
}

}  // namespace

Node economy_schema() {
    return map({
        {"core", string().req().doc("The core the economy's token and accounts live on.")},
        {"node", integer().def("0").at_least(0).doc("The node the app server and wallets use.")},
        {"latency", duration().def("50ms").above(0).doc(
                        "Between them and that node (it bounds the engine's lookahead).")},
        {"users", integer().def("1000").at_least(1).at_most(4000000000).doc(
                      "Users, each with a TokenHolder owned by its devices.")},
        {"merchants", integer().def("10").at_least(1).doc("Merchants the users pay, uniformly.")},
        {"relayers", integer().def("4").at_least(1).doc(
                         "App-server keys that send openings and fund session keys (user i uses i mod relayers).")},
        {"devices", integer().def("2").at_least(1).at_most(16).doc("Device keys per user (threshold 1).")},
        {"signatures", choice({"modeled", "ecdsa"}).def("modeled").doc(
                           "ecdsa: real secp256k1 signing and recovery; modeled: a signature is valid "
                           "iff made by the right key. Outcomes and gas are the same.")},
        {"balance", amount().def("10000 OST").doc("The token each user holds at genesis.")},
        {"amount_median", amount().def("1 OST").doc("Spend amounts: log-normal with this median ...")},
        {"amount_sigma", real().def("1").at_least(0).doc("... and this sigma of the log.")},
        {"gas_price", amount().def("1 gwei").doc("Gas price of every transaction of the economy.")},
        {"spend_gas_limit", integer().def("250000").at_least(21000).doc(
                                "Gas limit of a spend (a first spend uses about 140,000).")},
        {"open_gas_limit", integer().def("300000").at_least(21000).doc(
                               "Gas limit of an opening, revocation or device replacement.")},
        {"timeout", duration().def("5min").above(0).doc(
                        "A transaction not in the chain this long after it was sent is given up, "
                        "and its session with it.")},
        {"arrivals", arrivals_section()},
        {"session", session_section()},
        {"misbehaviour", misbehaviour_section()},
    }).doc("A session-spending economy (docs/workloads.md): a token on a core, its users' "
           "accounts at genesis, and one driver for all of them.");
}

}  // namespace ostsim::scenario
