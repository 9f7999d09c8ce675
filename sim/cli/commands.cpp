#include "cli/commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/interrupt.hpp"
#include "cli/phold_run.hpp"
#include "cli/world_run.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "trace/describe.hpp"
#include "trace/writer.hpp"
#include "world/from_scenario.hpp"

namespace ostsim::cli {
namespace {

using scenario::Loaded;

bool has_cores(const scenario::Value& tree) {
    const scenario::Value* cores = tree.find("cores");
    return cores && cores->is_map() && !cores->as_map().empty();
}

// The checks between keys of the model the scenario runs: its cores, or else PHOLD.
std::vector<scenario::Diagnostic> check_model(const scenario::Value& tree) {
    if (has_cores(tree)) return world::check_world(tree);
    return check_phold(tree);
}

// Loads and checks; prints every error and returns false if there is any.
bool load(const std::string& file, const std::vector<std::string>& sets, Loaded& out) {
    out = scenario::load_file(scenario::scenario_schema(), file, sets);
    if (out.ok()) out.errors = check_model(out.tree);
    if (out.ok()) return true;
    std::cerr << scenario::format(out.errors);
    std::cerr << fmt::format("{}: {} error{}\n", file, out.errors.size(), out.errors.size() == 1 ? "" : "s");
    return false;
}

void write_root(trace::Writer& w, const scenario::Value& tree, const std::string& text) {
    w.attribute("scenario", text);
    w.attribute("scenario_name", tree.at("name").as_string());
    w.attribute("scenario_schema_version", std::int64_t{scenario::kSchemaVersion});
    w.attribute("seed", tree.at("seed").as_int());
    w.attribute("threads", tree.at("threads").as_int());
}

}  // namespace

int validate(const std::string& file, const std::vector<std::string>& sets) {
    Loaded s;
    if (!load(file, sets, s)) return kUsage;
    std::cout << file << ": ok\n";
    return kOk;
}

int run(RunOptions o) {
    // Flags are overrides too, so that the resolved scenario (and the trace) records them.
    if (o.seed >= 0) o.sets.push_back(fmt::format("seed={}", o.seed));
    if (o.threads > 0) o.sets.push_back(fmt::format("threads={}", o.threads));
    Loaded s;
    if (!load(o.scenario, o.sets, s)) return kUsage;
    const std::string text = scenario::dump(s.tree, scenario::scenario_schema());
    if (o.show_config) std::cout << text;

    const std::string out = o.output.empty() ? s.tree.at("trace.path").as_string() : o.output;
    const bool tracing = !out.empty() && s.tree.at("trace.level").as_string() != "none";
    std::unique_ptr<trace::Writer> w;
    if (tracing) {
        auto opened = trace::Writer::open(out, {.force = o.force});
        if (!opened.writer) {
            std::cerr << "ostsim: " << opened.error << "\n";
            return kRuntime;
        }
        w = std::move(opened.writer);
        write_root(*w, s.tree, text);
    }
    install_interrupt_handlers();
    Outcome r;
    try {
        trace::Writer* tables = s.tree.at("trace.level").as_string() == "summary" ? nullptr : w.get();
        r = has_cores(s.tree) ? run_world(s.tree, tables, o.progress)
                              : run_phold(s.tree, tables, o.progress);
    } catch (const std::exception& e) {
        std::cerr << "ostsim: run failed: " << e.what() << "\n";
        if (w) w->close(false, -1);
        return kRuntime;
    }
    if (w) {
        write_summary(*w, r.summary);
        if (const std::string e = w->close(r.complete, r.sim_time_reached); !e.empty()) {
            std::cerr << "ostsim: " << e << "\n";
            return kRuntime;
        }
    }
    if (!o.summary_json.empty()) write_summary_json(o.summary_json, r);
    std::cout << r.text << (r.complete ? "" : "interrupted\n");
    if (w) std::cout << "trace: " << out << (r.complete ? "" : " (incomplete)") << "\n";
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

}  // namespace ostsim::cli
