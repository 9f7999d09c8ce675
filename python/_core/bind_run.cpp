// ostsim.run's way into C++: the code path of `ostsim run` (cli::load_checked, scenario::dump,
// cli::execute), with the GIL released while the scenario loads and the simulation runs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/execute.hpp"
#include "cli/interrupt.hpp"
#include "cli/outcome.hpp"
#include "errors.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

namespace py = pybind11;

namespace ostsim::python {

namespace {

extern "C" void on_sigint(int) { cli::set_interrupted(true); }

// While a run works with the GIL released, Python's own SIGINT handler only notes the signal
// for later, so Ctrl-C would wait for the run's end. This guard routes SIGINT to the flag the
// run loop checks between slices (cli/interrupt.hpp), as the `ostsim` command does, and puts
// Python's handler back afterwards. Only for runs on the main thread with Python's default
// handler (ostsim.run decides): signals are process-wide.
class SigintToFlag {
public:
    explicit SigintToFlag(bool on) : on_(on) {
        if (!on_) return;
        cli::set_interrupted(false);
        struct sigaction sa {};
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &previous_);
    }
    ~SigintToFlag() {
        if (on_) sigaction(SIGINT, &previous_, nullptr);
    }
    SigintToFlag(const SigintToFlag&) = delete;
    SigintToFlag& operator=(const SigintToFlag&) = delete;
    // Whether SIGINT arrived; re-arms the flag for the next run.
    bool take() {
        if (!on_) return false;
        const bool hit = cli::interrupted();
        cli::set_interrupted(false);
        return hit;
    }

private:
    bool on_;
    struct sigaction previous_ {};
};

// Runs a scenario given as a file (is_file) or as YAML text, with `--set` overrides `sets`.
// A scenario with a sweep block is refused unless `in_sweep` (a sweep's own run): as with
// `ostsim run`, it is one run per point, never one run that ignores the block. Returns (summary JSON text as --summary-json writes it, trace path or "", complete, resolved
// scenario text, interrupted by SIGINT).
py::tuple run_scenario(const std::string& scenario_arg, bool is_file, const std::string& source,
                       const std::vector<std::string>& sets, const std::optional<std::string>& out,
                       bool force, bool catch_sigint, bool in_sweep) {
    scenario::Loaded s;
    std::string text, trace_path, summary;
    cli::Execution x;
    bool stopped = false;
    {
        py::gil_scoped_release release;
        SigintToFlag sigint(catch_sigint);
        s = is_file ? cli::load_checked(scenario_arg, sets)
                    : cli::load_checked_text(scenario_arg, source, sets);
        if (s.ok() && !in_sweep) {
            if (const scenario::Value* block = s.tree.find("sweep")) {
                s.errors.push_back({block->origin, "sweep",
                                    "a scenario with a sweep block runs with ostsim.sweep; "
                                    "ostsim.run(..., point=\"c0000-r00\") runs one of its runs"});
            }
        }
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
        stopped = sigint.take();
    }
    if (!s.ok()) raise_scenario(s.errors);
    // execute() words a failure of the model "run failed: ..."; every other error is the
    // trace's (open, write, close).
    if (!x.error.empty())
        raise(x.error.starts_with("run failed: ") ? errors().run : errors().trace, x.error);
    return py::make_tuple(summary, x.traced ? trace_path : std::string(), x.outcome.complete, text,
                          stopped);
}

}  // namespace

void bind_run(py::module_& m) {
    m.def("run_scenario", &run_scenario, py::arg("scenario"), py::arg("is_file"), py::arg("source"),
          py::arg("sets"), py::arg("out"), py::arg("force"), py::arg("catch_sigint"),
          py::arg("in_sweep"),
          "Runs a scenario as `ostsim run` does; use ostsim.run instead.");
}

}  // namespace ostsim::python
