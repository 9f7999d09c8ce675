// ostsim: validate, run, sweep and compare scenarios, inspect traces, print the scenario format.
// Exit codes: 0 success, 2 usage or scenario error, 3 run-time error, 130 interrupted (docs/cli.md).
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/build_info.hpp"
#include "cli/commands.hpp"
#include "trace/writer.hpp"

int main(int argc, char** argv) {
    using namespace ostsim::cli;
    ostsim::trace::skip_hdf5_teardown_at_exit();
    CLI::App app{"ostsim: parallel discrete-event simulator of multi-core OST networks"};
    app.require_subcommand(1);
    app.set_version_flag("--version", version_line());

    std::string scenario_file;
    std::vector<std::string> sets;
    auto* validate_cmd = app.add_subcommand("validate", "check a scenario; report every error");
    validate_cmd->add_option("SCENARIO", scenario_file, "scenario file (YAML)")->required();
    validate_cmd->add_option("--set", sets, "override a key: path=value (repeatable)");

    RunOptions ro;
    auto* run_cmd = app.add_subcommand("run", "run a scenario and write its trace");
    run_cmd->add_option("SCENARIO", ro.scenario, "scenario file (YAML)")->required();
    run_cmd->add_option("-o,--output", ro.output, "trace file (HDF5); default: trace.path");
    run_cmd->add_option("--seed", ro.seed, "base seed (overrides `seed`)")->check(CLI::NonNegativeNumber);
    run_cmd->add_option("--threads", ro.threads, "worker threads (overrides `threads`)")->check(CLI::PositiveNumber);
    run_cmd->add_option("--set", ro.sets, "override a key: path=value (repeatable)");
    run_cmd->add_flag("--show-config", ro.show_config, "print the resolved scenario (YAML)");
    run_cmd->add_flag("--force", ro.force, "overwrite an existing trace file");
    run_cmd->add_option("--summary-json", ro.summary_json, "also write the summary as JSON");
    run_cmd->add_option("--point", ro.point, "run one run of the scenario's sweep (c0003-r01)");
    bool progress = false, no_progress = false;
    run_cmd->add_flag("--progress", progress, "progress line even when stderr is not a terminal");
    run_cmd->add_flag("--no-progress", no_progress, "no progress line");

    std::string trace_file;
    auto* info_cmd = app.add_subcommand("info", "show what a trace file holds");
    info_cmd->add_option("TRACE", trace_file, "trace file (HDF5)")->required();

    SweepOptions so;
    auto* sweep_cmd = app.add_subcommand("sweep", "run every configuration of a scenario's sweep");
    sweep_cmd->add_option("SCENARIO", so.scenario, "scenario file (YAML) with a sweep block")->required();
    sweep_cmd->add_option("-o,--output", so.output, "folder of traces and index.jsonl")->required();
    sweep_cmd->add_option("-j,--jobs", so.jobs, "runs at a time (each with 1 thread unless set)")
        ->check(CLI::PositiveNumber);
    sweep_cmd->add_option("--set", so.sets, "override a key: path=value (repeatable)");

    CompareOptions co;
    auto* compare_cmd = app.add_subcommand("compare", "run designs with common seeds; compare summaries");
    compare_cmd->add_option("SCENARIOS", co.scenarios, "scenario files (YAML), the first the baseline")
        ->required();
    compare_cmd->add_option("-r,--repetitions", co.repetitions, "runs per design")
        ->check(CLI::PositiveNumber);
    compare_cmd->add_option("-j,--jobs", co.jobs, "runs at a time (each with 1 thread unless set)")
        ->check(CLI::PositiveNumber);
    compare_cmd->add_option("--set", co.sets, "override a key of every design: path=value");
    compare_cmd->add_option("--json", co.json, "also write the comparison as JSON");

    auto* schema_cmd = app.add_subcommand("schema", "print the JSON Schema of scenario files");
    auto* reference_cmd = app.add_subcommand("reference", "print the scenario reference (Markdown)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kOk : kUsage;
    }
    if (*validate_cmd) return validate(scenario_file, sets);
    if (*info_cmd) return info(trace_file);
    if (*sweep_cmd) return sweep(so);
    if (*compare_cmd) return compare(co);
    if (*schema_cmd) return schema();
    if (*reference_cmd) return reference();
    ro.progress = !no_progress && (progress || isatty(STDERR_FILENO));
    return run(std::move(ro));
}
