#include "cli/phold_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/interrupt.hpp"
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
        out.push_back({tree.origin, "phold", "nothing to run: the scenario has no phold section "
                                             "(the OST models come later)"});
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

PholdOutcome run_phold(const Value& tree, trace::Writer* trace, bool progress) {
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

    // Slices of 1% of the run: the engine's result does not depend on them (docs/engine.md).
    const Time end = model.end, slice = std::max<Time>(1, end / 100);
    PholdOutcome out;
    Time reached = 0;
    const auto t0 = std::chrono::steady_clock::now();
    while (reached < end && !interrupted()) {
        reached = std::min(end, reached + slice);
        const Stats& s = eng.run_until(reached);
        if (progress) {
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            const double share = static_cast<double>(reached) / static_cast<double>(end);
            std::fprintf(stderr, "\r%.3f s simulated, %5.1f%%, %.2f M ev/s, ETA %.0f s   ",
                         to_seconds(reached), 100 * share, s.events_per_second() / 1e6,
                         share > 0 ? wall * (1 - share) / share : 0.0);
        }
    }
    if (progress) std::fprintf(stderr, "\n");
    const Stats& s = eng.stats();
    out = {s.committed, s.windows, s.wall_seconds, s.events_per_second(), eng.digest(), reached,
           reached >= end};
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
