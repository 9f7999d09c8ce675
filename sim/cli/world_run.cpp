#include "cli/world_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "actors/transfer_summary.hpp"
#include "cli/slices.hpp"
#include "cli/tx_fees.hpp"
#include "cli/world_rows.hpp"
#include "consensus/double_spend.hpp"
#include "world/from_scenario.hpp"
#include "world/results.hpp"
#include "workload/summary.hpp"

namespace ostsim::cli {

const trace::TableSpec& cores_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "cores", "One row per core, at the end of the run", sizeof(CoreRow),
        {column("core", &CoreRow::core, "", "core index, in scenario order"),
         column("name", &CoreRow::name, "", "the core's key under `cores`"),
         column("nodes", &CoreRow::nodes, "nodes", "nodes following the core"),
         column("produced", &CoreRow::produced, "blocks", "blocks produced, stale ones included"),
         column("main", &CoreRow::main, "blocks", "blocks on the main chain (node 0's, at the end)"),
         column("stale_rate", &CoreRow::stale_rate, "", "(produced - main) / produced"),
         column("mean_interval", &CoreRow::mean_interval, "s", "mean time between main-chain blocks"),
         column("finality_delay", &CoreRow::finality_delay, "s",
                "mean time from production to finality at node 0; NaN if nothing is final"),
         column("transactions", &CoreRow::transactions, "txs", "transactions on the main chain"),
         column("reach50_median", &CoreRow::reach50_median, "s",
                "median over blocks of the time to reach half of the nodes"),
         column("reach90_median", &CoreRow::reach90_median, "s",
                "median over blocks of the time to reach 90 % of the nodes"),
         column("reorgs", &CoreRow::reorgs, "", "head changes that left blocks behind, all nodes"),
         column("deepest_reorg", &CoreRow::deepest_reorg, "blocks", "deepest such change")}};
    return spec;
}

const trace::TableSpec& blocks_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "blocks", "One row per block produced, stale ones included", sizeof(BlockRow),
        {column("core", &BlockRow::core, "", "core index"),
         column("producer", &BlockRow::producer, "", "producing node's index in its core"),
         column("seq", &BlockRow::seq, "", "the producer's sequence number: (producer, seq) names the block"),
         column("parent_producer", &BlockRow::parent_producer, "", "parent's producer; 4294967295 for genesis"),
         column("parent_seq", &BlockRow::parent_seq, "", "parent's sequence number"),
         column("height", &BlockRow::height, "blocks", "genesis is 0"),
         column("time", &BlockRow::time, "ns", "when it was produced"),
         column("size", &BlockRow::size, "bytes", "on the wire"),
         column("gas_used", &BlockRow::gas_used, "gas", "gas of its transactions"),
         column("txs", &BlockRow::txs, "txs", "transactions it holds"),
         column("main", &BlockRow::main, "", "1 if on the main chain (node 0's, at the end)"),
         column("reached", &BlockRow::reached, "nodes", "nodes that had it at the end"),
         column("reach50", &BlockRow::reach50, "ns", "time after production to reach half the nodes; -1: never"),
         column("reach90", &BlockRow::reach90, "ns", "time after production to reach 90 % of the nodes; -1: never"),
         column("hash", &BlockRow::hash, "", "keccak256 of the header's RLP, 0x-hex"),
         column("state_root", &BlockRow::state_root, "", "the header's state root, 0x-hex")}};
    return spec;
}

const trace::TableSpec& txs_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "txs", "One row per transaction submitted, as node 0 of its core sees the chain at the end",
        sizeof(TxRow),
        {column("core", &TxRow::core, "", "core index"),
         column("node", &TxRow::node, "", "the node it was submitted to"),
         column("sender", &TxRow::sender, "", "sender address, 0x-hex"),
         column("nonce", &TxRow::nonce, "", "sender's nonce: (core, sender, nonce) names it"),
         column("submitted", &TxRow::submitted, "ns", "submission time"),
         column("gas_price", &TxRow::gas_price, "wei/gas", "its bid"),
         column("gas", &TxRow::gas, "gas", "gas limit"),
         column("status", &TxRow::status, "",
                "0 pending, 1 included (main chain), 2 included and final, 3 rejected"),
         column("included", &TxRow::included, "ns", "production time of the including block; -1: none"),
         column("height", &TxRow::height, "blocks", "height of the including block; 0: none"),
         column("final", &TxRow::final, "ns", "when that block became final; -1: not final"),
         column("reason", &TxRow::reason, "", "why a block builder rejected it (status 3)")}};
    return spec;
}

namespace {

// Rows settled so far go to disk every `trace.checkpoint_every` of the run's simulated time, in
// whole slices (1 %; at least one; none for 0): each checkpoint costs a core_result per core (a
// pass over the run's blocks and transactions).
int checkpoint_slices(const scenario::Value& tree) {
    const double share = tree.at("trace.checkpoint_every").as_real();
    return share > 0 ? std::max(1, static_cast<int>(std::lround(share * 100))) : 0;
}

// The series' sampling interval: `trace.series_every` of the run, at least 1 ns; 0: no series.
engine::Time series_interval(const scenario::Value& tree, engine::Time duration) {
    const double share = tree.at("trace.series_every").as_real();
    if (share <= 0) return 0;
    return std::max<engine::Time>(1, std::llround(share * static_cast<double>(duration)));
}

// Mean time from submission to finality at node 0 over the core's final transactions; NaN if
// none (the per-block figure, finality_delay, starts at production instead).
double tx_finality_delay_s(const world::CoreResult& r) {
    double sum = 0;
    std::uint64_t n = 0;
    for (const world::TxResult& x : r.txs) {
        if (x.status != world::TxResult::Final) continue;
        sum += engine::to_seconds(x.final - x.tx->submitted_ns);
        ++n;
    }
    return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

// The double spender's attacks (node 0 of a pow core with adversary.kind double_spend). The
// trace cannot count them: an attack given up leaves only withheld blocks, and none at all when
// the honest lead reaches the give-up before the attacker's first block.
void summarize_double_spend(const world::World& w, std::size_t c, const std::string& g,
                            Outcome& out) {
    const auto* attacker = dynamic_cast<const consensus::DoubleSpender*>(&w.node(c, 0).rule());
    if (attacker == nullptr) return;
    const consensus::DoubleSpendCounts& k = attacker->counts();
    const std::uint64_t in_flight = attacker->racing() ? 1 : 0;
    const std::string a = g + "/double_spend";
    out.summary.insert(out.summary.end(), {{a, "attacks", k.attacks},
                                           {a, "succeeded", k.succeeded},
                                           {a, "given_up", k.attacks - k.succeeded},
                                           {a, "in_flight", in_flight}});
    out.text += fmt::format("  double spend: {} attacks ended, {} succeeded, {} given up, {} in flight\n",
                            k.attacks, k.succeeded, k.attacks - k.succeeded, in_flight);
}

// Per gateway pair (named by its auxiliary core), for each flow: how many transfers completed,
// their latency and its steps, their gas.
void summarize_overlay(const world::World& w, Outcome& out) {
    for (std::size_t i = 0; i < w.client_count(); ++i) {
        const auto* f = dynamic_cast<const actors::Facilitator*>(&w.client(i));
        if (!f) continue;
        const actors::TransferSummary t = actors::summarize(*f);
        const std::string pair = w.core(f->pair().aux).params().name;
        for (const auto& [name, x] : {std::pair{"stake", t.stake}, std::pair{"redeem", t.redeem}}) {
            const std::string g = "overlay/" + pair + "/" + name;
            out.summary.insert(out.summary.end(), {{g, "done", x.done},
                                                   {g, "failed", x.failed},
                                                   {g, "in_flight", x.in_flight},
                                                   {g, "latency_s", x.latency_s},
                                                   {g, "declare_s", x.declare_s},
                                                   {g, "anchor_wait_s", x.anchor_wait_s},
                                                   {g, "confirm_s", x.confirm_s},
                                                   {g, "progress_s", x.progress_s},
                                                   {g, "gas_per_transfer", x.gas_per_transfer},
                                                   {g, "with_proof", x.with_proof},
                                                   {g, "revoked", x.revoked},
                                                   {g, "revocation_s", x.revocation_s},
                                                   {g, "gas_per_revocation", x.gas_per_revocation},
                                                   {g, "penalty_wei", x.penalty_wei}});
            out.text += fmt::format(
                "overlay {} {}: {} done ({} with proof), {} revoked, {} failed, {} in flight; latency "
                "{:.2f} s (declare {:.2f}, anchor wait {:.2f}, confirm {:.2f}, progress {:.2f}); {:.0f} "
                "gas each\n",
                pair, name, x.done, x.with_proof, x.revoked, x.failed, x.in_flight, x.latency_s,
                x.declare_s, x.anchor_wait_s, x.confirm_s, x.progress_s, x.gas_per_transfer);
            if (x.revoked > 0) {
                out.text += fmt::format("overlay {} {} revocations: {:.2f} s, {:.0f} gas each; {:.0f} wei "
                                        "of penalties\n",
                                        pair, name, x.revocation_s, x.gas_per_revocation, x.penalty_wei);
            }
        }
        const std::string g = "overlay/" + pair;
        const actors::Income& m = t.income;
        out.summary.insert(out.summary.end(), {{g, "busy_arrivals", t.busy_arrivals},
                                               {g, "facilitator_ost_earned_wei", m.ost_earned},
                                               {g, "facilitator_origin_gas_wei", m.origin_gas_cost},
                                               {g, "facilitator_ost_prime_earned_wei", m.ost_prime_earned},
                                               {g, "facilitator_aux_gas_wei", m.aux_gas_cost},
                                               {g, "facilitator_ost_prime_net_wei", m.ost_prime_net}});
        out.text += fmt::format(
            "overlay {} facilitator: earned {:.4g} wei OST (gas {:.4g} wei of the origin's coin), "
            "{:.4g} wei OST Prime less {:.4g} gas = {:.4g} net\n",
            pair, m.ost_earned, m.origin_gas_cost, m.ost_prime_earned, m.aux_gas_cost, m.ost_prime_net);
    }
}

// Per economy: its spending, latency, rejections and costs; then spends per second per core and
// over all economies.
void summarize_economies(const world::World& w, engine::Time duration, Outcome& out) {
    std::vector<double> per_core(w.core_count(), 0);
    double total = 0;
    for (std::size_t i = 0; i < w.economy_count(); ++i) {
        const workload::EconomyDriver& d = w.economy(i);
        const workload::EconomySummary x = workload::summarize(d, duration);
        const std::string g = "economies/" + d.economy().spec().name;
        out.summary.insert(out.summary.end(), {{g, "intents", x.intents},
                                               {g, "spends", x.spends},
                                               {g, "accepted", x.accepted},
                                               {g, "reverted", x.reverted},
                                               {g, "not_included", x.timed_out},
                                               {g, "busy_dropped", x.busy_dropped},
                                               {g, "spends_per_second", x.spends_per_second},
                                               {g, "rejection_rate", x.rejection_rate},
                                               {g, "inclusion_s", x.inclusion_s},
                                               {g, "finality_s", x.finality_s},
                                               {g, "gas_per_spend", x.gas_per_spend},
                                               {g, "sessions", x.sessions},
                                               {g, "sessions_failed", x.sessions_failed},
                                               {g, "revocations", x.revocations},
                                               {g, "device_replacements", x.device_replacements},
                                               {g, "open_gas_per_session", x.open_gas_per_session},
                                               {g, "open_gas_per_spend", x.open_gas_per_spend},
                                               {g, "tokens_moved", x.tokens_moved}});
        // Only economies that use them get the fiat and recovery figures (their goldens stay).
        const workload::EconomyCounts& k = d.counts();
        const workload::EconomySpec& spec = d.economy().spec();
        if (spec.fiat.share > 0) {
            out.summary.insert(out.summary.end(), {{g, "fiat_spends", k.fiat_spends},
                                                   {g, "price_updates", k.price_updates},
                                                   {g, "oracle_gas", k.oracle_gas}});
            out.text += fmt::format("economy {}: {} fiat spends sent, {} price updates ({} gas)\n",
                                    spec.name, k.fiat_spends, k.price_updates, k.oracle_gas);
        }
        if (spec.recovery.share > 0) {
            out.summary.insert(out.summary.end(), {{g, "recoveries", k.recoveries},
                                                   {g, "recoveries_executed", k.recoveries_executed},
                                                   {g, "recoveries_aborted", k.recoveries_aborted}});
            out.text += fmt::format("economy {}: {} delayed recoveries, {} executed, {} aborted\n",
                                    spec.name, k.recoveries, k.recoveries_executed, k.recoveries_aborted);
        }
        if (spec.recovery.reset > 0) {
            out.summary.insert(out.summary.end(), {{g, "owner_resets", k.owner_resets},
                                                   {g, "owner_resets_reverted", k.owner_resets_reverted}});
            out.text += fmt::format("economy {}: {} recovery owners reset, {} reverted\n", spec.name,
                                    k.owner_resets, k.owner_resets_reverted);
        }
        std::string reasons;
        for (const auto& [why, n] : x.rejections) {
            out.summary.push_back({g + "/rejections", why, n});
            reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", n, why);
        }
        out.text += fmt::format(
            "economy {} on {}: {} spends accepted ({:.3f}/s), {} reverted, {} not included ({}); "
            "intent to inclusion {:.2f} s, to finality {:.2f} s; {:.0f} gas a spend; {} sessions, "
            "{:.0f} gas to open each ({:.0f} per spend)\n",
            d.economy().spec().name, w.core(d.economy().spec().core).params().name, x.accepted,
            x.spends_per_second, x.reverted, x.timed_out, reasons.empty() ? "no rejections" : reasons,
            x.inclusion_s, x.finality_s, x.gas_per_spend, x.sessions, x.open_gas_per_session,
            x.open_gas_per_spend);
        per_core[d.economy().spec().core] += x.spends_per_second;
        total += x.spends_per_second;
    }
    if (w.economy_count() == 0) return;
    for (std::size_t c = 0; c < w.core_count(); ++c) {
        if (per_core[c] > 0) out.summary.push_back({"cores/" + w.core(c).params().name, "spends_per_second", per_core[c]});
    }
    out.summary.push_back({"total", "spends_per_second", total});
}

}  // namespace

Outcome run_world(const scenario::Value& tree, trace::Writer* trace, bool progress) {
    world::WorldSpec spec = world::from_scenario(tree);
    for (workload::EconomySpec& e : spec.economies) e.record = trace != nullptr;  // the tables' rows
    world::World w(spec);
    Outcome out;
    std::optional<WorldRows> rows;
    if (trace) {
        rows.emplace(*trace, w, tree.at("trace.level").as_string() == "full",
                     series_interval(tree, spec.duration));
    }
    const int every = checkpoint_slices(tree);
    int slices = 0;
    out.sim_time_reached = run_in_slices(
        spec.duration, progress,
        [&](engine::Time t) {
            while (rows && rows->next_sample() <= t) rows->sample(w.run_until(rows->next_sample()).committed);
            const double rate = w.run_until(t).events_per_second();
            if (rows && every && ++slices % every == 0 && t < spec.duration) rows->checkpoint(t);
            return rate;
        },
        [&] { return trace && !trace->error().empty(); });
    out.complete = out.sim_time_reached >= spec.duration;
    const engine::Stats& s = w.stats();

    double total_tps = 0;
    std::uint64_t total_txs = 0;
    for (std::size_t c = 0; c < w.core_count(); ++c) {
        const world::CoreResult r = world::core_result(w, c, out.sim_time_reached);
        const std::string g = "cores/" + r.name;
        out.summary.insert(out.summary.end(),
                           {{g, "produced", r.produced},
                            {g, "main", r.main},
                            {g, "stale_rate", r.stale_rate},
                            {g, "mean_interval_s", r.mean_interval_s},
                            {g, "finality_delay_s", r.finality_delay_s},
                            {g, "throughput_tps", r.throughput_tps},
                            {g, "fee_per_tx_gwei", mean_fee_gwei(r)},
                            {g, "reach90_median_s", r.reach90_median_s}});
        const world::TransferResult& t = r.transfers;
        if (t.submitted > 0 || t.priced_out > 0) {
            const std::string tg = g + "/transfers";
            out.summary.insert(out.summary.end(),
                               {{tg, "submitted", t.submitted},
                                {tg, "included", t.included},
                                {tg, "final", t.final},
                                {tg, "rejected", t.rejected},
                                {tg, "pending", t.pending},
                                {tg, "priced_out", t.priced_out},
                                {tg, "inclusion_delay_s", t.inclusion_delay_s},
                                {tg, "finality_delay_s", tx_finality_delay_s(r)},
                                {tg, "mean_price_gwei", t.mean_price_gwei}});
        }
        total_tps += r.throughput_tps;
        total_txs += r.transactions;
        out.text += fmt::format(
            "{}: {} nodes, {} blocks ({} main, stale rate {:.4f}), interval {:.2f} s, "
            "finality {:.2f} s, {:.2f} tx/s, 90 % reached in {:.3f} s\n",
            r.name, r.nodes, r.produced, r.main, r.stale_rate, r.mean_interval_s,
            r.finality_delay_s, r.throughput_tps, r.reach90_median_s);
        if (t.submitted > 0 || t.priced_out > 0) {
            out.text += fmt::format(
                "  transfers: {} submitted, {} included ({} final), {} rejected, {} pending, "
                "{} priced out; inclusion {:.2f} s, finality {:.2f} s, {:.2f} gwei\n",
                t.submitted, t.included, t.final, t.rejected, t.pending, t.priced_out,
                t.inclusion_delay_s, tx_finality_delay_s(r), t.mean_price_gwei);
        }
        summarize_double_spend(w, c, g, out);
        if (rows) rows->finish(c, r);
    }
    if (rows) rows->finish_actors();
    if (w.overlay()) summarize_overlay(w, out);
    summarize_economies(w, out.sim_time_reached, out);
    out.summary.insert(out.summary.end(), {{"total", "transactions", total_txs},
                                           {"total", "throughput_tps", total_tps}});
    out.text += fmt::format("total: {} transactions, {:.2f} tx/s over {} cores\n", total_txs,
                            total_tps, w.core_count());
    const std::string digest = fmt::format("{:016x}", w.digest());
    out.summary.insert(out.summary.end(), {{"engine", "events", s.committed},
                                           {"engine", "windows", s.windows},
                                           {"engine", "wall_seconds", s.wall_seconds},
                                           {"engine", "events_per_second", s.events_per_second()},
                                           {"engine", "digest", digest}});
    out.text += fmt::format("engine: {} events in {:.3f} s ({:.2f} M ev/s), {} windows; digest {}\n",
                            s.committed, s.wall_seconds, s.events_per_second() / 1e6, s.windows,
                            digest);
    return out;
}

}  // namespace ostsim::cli
