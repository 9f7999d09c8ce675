// ostsim.sweep's way into the C++ sweep expansion: cli::plan_sweep (scenario/sweep.hpp), so a
// sweep from Python has exactly the runs, ids, overrides and seeds of `ostsim sweep`, each
// checked as `ostsim run` would check it before any runs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/sweep_plan.hpp"
#include "errors.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

namespace py = pybind11;

namespace ostsim::python {

namespace {

// The scenario (file or YAML text) with overrides `sets`, resolved (includes inlined, defaults
// filled) and dumped; without its sweep block when `drop_sweep`, so that a grid given from
// Python replaces it. Not checked between keys: a sweep's values may be what makes it valid.
std::string resolve_scenario(const std::string& scenario_arg, bool is_file,
                             const std::string& source, const std::vector<std::string>& sets,
                             bool drop_sweep) {
    const scenario::Node& schema = scenario::scenario_schema();
    scenario::Loaded s;
    {
        py::gil_scoped_release release;
        s = is_file ? scenario::load_file(schema, scenario_arg, sets)
                    : scenario::load_text(schema, scenario_arg, source, sets);
    }
    if (!s.ok()) raise_scenario(s.errors);
    if (drop_sweep)
        std::erase_if(s.tree.as_map(), [](const scenario::Entry& e) { return e.key == "sweep"; });
    return scenario::dump(s.tree, schema);
}

// The runs of the sweep in `file`, as a dict: product, configurations, repetitions, variables
// (names, in order), runs (each: id, config, repetition, seed, values (text, per variable),
// scenario (its resolved text)).
py::dict plan_sweep(const std::string& file, const std::vector<std::string>& sets) {
    cli::SweepPlan plan;
    {
        py::gil_scoped_release release;
        plan = cli::plan_sweep(file, sets);
        // As `ostsim sweep` requires: every run leaves a trace, which is how reruns skip it.
        for (const cli::PlannedRun& r : plan.runs) {
            const scenario::Value& level = r.tree.at("trace.level");
            if (level.as_string() == "none") {
                plan.errors.push_back({level.origin, "trace.level",
                                       "a sweep writes one trace per run; set it to `summary` or more"});
                break;
            }
        }
    }
    if (!plan.ok()) raise_scenario(plan.errors);
    const scenario::Sweep& sw = plan.sweep;
    py::list names;
    for (const scenario::SweepVariable& v : sw.variables) names.append(v.name);
    py::list runs;
    for (const cli::PlannedRun& r : plan.runs) {
        py::list values;
        for (std::size_t v = 0; v < sw.variables.size(); ++v)
            values.append(sw.variables[v].values[r.run.choice[v]]);
        py::dict d;
        d["id"] = r.id;
        d["config"] = r.run.config;
        d["repetition"] = r.run.repetition;
        d["seed"] = r.run.seed;
        d["values"] = values;
        d["scenario"] = r.text;
        runs.append(d);
    }
    py::dict out;
    out["product"] = sw.product;
    out["configurations"] = sw.configurations;
    out["repetitions"] = sw.repetitions;
    out["variables"] = names;
    out["runs"] = runs;
    return out;
}

}  // namespace

void bind_sweep(py::module_& m) {
    m.def("resolve_scenario", &resolve_scenario, py::arg("scenario"), py::arg("is_file"),
          py::arg("source"), py::arg("sets"), py::arg("drop_sweep"),
          "The scenario resolved and dumped as YAML (use ostsim.sweep).");
    m.def("plan_sweep", &plan_sweep, py::arg("file"), py::arg("sets"),
          "The runs of a scenario file's sweep block, as `ostsim sweep` plans them (use "
          "ostsim.sweep).");
    m.def("repetition_seed", &scenario::repetition_seed, py::arg("seed"), py::arg("repetition"),
          "The seed of repetition r (common random numbers; docs/cli.md, Sweeps).");
}

}  // namespace ostsim::python
