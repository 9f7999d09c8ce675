#include "workload/summary.hpp"

#include <algorithm>
#include <limits>

namespace ostsim::workload {

namespace {
double ratio(double a, std::uint64_t b) {
    return b ? a / static_cast<double>(b) : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

EconomySummary summarize(const EconomyDriver& d, engine::Time duration) {
    const EconomyCounts& k = d.counts();
    EconomySummary s;
    s.intents = k.intents;
    s.spends = k.spends;
    s.accepted = k.accepted;
    s.reverted = k.reverted;
    s.timed_out = k.timed_out;
    s.busy_dropped = k.busy_dropped;
    s.spends_per_second = duration > 0 ? static_cast<double>(k.accepted) / engine::to_seconds(duration) : 0;
    const std::uint64_t final_spends = k.accepted + k.reverted;
    s.rejection_rate = ratio(static_cast<double>(k.reverted + k.timed_out), final_spends + k.timed_out);
    s.inclusion_s = ratio(k.inclusion_s, final_spends);
    s.finality_s = ratio(k.finality_s, final_spends);
    s.gas_per_spend = ratio(static_cast<double>(k.spend_gas), final_spends);
    s.sessions = k.sessions;
    s.sessions_failed = k.sessions_failed;
    s.revocations = k.revocations;
    s.device_replacements = k.device_replacements;
    s.open_gas_per_session = ratio(static_cast<double>(k.open_gas), k.sessions);
    s.open_gas_per_spend = ratio(static_cast<double>(k.open_gas), k.accepted);
    s.tokens_moved = static_cast<double>(k.moved_micro) / 1e6;
    for (std::size_t r = 1; r < k.by_account.size(); ++r) {
        const auto a = static_cast<protocol::AccountRejection>(r);
        if (a == protocol::AccountRejection::TokenRejected) continue;
        if (k.by_account[r]) s.rejections.emplace_back(protocol::to_string(a), k.by_account[r]);
    }
    for (std::size_t r = 1; r < k.by_token.size(); ++r) {
        if (k.by_token[r]) s.rejections.emplace_back(protocol::to_string(static_cast<protocol::Rejection>(r)), k.by_token[r]);
    }
    if (k.timed_out) s.rejections.emplace_back("not included", k.timed_out);
    std::stable_sort(s.rejections.begin(), s.rejections.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return s;
}

}  // namespace ostsim::workload
