#include "cli/phold_run.hpp"

#include <fmt/format.h>

#include "cli/slices.hpp"
#include "engine/engine.hpp"
#include "engine/phold.hpp"

namespace ostsim::cli {
namespace {

using namespace ostsim::engine;
using scenario::Value;

// PHOLD's LP (engine/phold.hpp) plus the counters the trace records.
struct TracedLp {
    using Payload = Empty;
    const PholdModel* model;
    Stream rng;
    std::uint64_t events = 0, remote = 0;
    Time last = 0;

    void handle(Context<TracedLp>& ctx, const Event<Empty>&) {
        const PholdModel& m = *model;
        ++events;
        last = ctx.now();
        LpId dst = ctx.self();
        if (rng.uniform32() <= m.remote) dst = rng.below(m.nlp);
        if (dst != ctx.self()) ++remote;
        ctx.send(dst, m.increment(rng));
    }
};

double seconds(const Value& v) { return to_seconds(v.as_int()); }

Time run_end(const Value& tree) {
    const Value* end = tree.find_path("phold.end");
    return end ? end->as_int() : tree.at("duration").as_int();
}

}  // namespace

const trace::TableSpec& phold_lps_spec() {
    using trace::column;
    static const trace::TableSpec spec{
        "phold_lps", "PHOLD: one row per logical process, at the end of the run",
        sizeof(PholdLpRow),
        {column("lp", &PholdLpRow::lp, "", "logical process id"),
         column("events", &PholdLpRow::events, "events", "events handled"),
         column("remote", &PholdLpRow::remote, "events", "events sent to another LP"),
         column("last", &PholdLpRow::last, "ns", "time of the last event handled")}};
    return spec;
}

std::vector<scenario::Diagnostic> check_phold(const Value& tree) {
    std::vector<scenario::Diagnostic> out;
    const Value* ph = tree.find("phold");
    if (!ph) {
        out.push_back({tree.origin, "phold", "nothing to run: the scenario has neither cores nor "
                                             "a phold section"});
        return out;
    }
    const Value& la = ph->at("lookahead");
    if (la.as_int() > ph->at("mean").as_int()) {
        out.push_back({la.origin, "phold.lookahead", "must be at most phold.mean"});
    }
    if (const Value* ela = tree.find_path("engine.lookahead"); ela && ela->as_int() > la.as_int()) {
        out.push_back({ela->origin, "engine.lookahead",
                       "must be at most phold.lookahead (PHOLD's least delay)"});
    }
    return out;
}

Outcome run_phold(const Value& tree, trace::Writer* trace, bool progress) {
    PholdParams p;
    p.nlp = static_cast<std::uint32_t>(tree.at("phold.nlp").as_int());
    p.events = static_cast<std::uint32_t>(tree.at("phold.events").as_int());
    p.remote = tree.at("phold.remote").as_real();
    p.mean = seconds(tree.at("phold.mean"));
    p.lookahead = seconds(tree.at("phold.lookahead"));
    p.end = to_seconds(run_end(tree));
    p.seed = static_cast<std::uint64_t>(tree.at("seed").as_int());
    const PholdModel model(p);

    Config c;
    c.threads = static_cast<int>(tree.at("threads").as_int());
    c.partitions = static_cast<int>(tree.at("engine.partitions").as_int());
    const Value* ela = tree.find_path("engine.lookahead");
    c.lookahead = ela ? ela->as_int() : model.lookahead;
    Engine<TracedLp> eng(c);
    for (std::uint32_t i = 0; i < p.nlp; ++i) eng.add_lp({&model, Stream(p.seed, i)});
    for (std::uint32_t i = 0; i < p.nlp; ++i) {
        Stream& rng = eng.lp(i).rng;
        for (std::uint32_t e = 0; e < p.events; ++e) eng.schedule(i, model.increment(rng));
    }

    const Time end = model.end;
    const Time reached = run_in_slices(end, progress, [&](Time t) {
        return eng.run_until(t).events_per_second();
    });
    const Stats& s = eng.stats();
    Outcome out;
    out.complete = reached >= end;
    out.sim_time_reached = reached;
    const std::string digest = fmt::format("{:016x}", eng.digest());
    out.summary = {{"phold", "committed", s.committed},
                   {"phold", "windows", s.windows},
                   {"phold", "wall_seconds", s.wall_seconds},
                   {"phold", "events_per_second", s.events_per_second()},
                   {"phold", "digest", digest}};
    out.text = fmt::format("phold: committed {} events in {:.3f} s ({:.2f} M ev/s), {} windows; "
                           "digest {}\n",
                           s.committed, s.wall_seconds, s.events_per_second() / 1e6, s.windows,
                           digest);
    if (trace) {
        trace::Table<PholdLpRow> lps = trace->table<PholdLpRow>(phold_lps_spec());
        for (std::uint32_t i = 0; i < p.nlp; ++i) {
            const TracedLp& lp = eng.lp(i);
            lps.append({i, lp.events, lp.remote, lp.last});
        }
    }
    return out;
}

}  // namespace ostsim::cli
