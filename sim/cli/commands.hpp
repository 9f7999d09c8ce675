// The `ostsim` subcommands, each returning the process exit code.
#pragma once

#include <string>
#include <vector>

namespace ostsim::cli {

enum Exit : int { kOk = 0, kUsage = 2, kRuntime = 3, kInterrupted = 130 };

struct RunOptions {
    std::string scenario;
    std::vector<std::string> sets;
    std::string output;  // -o; empty: trace.path
    long long seed = -1;  // -1: the scenario's
    int threads = 0;      // 0: the scenario's
    bool show_config = false;
    bool force = false;
    bool progress = false;  // set when stderr is a terminal
    std::string summary_json;
    std::string point;  // a run of the scenario's sweep ("c0003-r01"); required when it has one
};

struct SweepOptions {
    std::string scenario;
    std::string output;  // the folder of traces and index.jsonl
    int jobs = 1;        // runs at a time; above 1, each run's `threads` defaults to 1
    std::vector<std::string> sets;
};

struct CompareOptions {
    std::vector<std::string> scenarios;  // the designs; differences are taken from the first
    int repetitions = 5;
    int jobs = 1;  // runs at a time; above 1, each run's `threads` defaults to 1
    std::vector<std::string> sets;  // applied to every design
    std::string json;               // also write the comparison here
};

int validate(const std::string& scenario, const std::vector<std::string>& sets);
int run(RunOptions options);
int info(const std::string& trace);
int sweep(const SweepOptions& options);      // sweep.cpp
int compare(const CompareOptions& options);  // compare.cpp
int schema();     // the JSON Schema of scenario files
int reference();  // docs/scenario-reference.md

}  // namespace ostsim::cli
