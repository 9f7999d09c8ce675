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
};

int validate(const std::string& scenario, const std::vector<std::string>& sets);
int run(RunOptions options);
int info(const std::string& trace);

}  // namespace ostsim::cli
