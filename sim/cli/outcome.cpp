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

nlohmann::json figures_json(const std::vector<Figure>& figures) {
    nlohmann::json j = nlohmann::json::object();
    for (const Figure& f : figures) {
        nlohmann::json::json_pointer at("/" + f.group + "/" + f.name);
        std::visit([&](const auto& v) { j[at] = v; }, f.value);
    }
    return j;
}

void write_summary_json(const std::string& file, const Outcome& o) {
    nlohmann::json j = {{"complete", o.complete}, {"sim_time_reached_ns", o.sim_time_reached}};
    j.update(figures_json(o.summary));
    std::ofstream(file) << j.dump(2) << "\n";
}

}  // namespace ostsim::cli
