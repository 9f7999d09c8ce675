#include "world/core_checks.hpp"

#include <algorithm>

namespace ostsim::world {

using scenario::Value;

std::vector<std::string> core_names(const Value& tree) {
    std::vector<std::string> out;
    if (const Value* cores = tree.find("cores"); cores && cores->is_map()) {
        for (const auto& e : cores->as_map()) out.push_back(e.key);
    }
    return out;
}

std::uint32_t core_index(const std::vector<std::string>& names, const std::string& name) {
    return static_cast<std::uint32_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

void require_finality(const Value& core, const std::string& name, const std::string& why,
                      std::vector<scenario::Diagnostic>& out) {
    const std::string& rule = core.at("consensus.rule").as_string();
    const Value& confirmations = core.at("consensus.confirmations");
    if ((rule == "pow" || rule == "clique") && confirmations.as_int() == 0) {
        out.push_back({confirmations.origin, "cores." + name + ".consensus.confirmations", "must be at least 1: " + why});
    }
}

void require_node(const Value& node, const std::string& path, const Value& core, const std::string& name,
                  std::vector<scenario::Diagnostic>& out) {
    const std::int64_t nodes = core.at("nodes").as_int();
    if (node.as_int() >= nodes) {
        out.push_back({node.origin, path, "core `" + name + "` has " + std::to_string(nodes) + " nodes"});
    }
}

}  // namespace ostsim::world
