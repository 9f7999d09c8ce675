#include "cli/outcome.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace ostsim::cli {

void write_summary(trace::Writer& w, const std::vector<Figure>& figures) {
    for (const Figure& f : figures) {
        std::visit([&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::string>) w.summary(f.group, f.name, std::string_view(v));
            else w.summary(f.group, f.name, v);
        }, f.value);
    }
}

void write_summary_json(const std::string& file, const Outcome& o) {
    nlohmann::json j = {{"complete", o.complete}, {"sim_time_reached_ns", o.sim_time_reached}};
    for (const Figure& f : o.summary) {
        nlohmann::json::json_pointer at("/" + f.group + "/" + f.name);
        std::visit([&](const auto& v) { j[at] = v; }, f.value);
    }
    std::ofstream(file) << j.dump(2) << "\n";
}

}  // namespace ostsim::cli
