#include "cli/commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/execute.hpp"
#include "cli/interrupt.hpp"
#include "cli/sweep_plan.hpp"
#include "scenario/definitions.hpp"
#include "scenario/json_schema.hpp"
#include "scenario/reference.hpp"
#include "trace/describe.hpp"

namespace ostsim::cli {
namespace {

using scenario::Loaded;

// Loads and checks; prints every error and returns false if there is any.
bool load(const std::string& file, const std::vector<std::string>& sets, Loaded& out) {
    out = load_checked(file, sets);
    if (out.ok()) return true;
    report(file, out.errors);
    return false;
}

// The tree `ostsim run` runs and its resolved text. A scenario with a sweep block is one run
// per point, never one run that ignores the block: it runs only as the sweep's run `point`
// ("c0003-r01"), exactly as `ostsim sweep` runs it.
bool resolve_run(const std::string& file, const std::vector<std::string>& sets,
                 const std::string& point, scenario::Value& tree, std::string& text) {
    const scenario::Loaded base = scenario::load_file(scenario::scenario_schema(), file, sets);
    const scenario::Value* block = base.ok() ? base.tree.find("sweep") : nullptr;
    if (!block) {
        if (!point.empty()) {
            std::cerr << fmt::format("ostsim: --point {}: {} has no sweep block\n", point, file);
            return false;
        }
        Loaded s;
        if (!load(file, sets, s)) return false;
        tree = std::move(s.tree);
        text = scenario::dump(tree, scenario::scenario_schema());
        return true;
    }
    const SweepPlan plan = plan_sweep(file, sets);
    if (!plan.ok()) {
        report(file, plan.errors);
        return false;
    }
    std::vector<std::string> ids;
    for (const PlannedRun& r : plan.runs) {
        if (r.id != point) {
            ids.push_back(r.id);
            continue;
        }
        tree = r.tree;
        text = r.text;
        return true;
    }
    std::string what;
    if (ids.empty()) {
        what = "the sweep has no runs";
    } else if (point.empty()) {
        what = fmt::format("a sweep ({} runs) runs with `ostsim sweep {} -o DIR`; `ostsim run "
                           "--point {}` runs one of them", ids.size(), file, ids.front());
    } else {
        const std::string near = scenario::closest(point, ids);
        what = fmt::format("--point {}: no such run ({}runs {} to {})", point,
                           near.empty() ? "" : fmt::format("did you mean \"{}\"?; ", near),
                           ids.front(), ids.back());
    }
    report(file, {{block->origin, "sweep", what}});
    return false;
}

}  // namespace

int validate(const std::string& file, const std::vector<std::string>& sets) {
    const scenario::Loaded base = scenario::load_file(scenario::scenario_schema(), file, sets);
    if (base.ok() && base.tree.find("sweep")) {
        // Every run of the sweep, as `ostsim sweep` checks them before running any.
        const SweepPlan plan = plan_sweep(file, sets);
        if (!plan.ok()) {
            report(file, plan.errors);
            return kUsage;
        }
        std::cout << fmt::format("{}: ok ({} runs: {} of {} configurations, {} repetitions)\n", file,
                                 plan.runs.size(), plan.sweep.configurations, plan.sweep.product,
                                 plan.sweep.repetitions);
        return kOk;
    }
    Loaded s;
    if (!load(file, sets, s)) return kUsage;
    std::cout << file << ": ok\n";
    return kOk;
}

int run(RunOptions o) {
    // Flags are overrides too, so that the resolved scenario (and the trace) records them.
    if (o.seed >= 0) o.sets.push_back(fmt::format("seed={}", o.seed));
    if (o.threads > 0) o.sets.push_back(fmt::format("threads={}", o.threads));
    scenario::Value tree;
    std::string text;
    if (!o.point.empty() && o.seed >= 0) {
        std::cerr << "ostsim: --seed and --point exclude each other: a sweep's run has its seed\n";
        return kUsage;
    }
    if (!resolve_run(o.scenario, o.sets, o.point, tree, text)) return kUsage;
    if (o.show_config) std::cout << text;

    const std::string out = o.output.empty() ? tree.at("trace.path").as_string() : o.output;
    install_interrupt_handlers();
    const Execution x = execute(tree, text, out, o.force, o.progress);
    if (!x.error.empty()) {
        std::cerr << "ostsim: " << x.error << "\n";
        return kRuntime;
    }
    const Outcome& r = x.outcome;
    if (!o.summary_json.empty()) write_summary_json(o.summary_json, r);
    std::cout << r.text << (r.complete ? "" : "interrupted\n");
    if (x.traced) std::cout << "trace: " << out << (r.complete ? "" : " (incomplete)") << "\n";
    return r.complete ? kOk : kInterrupted;
}

int info(const std::string& file) {
    const trace::Description d = trace::describe(file);
    if (!d.error.empty()) {
        std::cerr << "ostsim: " << d.error << "\n";
        return kUsage;
    }
    std::cout << d.text;
    return kOk;
}

int schema() {
    std::cout << scenario::json_schema(scenario::scenario_schema(), scenario::kSchemaVersion);
    return kOk;
}

int reference() {
    std::cout << scenario::reference_markdown(scenario::scenario_schema(), scenario::kSchemaVersion);
    return kOk;
}

}  // namespace ostsim::cli
