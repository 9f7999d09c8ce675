#include "world/economy_scenario.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "world/core_checks.hpp"

namespace ostsim::world {
namespace {

using scenario::Value;

// The scenario's token amounts (wei of an 18-decimal token) in whole tokens.
double tokens(const Value& v) { return static_cast<double>(v.as_amount()) / 1e18; }

}  // namespace

void check_economies(const Value& tree, std::vector<scenario::Diagnostic>& out) {
    const Value* economies = tree.find("economies");
    const Value* cores = tree.find("cores");
    if (!economies || !economies->is_map()) return;
    const std::vector<std::string> names = core_names(tree);
    for (const auto& [name, e] : economies->as_map()) {
        const std::string path = "economies." + name;
        const Value& core_name = e.at("core");
        const Value* core = cores && cores->is_map() ? cores->find(core_name.as_string()) : nullptr;
        if (!core) {
            out.push_back({core_name.origin, path + ".core", scenario::unknown_message("core", core_name.as_string(), names)});
            continue;
        }
        // Spends are counted, and their latency to finality measured, on final blocks.
        require_finality(*core, core_name.as_string(), "economy `" + name + "` counts spends on final blocks", out);
        require_node(e.at("node"), path + ".node", *core, core_name.as_string(), out);
        if (e.at("gas_price").as_amount() > std::numeric_limits<std::uint64_t>::max()) {
            out.push_back({e.at("gas_price").origin, path + ".gas_price", "must be below 2^64 wei per gas"});
        }
        const Value& secret = e.at("session.secret_amount");
        if (secret.as_amount() == 0) out.push_back({secret.origin, path + ".session.secret_amount", "must be above 0"});
        const Value& fiat = e.at("fiat.share");
        if (fiat.as_real() > 0 && e.at("session.model").as_string() != "hash_chain")
            out.push_back({fiat.origin, path + ".fiat.share", "fiat spends need session.model hash_chain"});
    }
}

std::vector<workload::EconomySpec> economies_from_scenario(const Value& tree) {
    std::vector<workload::EconomySpec> out;
    const Value* economies = tree.find("economies");
    if (!economies || !economies->is_map()) return out;
    const std::vector<std::string> cores = core_names(tree);
    auto u32 = [](const Value& v) { return static_cast<std::uint32_t>(v.as_int()); };
    for (const auto& [name, e] : economies->as_map()) {
        workload::EconomySpec s;
        s.name = name;
        s.core = core_index(cores, e.at("core").as_string());
        s.node = u32(e.at("node"));
        s.latency = e.at("latency").as_int();
        s.users = u32(e.at("users"));
        s.merchants = u32(e.at("merchants"));
        s.relayers = u32(e.at("relayers"));
        s.devices = u32(e.at("devices"));
        s.signatures = e.at("signatures").as_string() == "ecdsa" ? protocol::SignatureMode::Ecdsa
                                                                 : protocol::SignatureMode::Modeled;
        s.balance = tokens(e.at("balance"));
        s.amounts.median = tokens(e.at("amount_median"));
        s.amounts.sigma = e.at("amount_sigma").as_real();
        s.gas_price = static_cast<std::uint64_t>(e.at("gas_price").as_amount());
        s.spend_gas_limit = static_cast<std::uint64_t>(e.at("spend_gas_limit").as_int());
        s.open_gas_limit = static_cast<std::uint64_t>(e.at("open_gas_limit").as_int());
        s.timeout = e.at("timeout").as_int();
        const Value& a = e.at("arrivals");
        const std::string& kind = a.at("kind").as_string();
        s.arrivals.kind = kind == "bursty"    ? workload::ArrivalSpec::Bursty
                          : kind == "diurnal" ? workload::ArrivalSpec::Diurnal
                                              : workload::ArrivalSpec::Poisson;
        s.arrivals.per_hour = a.at("per_hour").as_real();
        s.arrivals.burst_factor = a.at("burst_factor").as_real();
        s.arrivals.burst_mean = a.at("burst_mean").as_int();
        s.arrivals.quiet_mean = a.at("quiet_mean").as_int();
        s.arrivals.amplitude = a.at("amplitude").as_real();
        s.arrivals.peak = a.at("peak").as_int();
        const Value& ss = e.at("session");
        s.session.model = ss.at("model").as_string() == "session_key" ? workload::SessionModel::SessionKey
                                                                       : workload::SessionModel::HashChain;
        s.session.secrets = u32(ss.at("secrets"));
        s.session.secret_amount = tokens(ss.at("secret_amount"));
        s.session.session_amount = tokens(ss.at("session_amount"));
        s.session.lifetime = ss.at("lifetime").as_int();
        s.session.spends_per_window = u32(ss.at("spends_per_window"));
        s.session.window_blocks = static_cast<std::uint64_t>(ss.at("window_blocks").as_int());
        s.session.policy.max_skip = u32(ss.at("max_skip"));
        s.session.policy.end_when_budget_spent = ss.at("end_when_budget_spent").as_bool();
        s.session.open_delay = ss.at("open_delay").as_int();
        s.session.revoke = ss.at("revoke").as_real();
        s.session.lose_device = ss.at("lose_device").as_real();
        const Value& m = e.at("misbehaviour");
        s.misbehaviour = {m.at("replay").as_real(), m.at("over_limit").as_real(), m.at("stale").as_real(),
                          m.at("unfunded").as_real()};
        const Value& f = e.at("fiat");
        s.fiat.share = f.at("share").as_real();
        s.fiat.price = f.at("price").as_real();
        s.fiat.conversion_rate = f.at("conversion_rate").as_real();
        s.fiat.margin = f.at("margin").as_real();
        s.fiat.update_every = f.at("update_every").as_int();
        s.fiat.volatility = f.at("volatility").as_real();
        s.fiat.valid_blocks = static_cast<std::uint64_t>(f.at("valid_blocks").as_int());
        s.fiat.quote_lag = f.at("quote_lag").as_int();
        const Value& rc = e.at("recovery");
        s.recovery.share = rc.at("share").as_real();
        s.recovery.delay = static_cast<std::uint64_t>(rc.at("delay").as_int());
        s.recovery.abort = rc.at("abort").as_real();
        s.recovery.early = rc.at("early").as_real();
        s.recovery.reset = rc.at("reset").as_real();
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ostsim::world
