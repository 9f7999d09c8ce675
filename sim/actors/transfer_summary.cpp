#include "actors/transfer_summary.hpp"

#include <array>
#include <limits>

namespace ostsim::actors {
namespace {

struct Sums {
    double latency = 0, declare = 0, anchor = 0, confirm = 0, progress = 0, gas = 0;
    double revocation = 0, revocation_gas = 0;
};

double wei(const uint256& v) { return v.convert_to<double>(); }

double seconds(engine::Time t) { return static_cast<double>(t) / engine::kSecond; }

void close(FlowSummary& f, const Sums& s) {
    const double n = f.done > 0 ? static_cast<double>(f.done) : std::numeric_limits<double>::quiet_NaN();
    f.latency_s = s.latency / n;
    f.declare_s = s.declare / n;
    f.anchor_wait_s = s.anchor / n;
    f.confirm_s = s.confirm / n;
    f.progress_s = s.progress / n;
    f.gas_per_transfer = s.gas / n;
    const double r = f.revoked > 0 ? static_cast<double>(f.revoked) : std::numeric_limits<double>::quiet_NaN();
    f.revocation_s = s.revocation / r;
    f.gas_per_revocation = s.revocation_gas / r;
}

bool revocation_step(const StepRecord& s) {
    return s.by_user && s.step != StepKind::Declare && s.step != StepKind::Wrap && s.step != StepKind::Approve;
}

}  // namespace

TransferSummary summarize(const Facilitator& f) {
    // When each message's steps were seen final: the last of each kind (a message has one of
    // each, but progress has two).
    std::vector<std::array<engine::Time, kStepKinds>> seen(f.messages().size(), std::array<engine::Time, kStepKinds>{});
    std::vector<double> gas(f.messages().size(), 0), revocation_gas(f.messages().size(), 0);
    for (const StepRecord& s : f.steps()) {
        auto& t = seen[s.message][static_cast<std::size_t>(s.step)];
        t = std::max(t, s.seen);
        gas[s.message] += static_cast<double>(s.gas_used);
        if (revocation_step(s)) revocation_gas[s.message] += static_cast<double>(s.gas_used);
    }
    TransferSummary out;
    out.busy_arrivals = f.busy_arrivals();
    const Balances& b = f.balances();
    out.income.ost_earned = wei(b.origin_ost);
    out.income.origin_gas_cost = wei(b.origin_gas_cost);
    out.income.aux_gas_cost = wei(b.aux_gas_cost);
    // Its auxiliary balance moved by what it earned less the gas it paid there.
    out.income.ost_prime_earned = wei(b.aux_coin + b.aux_gas_cost - actor_coins());
    out.income.ost_prime_net = out.income.ost_prime_earned - out.income.aux_gas_cost;
    Sums sums[2];
    for (std::size_t i = 0; i < f.messages().size(); ++i) {
        const MessageRecord& m = f.messages()[i];
        const int k = m.flow == Flow::Stake ? 0 : 1;
        FlowSummary& flow = k == 0 ? out.stake : out.redeem;
        Sums& s = sums[k];
        if (m.phase == MessageRecord::Revoked) {
            ++flow.revoked;
            s.revocation += seconds(m.finished - m.revoking);
            s.revocation_gas += revocation_gas[i];
            flow.penalty_wei += wei(protocol::GatewayBase::penalty(f.bounty()));
            continue;
        }
        if (m.phase == MessageRecord::Failed) ++flow.failed;
        if (m.phase != MessageRecord::Done) {
            if (m.phase != MessageRecord::Failed) ++flow.in_flight;
            continue;
        }
        ++flow.done;
        flow.with_proof += m.with_proof;
        const auto& t = seen[i];
        auto at = [&](StepKind k2) { return t[static_cast<std::size_t>(k2)]; };
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
