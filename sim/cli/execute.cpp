#include "cli/execute.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <thread>

#include "cli/phold_run.hpp"
#include "cli/trace_estimate.hpp"
#include "cli/world_run.hpp"
#include "scenario/definitions.hpp"
#include "trace/writer.hpp"
#include "world/from_scenario.hpp"

namespace ostsim::cli {
namespace {

bool has_cores(const scenario::Value& tree) {
    const scenario::Value* cores = tree.find("cores");
    return cores && cores->is_map() && !cores->as_map().empty();
}

void write_root(trace::Writer& w, const scenario::Value& tree, const std::string& text) {
    w.attribute("scenario", text);
    w.attribute("scenario_name", tree.at("name").as_string());
    w.attribute("scenario_schema_version", std::int64_t{scenario::kSchemaVersion});
    w.attribute("seed", tree.at("seed").as_int());
    w.attribute("threads", tree.at("threads").as_int());
}

// Threads beyond this only cost memory (each has its stack and queues): 256 took 84 MB, and
// 100,000 exhausted a 24 GiB machine before the run started.
constexpr std::int64_t kMaxThreads = 1024;

scenario::Loaded checked(scenario::Loaded out) {
    if (!out.ok()) return out;
    out.errors = has_cores(out.tree) ? world::check_world(out.tree) : check_phold(out.tree);
    const scenario::Value& threads = out.tree.at("threads");
    if (threads.as_int() > kMaxThreads) {
        out.errors.push_back({threads.origin, "threads",
                              fmt::format("at most {} (this machine runs {} at once)", kMaxThreads,
                                          std::thread::hardware_concurrency())});
    }
    return out;
}

}  // namespace

scenario::Loaded load_checked(const std::string& file, const std::vector<std::string>& sets) {
    return checked(scenario::load_file(scenario::scenario_schema(), file, sets));
}

scenario::Loaded load_checked_text(const std::string& text, const std::string& source,
                                   const std::vector<std::string>& sets) {
    return checked(scenario::load_text(scenario::scenario_schema(), text, source, sets));
}

void report(const std::string& file, const std::vector<scenario::Diagnostic>& errors) {
    std::cerr << scenario::format(errors);
    std::cerr << fmt::format("{}: {} error{}\n", file, errors.size(), errors.size() == 1 ? "" : "s");
}

Execution execute(const scenario::Value& tree, const std::string& text,
                  const std::string& trace_path, bool force, bool progress) {
    Execution x;
    const std::string& level = tree.at("trace.level").as_string();
    std::unique_ptr<trace::Writer> w;
    if (!trace_path.empty() && level != "none") {
        x.error = check_free_space(trace_path, trace_size_estimate(tree, text.size()));
        if (!x.error.empty()) return x;
        auto opened = trace::Writer::open(trace_path, {.force = force});
        if (!opened.writer) {
            x.error = opened.error;
            return x;
        }
        w = std::move(opened.writer);
        write_root(*w, tree, text);
        w->flush();  // a run killed (not stopped) still leaves which scenario it ran
        x.traced = true;
    }
    try {
        trace::Writer* tables = level == "summary" ? nullptr : w.get();
        x.outcome = has_cores(tree) ? run_world(tree, tables, progress) : run_phold(tree, tables, progress);
    } catch (const std::exception& e) {
        x.error = fmt::format("run failed: {}", e.what());
        if (w) w->close(false, -1);
        return x;
    }
    if (w) {
        write_summary(*w, x.outcome.summary);
        x.error = w->close(x.outcome.complete, x.outcome.sim_time_reached);
    }
    return x;
}

}  // namespace ostsim::cli
