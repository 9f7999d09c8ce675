// ostsim.run's way into C++: the code path of `ostsim run` (cli::load_checked, scenario::dump,
// cli::execute), with the GIL released while the scenario loads and the simulation runs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/execute.hpp"
#include "cli/outcome.hpp"
#include "errors.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

namespace py = pybind11;

namespace ostsim::python {

namespace {

[[noreturn]] void raise_scenario(const std::vector<scenario::Diagnostic>& diags) {
    py::object make = py::module_::import("ostsim._run").attr("Diagnostic");
    py::list diagnostics;
    for (const auto& d : diags)
        diagnostics.append(make(d.origin.source, d.origin.line, d.origin.column, d.path, d.message));
    std::string text = scenario::format(diags);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    py::object e = errors().scenario(text);
    e.attr("diagnostics") = diagnostics;
    PyErr_SetObject(errors().scenario.ptr(), e.ptr());
    throw py::error_already_set();
}

// Runs a scenario given as a file (is_file) or as YAML text, with `--set` overrides `sets`.
// Returns (summary JSON text as --summary-json writes it, trace path or "", complete).
py::tuple run_scenario(const std::string& scenario_arg, bool is_file, const std::string& source,
                       const std::vector<std::string>& sets, const std::optional<std::string>& out,
                       bool force) {
    scenario::Loaded s;
    std::string text, trace_path, summary;
    cli::Execution x;
    {
        py::gil_scoped_release release;
        s = is_file ? cli::load_checked(scenario_arg, sets)
                    : cli::load_checked_text(scenario_arg, source, sets);
        if (s.ok()) {
            text = scenario::dump(s.tree, scenario::scenario_schema());
            trace_path = out ? *out : s.tree.at("trace.path").as_string();
            x = cli::execute(s.tree, text, trace_path, force, false);
            if (x.error.empty()) {
                nlohmann::json j = {{"complete", x.outcome.complete},
                                    {"sim_time_reached_ns", x.outcome.sim_time_reached}};
                j.update(cli::figures_json(x.outcome.summary));
                summary = j.dump();
            }
        }
    }
    if (!s.ok()) raise_scenario(s.errors);
    if (!x.error.empty()) raise(errors().base, x.error);
    return py::make_tuple(summary, x.traced ? trace_path : std::string(), x.outcome.complete, text);
}

}  // namespace

void bind_run(py::module_& m) {
    m.def("run_scenario", &run_scenario, py::arg("scenario"), py::arg("is_file"), py::arg("source"),
          py::arg("sets"), py::arg("out"), py::arg("force"),
          "Runs a scenario as `ostsim run` does; use ostsim.run instead.");
}

}  // namespace ostsim::python
