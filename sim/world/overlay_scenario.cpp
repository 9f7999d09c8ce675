#include "world/overlay_scenario.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <string>

#include "actors/gas_keys.hpp"
#include "world/core_checks.hpp"

namespace ostsim::world {
namespace {

using scenario::Value;

// The overlay's cores as scenario values: the origin, then the auxiliaries, with their paths.
std::vector<std::pair<const Value*, std::string>> overlay_cores(const Value& overlay) {
    std::vector<std::pair<const Value*, std::string>> out{{&overlay.at("origin"), "overlay.origin"}};
    const auto& aux = overlay.at("auxiliaries").as_list();
    for (std::size_t i = 0; i < aux.size(); ++i) {
        out.emplace_back(&aux[i], "overlay.auxiliaries." + std::to_string(i));
    }
    return out;
}

std::uint64_t u64(const Value& v) { return static_cast<std::uint64_t>(v.as_amount()); }

chain::uint256 wei(const Value& v) {
    const scenario::Amount a = v.as_amount();
    return (chain::uint256(static_cast<std::uint64_t>(a >> 64)) << 64) | chain::uint256(static_cast<std::uint64_t>(a));
}

}  // namespace

void check_overlay(const Value& tree, std::vector<scenario::Diagnostic>& out) {
    const Value* overlay = tree.find("overlay");
    if (!overlay || overlay->absent()) return;
    const std::vector<std::string> names = core_names(tree);
    std::set<std::string> seen;
    for (const auto& [v, path] : overlay_cores(*overlay)) {
        const std::string& name = v->as_string();
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            out.push_back({v->origin, path, scenario::unknown_message("core", name, names)});
        } else if (!seen.insert(name).second) {
            out.push_back({v->origin, path, "core `" + name + "` is already in the overlay"});
        }
    }
    const Value& lo = overlay->at("transfers.amount_min");
    const Value& hi = overlay->at("transfers.amount_max");
    if (lo.as_amount() > hi.as_amount()) {
        out.push_back({lo.origin, "overlay.transfers.amount_min", "must be at most amount_max"});
    }
    for (const char* key : {"gas_price", "transfers.message_gas_price"}) {
        const Value& v = overlay->at(key);
        if (v.as_amount() > std::numeric_limits<std::uint64_t>::max()) {
            out.push_back({v.origin, std::string("overlay.") + key, "must be below 2^64 wei per gas"});
        }
    }
    const Value& anchor_rule = overlay->at("reporting.anchor_rule");
    const Value& reporters = overlay->at("reporting.reporters");
    if (anchor_rule.as_string() == "finalized" && reporters.as_int() != 1) {
        out.push_back({reporters.origin, "overlay.reporting.reporters",
                       "must be 1 under anchor_rule finalized: only the consensus key may anchor"});
    }
    const Value& node = overlay->at("node");
    if (const Value* cores = tree.find("cores"); cores && cores->is_map()) {
        for (const auto& [v, path] : overlay_cores(*overlay)) {
            const Value* core = cores->find(v->as_string());
            if (!core) continue;
            const std::string& name = v->as_string();
            require_finality(*core, name, "core `" + name + "` is in the overlay, whose actors act on final blocks", out);
            require_node(node, "overlay.node", *core, name, out);
        }
    }
}

std::optional<actors::OverlaySpec> overlay_from_scenario(const Value& tree) {
    const Value* overlay = tree.find("overlay");
    if (!overlay || overlay->absent()) return std::nullopt;
    const std::vector<std::string> names = core_names(tree);
    actors::OverlaySpec s;
    s.origin = core_index(names, overlay->at("origin").as_string());
    for (const Value& a : overlay->at("auxiliaries").as_list()) s.auxiliaries.push_back(core_index(names, a.as_string()));
    s.bounty = wei(overlay->at("bounty"));
    s.anchor_ring = static_cast<std::uint64_t>(overlay->at("anchor_ring").as_int());
    s.storage_root_ring = static_cast<std::uint64_t>(overlay->at("storage_root_ring").as_int());
    s.gas_price = u64(overlay->at("gas_price"));
    s.latency = overlay->at("latency").as_int();
    s.node = static_cast<std::uint32_t>(overlay->at("node").as_int());
    const Value& r = overlay->at("reporting");
    s.reporting.reporters = static_cast<std::uint32_t>(r.at("reporters").as_int());
    s.reporting.every = static_cast<std::uint64_t>(r.at("every").as_int());
    s.reporting.final_only = r.at("final_only").as_bool();
    s.reporting.pending_work = r.at("pending_work").as_bool();
    for (const Value& d : r.at("delay").as_list()) s.reporting.extra_delay.push_back(d.as_int());
    for (const Value& o : r.at("offline").as_list()) s.reporting.offline.push_back(o.as_bool());
    if (r.at("anchor_rule").as_string() == "finalized") s.reporting.rule = protocol::AnchorRule::FinalizedOnly;
    s.reporting.finality_latency = r.at("finality_latency").as_int();
    const Value& t = overlay->at("transfers");
    s.transfers.stakers = static_cast<std::uint32_t>(t.at("stakers").as_int());
    s.transfers.stakes_per_second = t.at("rate").as_real();
    s.transfers.amount_min = wei(t.at("amount_min"));
    s.transfers.amount_max = wei(t.at("amount_max"));
    s.transfers.redeem_share = t.at("redeem_share").as_real();
    s.transfers.message_gas_price = u64(t.at("message_gas_price"));
    s.transfers.message_gas_limit = static_cast<std::uint64_t>(t.at("message_gas_limit").as_int());
    s.transfers.facilitator_delay = t.at("facilitator_delay").as_int();
    s.transfers.revoke_after = t.at("revoke_after").as_int();
    for (const actors::GasKey& k : actors::kGasKeys) {
        s.gas.*k.member = static_cast<std::uint64_t>(overlay->at("gas").at(k.name).as_int());
    }
    const Value& f = overlay->at("facilitator");
    for (const Value& o : f.at("offline").as_list()) s.facilitator.offline.push_back(o.as_bool());
    s.facilitator.offline_after = f.at("offline_after").as_int();
    for (const Value& w : f.at("withhold_secret").as_list()) s.facilitator.withhold_secret.push_back(w.as_bool());
    return s;
}

}  // namespace ostsim::world
