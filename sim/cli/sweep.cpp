// `ostsim sweep`: every run of a sweep, one trace each in the output folder, `-j` at a time,
// and an index (index.jsonl). A run whose trace is complete and ran the same scenario (its
// `sweep` block and thread count aside, which do not change its results) is kept; the rest
// run. Runs are threads of this process: each builds its own engine, and HDF5 is built
// thread-safe on Debian.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/commands.hpp"
#include "cli/execute.hpp"
#include "cli/interrupt.hpp"
#include "cli/sweep_plan.hpp"
#include "cli/trace_facts.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

namespace ostsim::cli {
namespace {

namespace fs = std::filesystem;
using scenario::Value;

// The tree as far as results go: without the sweep block and with threads set to 0.
Value comparable(Value v) {
    auto& m = v.as_map();
    std::erase_if(m, [](const scenario::Entry& e) { return e.key == "sweep"; });
    if (Value* t = v.find("threads")) t->data = std::int64_t{0};
    return v;
}

bool same_scenario(const std::string& recorded, const Value& tree) {
    const scenario::Loaded r = scenario::load_text(scenario::scenario_schema(), recorded, "trace");
    return r.ok() && comparable(r.tree) == comparable(tree);
}

struct Slot {
    const PlannedRun* run;
    fs::path trace;
    std::string why;    // why it runs: "missing", "incomplete", "stale"; empty: kept
    std::string error;  // a run-time error
};

nlohmann::ordered_json index_line(const Slot& s, const scenario::Sweep& sweep, const TraceFacts& f) {
    nlohmann::ordered_json vars = nlohmann::ordered_json::object();
    for (std::size_t v = 0; v < sweep.variables.size(); ++v)
        vars[sweep.variables[v].name] = sweep.variables[v].values[s.run->run.choice[v]];
    const std::string status = !s.error.empty() ? "failed"
                               : f.complete     ? "complete"
                               : f.readable     ? "incomplete"
                                                : "missing";
    nlohmann::ordered_json j = {{"run", s.run->id},
                        {"config", s.run->run.config},
                        {"repetition", s.run->run.repetition},
                        {"seed", s.run->run.seed},
                        {"variables", std::move(vars)},
                        {"trace", s.trace.filename().string()},
                        {"status", status}};
    if (!s.error.empty()) j["error"] = s.error;
    j["summary"] = figures_json(f.summary);
    return j;
}

}  // namespace

int sweep(const SweepOptions& o) {
    std::vector<std::string> sets;
    if (o.jobs > 1) sets.push_back("threads=1");  // before the user's: an explicit --set wins
    sets.insert(sets.end(), o.sets.begin(), o.sets.end());
    SweepPlan plan = plan_sweep(o.scenario, sets);
    for (const PlannedRun& r : plan.runs) {
        if (r.tree.at("trace.level").as_string() == "none") {
            plan.errors.push_back({r.tree.at("trace.level").origin, "trace.level",
                                   "a sweep writes one trace per run; set it to `summary` or more"});
            break;
        }
    }
    if (!plan.ok()) {
        report(o.scenario, plan.errors);
        return kUsage;
    }
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec) {
        std::cerr << fmt::format("ostsim: cannot create {}: {}\n", o.output, ec.message());
        return kRuntime;
    }

    std::vector<Slot> slots;
    std::vector<Slot*> todo;
    for (const PlannedRun& r : plan.runs) {
        Slot s{&r, fs::path(o.output) / (r.id + ".h5"), {}, {}};
        const TraceFacts f = read_trace_facts(s.trace);
        s.why = !f.readable ? "missing" : !f.complete ? "incomplete"
                : !same_scenario(f.scenario, r.tree) ? "stale" : "";
        slots.push_back(std::move(s));
    }
    for (Slot& s : slots)
        if (!s.why.empty()) todo.push_back(&s);
    const scenario::Sweep& sw = plan.sweep;
    std::cout << fmt::format("sweep: {} runs ({} of {} configurations, {} repetition{}); {} to run, "
                             "{} kept\n",
                             slots.size(), sw.configurations, sw.product, sw.repetitions,
                             sw.repetitions == 1 ? "" : "s", todo.size(), slots.size() - todo.size());

    install_interrupt_handlers();
    std::atomic<std::size_t> next{0};
    std::mutex out;
    std::size_t done = 0;
    const auto work = [&] {
        for (std::size_t i; (i = next++) < todo.size() && !interrupted();) {
            Slot& s = *todo[i];
            const auto t0 = std::chrono::steady_clock::now();
            const Execution x = execute(s.run->tree, s.run->text, s.trace.string(), true, false);
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            const std::lock_guard lock(out);
            s.error = x.error;
            const std::string status = !x.error.empty() ? "failed: " + x.error
                                       : x.outcome.complete ? "complete" : "interrupted";
            std::cout << fmt::format("[{}/{}] {} ({}{}seed {}; {}): {} in {:.2f} s\n", ++done,
                                     todo.size(), s.run->id, sw.label(s.run->run),
                                     sw.variables.empty() ? "" : "; ", s.run->run.seed, s.why,
                                     status, secs)
                      << std::flush;
        }
    };
    std::vector<std::thread> pool;
    for (int j = 1; j < std::min<int>(o.jobs, static_cast<int>(todo.size())); ++j) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();

    // The index from the traces themselves, so that it also describes kept runs.
    const fs::path index = fs::path(o.output) / "index.jsonl";
    std::ofstream f(index.string() + ".tmp");
    std::size_t complete = 0, failed = 0;
    for (const Slot& s : slots) {
        const TraceFacts facts = read_trace_facts(s.trace);
        const nlohmann::ordered_json line = index_line(s, sw, facts);
        complete += line["status"] == "complete";
        failed += line["status"] == "failed";
        f << line.dump() << "\n";
    }
    f.close();
    fs::rename(index.string() + ".tmp", index, ec);
    if (!f || ec) {
        std::cerr << fmt::format("ostsim: cannot write {}\n", index.string());
        return kRuntime;
    }
    std::cout << fmt::format("sweep: {} of {} runs complete, {} failed; index {}\n", complete,
                             slots.size(), failed, index.string());
    if (interrupted()) return kInterrupted;
    return failed > 0 || complete < slots.size() ? kRuntime : kOk;
}

}  // namespace ostsim::cli
