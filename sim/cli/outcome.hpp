// What a model's run hands back to the command, whatever the model: whether it finished, how
// far it got, the summary figures (written to the trace's summary group, to --summary-json,
// and compared by `ostsim compare`), and the lines printed for a human.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "trace/writer.hpp"

namespace ostsim::cli {

struct Figure {
    std::string group;  // "phold", "cores/origin", ...
    std::string name;
    std::variant<std::int64_t, std::uint64_t, double, std::string> value;
};

struct Outcome {
    bool complete = false;              // false when interrupted
    std::int64_t sim_time_reached = 0;  // ns
    std::vector<Figure> summary;
    std::string text;  // the human summary, lines ending in '\n'
};

// Writes every figure to the trace's summary group.
void write_summary(trace::Writer& w, const std::vector<Figure>& figures);
// {"<group>": {"<name>": value}}; groups with a slash nest ("cores/origin").
nlohmann::json figures_json(const std::vector<Figure>& figures);
// {"complete": ..., "sim_time_reached_ns": ..., and figures_json's groups}.
void write_summary_json(const std::string& file, const Outcome& o);

}  // namespace ostsim::cli
