#include "cli/workload_tables.hpp"

namespace ostsim::cli {
namespace {

// Final, or given up: its row will not change.
bool spend_ended(const workload::SpendRecord& s) { return s.final >= 0 || s.outcome.timed_out; }

// Wei of an 18-decimal token as tokens (also 18-decimal prices as pay currency per OST).
double tokens(const chain::uint256& wei) { return wei.convert_to<double>() / 1e18; }

}  // namespace

const trace::TableSpec& spends_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "spends", "One row per spend a user of an economy sent, written once final or given up", sizeof(SpendRow),
        {column("economy", &SpendRow::economy, "", "economy index, in scenario order"),
         column("user", &SpendRow::user, "", "the user's index in its economy"),
         column("session", &SpendRow::session, "", "the user's session number (1 = first)"),
         column("secret", &SpendRow::secret, "",
                "hash_chain: index of the pre-image presented; session_key: the key's nonce"),
         column("misbehaviour", &SpendRow::misbehaviour, "", "replay, over_limit, stale; empty: honest"),
         column("amount", &SpendRow::amount, "tokens", "amount asked for"),
         column("intent", &SpendRow::intent, "ns", "when the user wanted it (or its queued turn came)"),
         column("sent", &SpendRow::sent, "ns", "when the session key sent it"),
         column("included", &SpendRow::included, "ns", "when the user saw it in its node's chain; -1: never"),
         column("final", &SpendRow::final, "ns", "when the user saw it final; -1: not final by the end"),
         column("height", &SpendRow::height, "blocks", "of the block holding it; 0: none"),
         column("gas_used", &SpendRow::gas_used, "gas", "gas the spend used"),
         column("outcome", &SpendRow::outcome, "",
                "accepted, the contract's reason it reverted, or not included (given up after the "
                "economy's timeout); empty while in flight"),
         column("fiat", &SpendRow::fiat, "", "1: fiat-denominated, through the pricer rule (amount: its token value asked)"),
         column("moved", &SpendRow::moved, "tokens", "accepted: the token it moved (fiat: at the oracle's price); else 0"),
         column("quoted_price", &SpendRow::quoted_price, "",
                "fiat: the price the user quoted (fiat.quote_lag), pay currency per OST; else 0"),
         column("oracle_price", &SpendRow::oracle_price, "",
                "fiat: the oracle's price the spend met in its block, pay currency per OST (the "
                "pricer refuses it when further than fiat.margin from the quote); else 0")}};
    return spec;
}

const trace::TableSpec& sessions_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "sessions", "One row per session a user of an economy asked for, written once it ended",
        sizeof(SessionRow),
        {column("economy", &SessionRow::economy, "", "economy index, in scenario order"),
         column("user", &SessionRow::user, "", "the user's index in its economy"),
         column("session", &SessionRow::session, "", "the user's session number (1 = first)"),
         column("requested", &SessionRow::requested, "ns", "when the user asked for it"),
         column("opened", &SessionRow::opened, "ns", "when the user saw its opening in the chain; -1: never"),
         column("ended", &SessionRow::ended, "ns", "when the user saw it end; -1: open at the end"),
         column("end", &SessionRow::end, "",
                "open, exhausted, expired, revoked, dropped (a spend never reached the chain) or "
                "failed (the opening did not)"),
         column("spends", &SessionRow::spends, "", "its accepted spends"),
         column("spent", &SessionRow::spent, "tokens", "what they moved"),
         column("open_gas", &SessionRow::open_gas, "gas",
                "the key's funding, the opening and any device replacement before it (final ones)")}};
    return spec;
}

const trace::TableSpec& recoveries_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "recoveries", "One row per delayed recovery of a lost device, written once it ended", sizeof(RecoveryRow),
        {column("economy", &RecoveryRow::economy, "", "economy index, in scenario order"),
         column("user", &RecoveryRow::user, "", "the user's index in its economy"),
         column("sent", &RecoveryRow::sent, "ns", "when the relayer sent the initiation"),
         column("initiated", &RecoveryRow::initiated, "blocks", "height of the block holding the initiation; 0: none"),
         column("ended", &RecoveryRow::ended, "blocks", "height of the block holding its execution or abort; 0: none"),
         column("end", &RecoveryRow::end, "", "pending, executed, aborted or failed"),
         column("early", &RecoveryRow::early, "",
                "the contract's reason for the relayer's execution at once (recovery.early); empty if none")}};
    return spec;
}

const trace::TableSpec& owner_resets_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "owner_resets", "One row per reset of a user's recovery owner, written once final", sizeof(OwnerResetRow),
        {column("economy", &OwnerResetRow::economy, "", "economy index, in scenario order"),
         column("user", &OwnerResetRow::user, "", "the user's index in its economy"),
         column("epoch", &OwnerResetRow::epoch, "", "the new owner's key: the user's resets so far (1 = first)"),
         column("sent", &OwnerResetRow::sent, "ns", "when the relayer sent the reset"),
         column("height", &OwnerResetRow::height, "blocks", "of the final block holding it; 0: none by the end"),
         column("outcome", &OwnerResetRow::outcome, "",
                "accepted, or the contract's reason it reverted; empty if not final by the end")}};
    return spec;
}

WorkloadRows::WorkloadRows(trace::Writer& trace, const world::World& w)
    : world_(w),
      spends_(trace.table<SpendRow>(spends_spec())),
      sessions_(trace.table<SessionRow>(sessions_spec())),
      recoveries_(trace.table<RecoveryRow>(recoveries_spec())),
      owner_resets_(trace.table<OwnerResetRow>(owner_resets_spec())),
      spends_written_(w.economy_count()),
      sessions_written_(w.economy_count()),
      recoveries_written_(w.economy_count()),
      owner_resets_written_(w.economy_count()) {}

void WorkloadRows::append(bool all) {
    for (std::uint32_t e = 0; e < world_.economy_count(); ++e) {
        const workload::EconomyDriver& d = world_.economy(e);
        spends_written_[e].append(
            d.spends(), all, [](std::size_t, const workload::SpendRecord& s) { return spend_ended(s); },
            [&](std::size_t, const workload::SpendRecord& s) {
                spends_.append({e, s.user, s.session, s.secret, trace::text<12>(to_string(s.misbehaviour)),
                                static_cast<double>(s.amount_micro) / 1e6, s.intent, s.sent, s.included,
                                s.final, s.height, s.gas_used,
                                trace::text<48>(spend_ended(s) ? s.outcome.reason() : std::string_view{}),
                                s.fiat ? std::uint8_t{1} : std::uint8_t{0},
                                spend_ended(s) && s.outcome.ok() ? tokens(s.moved) : 0.0, tokens(s.quoted),
                                tokens(s.oracle)});
            });
        sessions_written_[e].append(
            d.sessions(), all, [](std::size_t, const workload::SessionRecord& s) { return s.ended >= 0 && s.awaited == 0; },
            [&](std::size_t, const workload::SessionRecord& s) {
                sessions_.append({e, s.user, s.session, s.requested, s.opened, s.ended,
                                  trace::text<12>(to_string(s.end)), s.spends,
                                  static_cast<double>(s.spent_micro) / 1e6, s.open_gas});
            });
        recoveries_written_[e].append(
            d.recoveries(), all,
            [](std::size_t, const workload::RecoveryRecord& r) { return r.end != workload::RecoveryRecord::Pending; },
            [&](std::size_t, const workload::RecoveryRecord& r) {
                recoveries_.append({e, r.user, r.sent, r.initiated, r.ended, trace::text<12>(to_string(r.end)),
                                    trace::text<48>(r.early == protocol::AccountRejection::None
                                                        ? std::string_view{}
                                                        : protocol::to_string(r.early))});
            });
        owner_resets_written_[e].append(
            d.owner_resets(), all, [](std::size_t, const workload::OwnerResetRecord& r) { return r.final; },
            [&](std::size_t, const workload::OwnerResetRecord& r) {
                std::string_view outcome;  // empty: not final by the end
                if (r.final) outcome = r.outcome == protocol::AccountRejection::None ? "accepted" : protocol::to_string(r.outcome);
                owner_resets_.append({e, r.user, r.epoch, r.sent, r.final ? r.height : 0, trace::text<48>(outcome)});
            });
    }
}

}  // namespace ostsim::cli
