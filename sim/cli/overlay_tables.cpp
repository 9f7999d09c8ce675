#include "cli/overlay_tables.hpp"

#include "actors/facilitator.hpp"
#include "actors/reporter.hpp"

namespace ostsim::cli {
namespace {

std::array<char, 48> reverted_text(protocol::Rejection r) {
    return trace::text<48>(r == protocol::Rejection::None ? std::string_view{} : protocol::to_string(r));
}

std::string_view phase_name(actors::MessageRecord::Phase p) {
    switch (p) {
        case actors::MessageRecord::Declaring: return "declaring";
        case actors::MessageRecord::AwaitingAnchor: return "awaiting_anchor";
        case actors::MessageRecord::Confirming: return "confirming";
        case actors::MessageRecord::Progressing: return "progressing";
        case actors::MessageRecord::Done: return "done";
        case actors::MessageRecord::Failed: return "failed";
        case actors::MessageRecord::Revoking: return "revoking";
        case actors::MessageRecord::Revoked: return "revoked";
    }
    return "?";
}

// Done, failed or revoked: the facilitator has let it go.
bool ended(actors::MessageRecord::Phase p) {
    return p == actors::MessageRecord::Done || p == actors::MessageRecord::Failed ||
           p == actors::MessageRecord::Revoked;
}

}  // namespace

const trace::TableSpec& transfers_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "transfers", "One row per message of the overlay's facilitators, written once it ended",
        sizeof(TransferRow),
        {column("pair", &TransferRow::pair, "", "gateway pair, in overlay.auxiliaries order"),
         column("message", &TransferRow::message, "", "the message's index in its pair"),
         column("flow", &TransferRow::flow, "", "stake (stake & mint) or redeem (redeem & unstake)"),
         column("user", &TransferRow::user, "", "the staker's index; its beneficiary redeems"),
         column("amount", &TransferRow::amount, "OST", "amount staked or redeemed"),
         column("started", &TransferRow::started, "ns", "when the staker or redeemer sent its first transaction"),
         column("finished", &TransferRow::finished, "ns",
                "when the facilitator saw its last step final (or its failure); 0 while in flight"),
         column("phase", &TransferRow::phase, "",
                "declaring, awaiting_anchor, confirming, progressing, done, failed, revoking or revoked")}};
    return spec;
}

const trace::TableSpec& messages_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "messages", "One row per step of each message, written once final", sizeof(MessageRow),
        {column("pair", &MessageRow::pair, "", "gateway pair"),
         column("message", &MessageRow::message, "", "the message's index in its pair (transfers.message)"),
         column("step", &MessageRow::step, "",
                "wrap, approve, declare, anchor, prove, confirm, progress_source, progress_target; "
                "withheld secret: anchor_progress, progress_proof; revocation: revert, anchor_revert, "
                "confirm_revert, anchor_revoked, progress_revert"),
         column("core", &MessageRow::core, "", "core index of the step's transaction"),
         column("sent", &MessageRow::sent, "ns", "when it was sent (anchor: when the facilitator saw it)"),
         column("height", &MessageRow::height, "", "height of the final block holding it; 0: not final by the end"),
         column("included", &MessageRow::included, "ns", "that block's timestamp"),
         column("seen", &MessageRow::seen, "ns", "when the facilitator learnt it final"),
         column("gas_used", &MessageRow::gas_used, "gas", "gas the transaction used (anchor: 0, see anchors)"),
         column("reverted", &MessageRow::reverted, "", "the contract's reason when it reverted; empty if not")}};
    return spec;
}

const trace::TableSpec& anchors_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "anchors", "One row per state root a reporter anchored, written once final", sizeof(AnchorRow),
        {column("reporter", &AnchorRow::reporter, "", "reporter index: pair by pair, origin-to-auxiliary first"),
         column("source", &AnchorRow::source, "", "core whose root it anchored"),
         column("target", &AnchorRow::target, "", "core whose Anchor it wrote"),
         column("height", &AnchorRow::height, "", "height of the source block anchored"),
         column("observed", &AnchorRow::observed, "ns", "when the reporter learnt of that block"),
         column("sent", &AnchorRow::sent, "ns", "when it sent the anchoring"),
         column("target_height", &AnchorRow::target_height, "",
                "height of the final target block holding it; 0: not final by the end"),
         column("included", &AnchorRow::included, "ns", "that block's timestamp"),
         column("gas_used", &AnchorRow::gas_used, "gas", "gas the anchoring used"),
         column("reverted", &AnchorRow::reverted, "", "the Anchor's reason when it reverted; empty if not")}};
    return spec;
}

OverlayRows::OverlayRows(trace::Writer& trace, const world::World& w)
    : world_(w),
      transfers_(trace.table<TransferRow>(transfers_spec())),
      messages_(trace.table<MessageRow>(messages_spec())),
      anchors_(trace.table<AnchorRow>(anchors_spec())),
      transfers_written_(w.client_count()),
      steps_written_(w.client_count()),
      anchors_written_(w.client_count()) {}

void OverlayRows::append(bool all) {
    for (std::size_t i = 0; i < world_.client_count(); ++i) {
        if (const auto* r = dynamic_cast<const actors::Reporter*>(&world_.client(i))) {
            anchors_written_[i].append(
                r->records(), all, [](std::size_t, const actors::AnchorRecord& a) { return a.target_height > 0; },
                [&](std::size_t, const actors::AnchorRecord& a) {
                    anchors_.append({a.reporter, a.source, a.target, a.height, a.observed, a.sent,
                                     a.target_height, a.included, a.gas_used, reverted_text(a.reverted)});
                });
        } else if (const auto* f = dynamic_cast<const actors::Facilitator*>(&world_.client(i))) {
            const auto final = [](std::size_t, const actors::StepRecord& s) { return s.height > 0; };
            std::vector<bool> awaits_step(f->messages().size(), false);
            for (const actors::StepRecord& s : f->steps()) {
                if (s.height == 0) awaits_step[s.message] = true;
            }
            transfers_written_[i].append(
                f->messages(), all,
                [&](std::size_t m, const actors::MessageRecord& x) { return ended(x.phase) && !awaits_step[m]; },
                [&](std::size_t m, const actors::MessageRecord& x) {
                    transfers_.append({x.pair, static_cast<std::uint32_t>(m), trace::text<8>(to_string(x.flow)),
                                       x.user, x.amount.convert_to<double>() / 1e18, x.started, x.finished,
                                       trace::text<16>(phase_name(x.phase))});
                });
            steps_written_[i].append(f->steps(), all, final, [&](std::size_t, const actors::StepRecord& s) {
                messages_.append({f->messages()[s.message].pair, s.message, trace::text<16>(to_string(s.step)),
                                  s.core, s.sent, s.height, s.included, s.seen, s.gas_used,
                                  reverted_text(s.reverted)});
            });
        }
    }
}

}  // namespace ostsim::cli
