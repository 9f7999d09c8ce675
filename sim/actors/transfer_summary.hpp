// What a facilitator's records say about its gateway pair: how many transfers completed, how long
// they took from the staker's (or redeemer's) intent to the last step final, where that time
// went step by step, and the gas they cost (every step's transactions, the reporters' excluded);
// how many were revoked, how long that took and what it cost; and what the facilitator earned.
#pragma once

#include <cstdint>

#include "actors/facilitator.hpp"

namespace ostsim::actors {

struct FlowSummary {
    std::uint64_t done = 0, failed = 0, in_flight = 0;
    std::uint64_t with_proof = 0;  // of the done: the target side progressed by proof
    std::uint64_t revoked = 0;     // revocations completed (progress revert final)
    // Means over the done messages, in seconds: intent to the last step final, and its parts -
    // the declaration final, then an anchor covering it seen, then the confirmation final, then
    // both progress steps final. NaN when none is done.
    double latency_s = 0, declare_s = 0, anchor_wait_s = 0, confirm_s = 0, progress_s = 0;
    double gas_per_transfer = 0;  // mean gas of a done message's transactions
    // Means over the revoked messages (NaN when none): from the user's decision to revoke to
    // its progress revert seen final; the gas of the user's revocation transactions (its own
    // proofs and confirmation, revert, confirm revert, progress revert).
    double revocation_s = 0, gas_per_revocation = 0;
    // Penalties the revoking users paid, 1.5 x bounty each (PROTOCOL.md 1.5 R1), in wei of OST
    // (stake) or OST Prime (redeem); the bounty the user had paid is burnt as well.
    double penalty_wei = 0;
};

// What the facilitator earned (bounties and rewards) and spent (gas of its own transactions),
// from its balances on each core's ledger at the last final block holding one of its
// transactions; wei as doubles.
struct Income {
    double ost_earned = 0;         // OST: stake bounties and unstake rewards
    double origin_gas_cost = 0;    // the origin's base coin
    double ost_prime_earned = 0;   // OST Prime (the auxiliary's base coin): redeem bounties, mint rewards
    double aux_gas_cost = 0;       // OST Prime
    double ost_prime_net = 0;      // earned - gas
};

struct TransferSummary {
    FlowSummary stake, redeem;
    std::uint64_t busy_arrivals = 0;
    Income income;
};

TransferSummary summarize(const Facilitator& f);

}  // namespace ostsim::actors
