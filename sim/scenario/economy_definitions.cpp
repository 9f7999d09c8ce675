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
                            "replaces it first (needs devices >= 2), or it is recovered (recovery.share).")},
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

Node fiat_section() {
    return map({
        {"share", probability().def("0").doc(
                      "Per spend: denominated in the pricer rule's pay currency (hash_chain only). "
                      "0: the economy has no pricer rule, oracle or price worker.")},
        {"price", real().def("1").above(0).doc(
                      "The oracle's price at genesis: pay currency per OST (18 decimals).")},
        {"conversion_rate", real().def("1").above(0).doc("Tokens per OST (6 decimals).")},
        {"margin", real().def("0.01").at_least(0).doc(
                       "The rule's acceptance margin, pay currency per OST: a spend whose intended "
                       "price is further from the oracle's reverts (PriceOutsideMargin).")},
        {"update_every", duration().def("1min").at_least(0).doc(
                             "The price worker publishes a price this often (0s: only the genesis price).")},
        {"volatility", real().def("0").at_least(0).doc(
                           "Sigma of the log price's step at each update (a driftless random walk in "
                           "the log, from the worker's own stream).")},
        {"valid_blocks", integer().def("100").at_least(2).doc(
                             "A published price is valid until this many blocks past the head it was "
                             "sent at; after that spends revert with NoPrice until the next.")},
        {"quote_lag", duration().def("0s").at_least(0).doc(
                          "The user quotes the price its node's head chain showed this long before "
                          "the spend is sent (an app's price cache, a user reading before "
                          "confirming); 0s: the last price shown.")},
    }).doc("Fiat-denominated spends through the pricer rule (docs/workloads.md).");
}

Node recovery_section() {
    return map({
        {"share", probability().def("0").doc(
                      "Of device losses (session.lose_device): recovered through delayed recovery "
                      "with the recovery owner's key rather than replaced by another device (with "
                      "devices = 1 the only way). With share and reset 0, no recovery is set up at "
                      "genesis.")},
        {"delay", integer().def("100").at_least(50).doc(
                      "Blocks after the initiation's block before the execution may land (the "
                      "module's minimum is 50).")},
        {"abort", probability().def("0").doc(
                      "Of recoveries: the lost device turns up and aborts the recovery.")},
        {"early", probability().def("0").doc(
                      "Of recoveries: the relayer first tries to execute at once (RecoveryTooEarly), "
                      "then again after the delay.")},
        {"reset", probability().def("0").doc(
                      "Per session opened: the user first replaces its recovery owner's key (the "
                      "relayer's ResetRecoveryOwner, signed by the current owner).")},
    }).doc("Delayed recovery of lost devices, and resets of the recovery owner (docs/workloads.md).");
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
                               "Gas limit of an opening, revocation, device replacement, recovery "
                               "step or price update.")},
        {"timeout", duration().def("5min").above(0).doc(
                        "A transaction not in the chain this long after it was sent is given up, "
                        "and its session with it.")},
        {"arrivals", arrivals_section()},
        {"session", session_section()},
        {"misbehaviour", misbehaviour_section()},
        {"fiat", fiat_section()},
        {"recovery", recovery_section()},
    }).doc("A session-spending economy (docs/workloads.md): a token on a core, its users' "
           "accounts at genesis, and one driver for all of them.");
}

}  // namespace ostsim::scenario
