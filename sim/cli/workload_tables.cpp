#include "cli/workload_tables.hpp"

namespace ostsim::cli {
namespace {

// Final, or given up: its row will not change.
bool spend_ended(const workload::SpendRecord& s) { return s.final >= 0 || s.outcome.timed_out; }

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
                "economy's timeout); empty while in flight")}};
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

WorkloadRows::WorkloadRows(trace::Writer& trace, const world::World& w)
    : world_(w),
      spends_(trace.table<SpendRow>(spends_spec())),
      sessions_(trace.table<SessionRow>(sessions_spec())),
      spends_written_(w.economy_count()),
      sessions_written_(w.economy_count()) {}

void WorkloadRows::append(bool all) {
    for (std::uint32_t e = 0; e < world_.economy_count(); ++e) {
        const workload::EconomyDriver& d = world_.economy(e);
        spends_written_[e].append(
            d.spends(), all, [](std::size_t, const workload::SpendRecord& s) { return spend_ended(s); },
            [&](std::size_t, const workload::SpendRecord& s) {
                spends_.append({e, s.user, s.session, s.secret, trace::text<12>(to_string(s.misbehaviour)),
                                static_cast<double>(s.amount_micro) / 1e6, s.intent, s.sent, s.included,
                                s.final, s.height, s.gas_used,
                                trace::text<48>(spend_ended(s) ? s.outcome.reason() : std::string_view{})});
            });
        sessions_written_[e].append(
            d.sessions(), all, [](std::size_t, const workload::SessionRecord& s) { return s.ended >= 0 && s.awaited == 0; },
            [&](std::size_t, const workload::SessionRecord& s) {
                sessions_.append({e, s.user, s.session, s.requested, s.opened, s.ended,
                                  trace::text<12>(to_string(s.end)), s.spends,
                                  static_cast<double>(s.spent_micro) / 1e6, s.open_gas});
            });
    }
}

}  // namespace ostsim::cli
