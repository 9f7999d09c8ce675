// What a facilitator's records say about its gateway pair: how many transfers completed, how long
// they took from the staker's (or redeemer's) intent to the last step final, where that time
// went step by step, and the gas they cost (every step's transactions, the reporters' excluded).
#pragma once

#include <cstdint>

#include "actors/facilitator.hpp"

namespace ostsim::actors {

struct FlowSummary {
    std::uint64_t done = 0, failed = 0, in_flight = 0;
    // Means over the done messages, in seconds: intent to the last step final, and its parts -
    // the declaration final, then an anchor covering it seen, then the confirmation final, then
    // both progress steps final. NaN when none is done.
    double latency_s = 0, declare_s = 0, anchor_wait_s = 0, confirm_s = 0, progress_s = 0;
    double gas_per_transfer = 0;  // mean gas of a done message's transactions
};

struct TransferSummary {
    FlowSummary stake, redeem;
    std::uint64_t busy_arrivals = 0;
};

TransferSummary summarize(const Facilitator& f);

}  // namespace ostsim::actors
