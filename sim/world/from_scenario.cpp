#include "world/from_scenario.hpp"

#include <algorithm>
#include <limits>

#include "eth/uint256.hpp"
#include "world/network_scenario.hpp"
#include "world/economy_scenario.hpp"
#include "world/overlay_scenario.hpp"

namespace ostsim::world {

using scenario::Diagnostic;
using scenario::Value;

namespace {

std::vector<std::string> keys(const Value* dict) {
    std::vector<std::string> out;
    if (dict && dict->is_map())
        for (const auto& e : dict->as_map()) out.push_back(e.key);
    return out;
}

chain::uint256 to_uint256(scenario::Amount a) {
    return (chain::uint256(static_cast<std::uint64_t>(a >> 64)) << 64) |
           chain::uint256(static_cast<std::uint64_t>(a));
}

// Attackers and faulty validators fit the rule and the producers there are.
void check_adversaries(const Value& core, const std::string& name, std::int64_t producers,
                       std::vector<Diagnostic>& out) {
    const std::string path = "cores." + name + ".";
    const bool pow = core.at("consensus.rule").as_string() == "pow";
    const Value& kind = core.at("adversary.kind");
    if (kind.as_string() != "none") {
        if (!pow) {
            out.push_back({kind.origin, path + "adversary.kind", "needs consensus rule `pow`"});
        } else if (producers < 2) {
            out.push_back({kind.origin, path + "adversary.kind",
                           "needs at least 2 miners: the attacker (node 0) and honest ones"});
        }
        const Value& share = core.at("adversary.share");
        if (!(share.as_real() > 0 && share.as_real() < 1)) {
            out.push_back({share.origin, path + "adversary.share", "must lie strictly between 0 and 1"});
        }
    }
    std::int64_t faulty = core.at("consensus.offline").as_int();
    for (const char* key : {"slow", "equivocating"}) {
        const Value& v = core.at(std::string("consensus.") + key);
        if (v.as_int() == 0) continue;
        if (pow) {
            out.push_back({v.origin, path + "consensus." + key, "only for clique, bft and ffg"});
            continue;
        }
        faulty += v.as_int();
        if (faulty > producers) {
            out.push_back({v.origin, path + "consensus." + key,
                           "offline, slow and equivocating validators must be at most the "
                           "validators (" + std::to_string(producers) + ")"});
        }
    }
}

}  // namespace

std::vector<Diagnostic> check_world(const Value& tree) {
    std::vector<Diagnostic> out = check_networks(tree);
    const Value* cores = tree.find("cores");
    if (!cores || !cores->is_map()) return out;
    const std::vector<std::string> networks = keys(tree.find("networks"));
    for (const auto& [name, core] : cores->as_map()) {
        const Value& net = core.at("network");
        const std::string path = "cores." + name + ".network";
        if (std::find(networks.begin(), networks.end(), net.as_string()) == networks.end()) {
            out.push_back({net.origin, path,
                           scenario::unknown_message("network", net.as_string(), networks)});
        }
        for (const char* key : {"gas_price", "min_gas_price"}) {
            const Value& price = core.at(std::string("transfers.") + key);
            if (price.as_amount() > std::numeric_limits<std::uint64_t>::max()) {
                out.push_back({price.origin, "cores." + name + ".transfers." + key,
                               "must be below 2^64 wei per gas (about 18.4 OST)"});
            }
        }
        const std::int64_t nodes = core.at("nodes").as_int();
        std::int64_t producers = nodes;
        for (const char* key : {"miners", "validators"}) {
            const Value* v = core.find_path(std::string("consensus.") + key);
            if (!v || v->absent()) continue;
            if (v->as_int() > nodes) {
                out.push_back({v->origin, "cores." + name + ".consensus." + key,
                               "must be at most the core's nodes (" + std::to_string(nodes) + ")"});
            } else {
                producers = v->as_int();
            }
        }
        const Value& offline = core.at("consensus.offline");
        if (offline.as_int() > producers) {
            out.push_back({offline.origin, "cores." + name + ".consensus.offline",
                           "must be at most the miners or validators (" +
                               std::to_string(producers) + ")"});
        }
        check_adversaries(core, name, producers, out);
    }
    check_overlay(tree, out);
    check_economies(tree, out);
    return out;
}

WorldSpec from_scenario(const Value& tree) {
    WorldSpec w;
    w.seed = static_cast<std::uint64_t>(tree.at("seed").as_int());
    w.threads = static_cast<int>(tree.at("threads").as_int());
    w.partitions = static_cast<int>(tree.at("engine.partitions").as_int());
    if (const Value* la = tree.find_path("engine.lookahead"); la && !la->absent()) {
        w.lookahead = la->as_int();
    }
    w.duration = tree.at("duration").as_int();
    const Value* cores = tree.find("cores");
    if (!cores || !cores->is_map()) return w;
    for (const auto& [name, core] : cores->as_map()) {
        CoreSpec c;
        c.params.name = name;
        c.params.gas_limit = static_cast<std::uint64_t>(core.at("gas_limit").as_int());
        c.params.block_reward = to_uint256(core.at("block_reward").as_amount());
        c.params.filler_bytes = static_cast<std::uint32_t>(core.at("block_fill").as_int());
        const Value& net = tree.at("networks." + core.at("network").as_string());
        c.params.delay = net.at("delay").as_int();
        c.params.tx_gossip = net.at("tx_gossip").as_bool();
        c.network = network_spec(net);
        c.nodes = static_cast<std::uint32_t>(core.at("nodes").as_int());
        const Value& tr = core.at("transfers");
        core::TransferDemand& d = c.params.demand;
        d.accounts = static_cast<std::uint32_t>(tr.at("accounts").as_int());
        d.balance = to_uint256(tr.at("balance").as_amount());
        d.rate = tr.at("rate").as_real();
        d.value = to_uint256(tr.at("value").as_amount());
        const std::string& policy = tr.at("price_policy").as_string();
        d.policy = policy == "oracle"      ? core::PricePolicy::Oracle
                   : policy == "lognormal" ? core::PricePolicy::LogNormal
                                           : core::PricePolicy::Fixed;
        d.gas_price = static_cast<std::uint64_t>(tr.at("gas_price").as_amount());
        d.price_sigma = tr.at("price_sigma").as_real();
        d.valuation_spread = tr.at("valuation_spread").as_real();
        c.params.mempool.capacity = static_cast<std::size_t>(tr.at("mempool").as_int());
        c.params.mempool.min_gas_price = static_cast<std::uint64_t>(tr.at("min_gas_price").as_amount());
        const Value& cons = core.at("consensus");
        const std::string& rule = cons.at("rule").as_string();
        const auto count = [&](std::string_view key) -> std::uint32_t {
            const Value* v = cons.find(key);
            return v && !v->absent() ? static_cast<std::uint32_t>(v->as_int()) : 0;
        };
        c.offline = count("offline");
        c.slow = count("slow");
        c.slow_delay = cons.at("slow_delay").as_int();
        c.equivocating = count("equivocating");
        if (rule == "pow") {
            PowSpec p{cons.at("block_time").as_int(), count("confirmations"), count("miners"), {}};
            const Value& adv = core.at("adversary");
            const std::string& kind = adv.at("kind").as_string();
            AdversarySpec& a = p.adversary;
            a.kind = kind == "selfish"        ? AdversarySpec::Selfish
                     : kind == "double_spend" ? AdversarySpec::DoubleSpend
                                              : AdversarySpec::None;
            a.share = adv.at("share").as_real();
            a.gamma = adv.at("gamma").as_real();
            a.confirmations = static_cast<std::uint32_t>(adv.at("confirmations").as_int());
            a.premine = adv.at("premine").as_bool();
            a.give_up_behind = static_cast<std::uint32_t>(adv.at("give_up_behind").as_int());
            a.horizon = static_cast<std::uint32_t>(adv.at("horizon").as_int());
            c.rule = p;
        } else {
            ValidatorSpec v;
            v.rule = rule == "clique" ? ValidatorSpec::Clique
                     : rule == "bft"  ? ValidatorSpec::Bft
                                      : ValidatorSpec::Ffg;
            v.block_time = cons.at("block_time").as_int();
            v.confirmations = count("confirmations");
            v.validators = count("validators");
            v.epoch_length = count("epoch_length");
            c.rule = v;
        }
        w.cores.push_back(std::move(c));
    }
    w.overlay = overlay_from_scenario(tree);
    w.economies = economies_from_scenario(tree);
    return w;
}

}  // namespace ostsim::world
