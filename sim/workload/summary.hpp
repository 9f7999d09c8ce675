// What an economy's run says about its spending, as the summary reports it: throughput, latency
// from intent to inclusion and to finality, rejection rates by reason, the gas of a spend, and
// the cost of opening sessions amortised over their spends.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "workload/economy_driver.hpp"

namespace ostsim::workload {

struct EconomySummary {
    std::uint64_t intents = 0, spends = 0, accepted = 0, reverted = 0, timed_out = 0, busy_dropped = 0;
    double spends_per_second = 0;  // accepted, final, per second of the run
    double rejection_rate = 0;     // (reverted + timed out) / spends that ended; NaN if none
    // Means over the final spends, from the intent (NaN if none).
    double inclusion_s = 0, finality_s = 0;
    double gas_per_spend = 0;      // mean gas of a final spend
    std::uint64_t sessions = 0, sessions_failed = 0, revocations = 0, device_replacements = 0;
    double open_gas_per_session = 0;  // funding, opening and replacements, per opened session
    double open_gas_per_spend = 0;    // the same amortised over the accepted spends
    double tokens_moved = 0;          // by accepted spends, in tokens
    // Spends that did not go through, by reason (the contract's, or "not included"), largest first.
    std::vector<std::pair<std::string, std::uint64_t>> rejections;
};

EconomySummary summarize(const EconomyDriver& d, engine::Time duration);

}  // namespace ostsim::workload
