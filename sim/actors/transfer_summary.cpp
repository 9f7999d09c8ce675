#include "actors/transfer_summary.hpp"

#include <array>
#include <limits>

namespace ostsim::actors {
namespace {

struct Sums {
    double latency = 0, declare = 0, anchor = 0, confirm = 0, progress = 0, gas = 0;
};

double seconds(engine::Time t) { return static_cast<double>(t) / engine::kSecond; }

void close(FlowSummary& f, const Sums& s) {
    const double n = f.done > 0 ? static_cast<double>(f.done) : std::numeric_limits<double>::quiet_NaN();
    f.latency_s = s.latency / n;
    f.declare_s = s.declare / n;
    f.anchor_wait_s = s.anchor / n;
    f.confirm_s = s.confirm / n;
    f.progress_s = s.progress / n;
    f.gas_per_transfer = s.gas / n;
}

}  // namespace

TransferSummary summarize(const Facilitator& f) {
    // When each message's steps were seen final: the last of each kind (a message has one of
    // each, but progress has two).
    constexpr std::size_t kKinds = 8;
    std::vector<std::array<engine::Time, kKinds>> seen(f.messages().size(), std::array<engine::Time, kKinds>{});
    std::vector<double> gas(f.messages().size(), 0);
    for (const StepRecord& s : f.steps()) {
        auto& t = seen[s.message][static_cast<std::size_t>(s.step)];
        t = std::max(t, s.seen);
        gas[s.message] += static_cast<double>(s.gas_used);
    }
    TransferSummary out;
    out.busy_arrivals = f.busy_arrivals();
    Sums sums[2];
    for (std::size_t i = 0; i < f.messages().size(); ++i) {
        const MessageRecord& m = f.messages()[i];
        const int k = m.flow == Flow::Stake ? 0 : 1;
        FlowSummary& flow = k == 0 ? out.stake : out.redeem;
        if (m.phase == MessageRecord::Failed) ++flow.failed;
        if (m.phase != MessageRecord::Done) {
            if (m.phase != MessageRecord::Failed) ++flow.in_flight;
            continue;
        }
        ++flow.done;
        const auto& t = seen[i];
        auto at = [&](StepKind s) { return t[static_cast<std::size_t>(s)]; };
        Sums& s = sums[k];
        s.latency += seconds(m.finished - m.started);
        s.declare += seconds(at(StepKind::Declare) - m.started);
        s.anchor += seconds(at(StepKind::Anchor) - at(StepKind::Declare));
        s.confirm += seconds(at(StepKind::Confirm) - at(StepKind::Anchor));
        s.progress += seconds(m.finished - at(StepKind::Confirm));
        s.gas += gas[i];
    }
    close(out.stake, sums[0]);
    close(out.redeem, sums[1]);
    return out;
}

}  // namespace ostsim::actors
