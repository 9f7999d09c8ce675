#include "world/network_scenario.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <string>

#include "engine/time.hpp"
#include "net/connectivity.hpp"
#include "net/jitter.hpp"
#include "net/sampling.hpp"

namespace ostsim::world {

using scenario::Diagnostic;
using scenario::Value;

namespace {

const std::map<std::string, TopologySpec::Kind, std::less<>> kKinds = {
    {"random_regular", TopologySpec::RandomRegular}, {"small_world", TopologySpec::SmallWorld},
    {"scale_free", TopologySpec::ScaleFree},         {"region_based", TopologySpec::RegionBased},
    {"graphml", TopologySpec::GraphMl},              {"edge_list", TopologySpec::EdgeList},
};

// A duration value (ns) in milliseconds, exact for whole microseconds.
double ms(const Value& v) { return static_cast<double>(v.as_int()) / 1e6; }

std::string millis_text(engine::Time t) {
    std::ostringstream s;
    s << static_cast<double>(t) / 1e6;
    return s.str();
}

bool given(const Value* v) { return v && !v->absent(); }

bool is_list_given(const Value& v) { return v.is_list() && !v.as_list().empty(); }

// The optional topology parameters each kind needs; any other one given is a mistake.
std::vector<std::string> needs(std::string_view kind) {
    if (kind == "random_regular") return {"degree"};
    if (kind == "small_world") return {"degree", "rewire"};
    if (kind == "scale_free") return {"attach"};
    if (kind == "graphml" || kind == "edge_list") return {"file"};
    return {};
}

// The origin a whole-section diagnostic points at: where the user wrote the section's kind, or
// else the section itself.
const scenario::Origin& where(const Value& section, std::string_view key) {
    const Value* v = section.find(key);
    return v && v->origin.line > 0 ? v->origin : section.origin;
}

std::vector<double> reals(const Value& list, std::string_view key = {}) {
    std::vector<double> out;
    for (const Value& v : list.as_list()) out.push_back(key.empty() ? v.as_real() : v.at(key).as_real());
    return out;
}

net::Jitter jitter_of(const Value& j) {
    const std::string& law = j.at("law").as_string();
    const double spread = j.at("spread").as_real();
    if (law == "pareto") return net::Jitter::pareto();
    if (law == "uniform") return net::Jitter::uniform(spread);
    if (law == "lognormal") return net::Jitter::lognormal(spread);
    return net::Jitter::fixed();
}

// A path written in the scenario is relative to the file that wrote it; one from `--set` or
// a text without a file, to the working directory.
std::filesystem::path resolve(const Value& file) {
    const std::filesystem::path p = file.as_string();
    const std::filesystem::path source = file.origin.source;
    std::error_code ec;
    if (p.is_relative() && std::filesystem::is_regular_file(source, ec)) {
        return source.parent_path() / p;
    }
    return p;
}

void check_topology(const Value& net, const std::string& path, std::vector<Diagnostic>& out) {
    const Value& topo = net.at("topology");
    const std::string& kind = topo.at("kind").as_string();
    const std::vector<std::string> needed = needs(kind);
    for (const char* key : {"degree", "rewire", "attach", "file"}) {
        const Value* v = topo.find(key);
        const bool need = std::find(needed.begin(), needed.end(), key) != needed.end();
        if (need && !given(v)) {
            out.push_back({where(topo, "kind"), path + ".topology",
                           "topology " + kind + " needs `" + key + "`"});
        } else if (!need && given(v)) {
            out.push_back({v->origin, path + ".topology." + key,
                           "not used by topology " + kind});
        }
    }
    const Value& cdf = topo.at("outbound_cdf");
    if (kind == "region_based") {
        try {
            net::check_cdf(reals(cdf), "outbound_cdf");
        } catch (const net::TopologyError& e) {
            out.push_back({where(topo, "outbound_cdf"), path + ".topology.outbound_cdf", e.what()});
        }
    } else if (is_list_given(cdf)) {
        out.push_back({cdf.origin, path + ".topology.outbound_cdf", "not used by topology " + kind});
    }
    const Value* assignment = topo.find("assignment");
    if (given(assignment) && assignment->as_string() == "file" && kind != "graphml" &&
        kind != "edge_list") {
        out.push_back({assignment->origin, path + ".topology.assignment",
                       "`file` needs a loaded topology (graphml or edge_list)"});
    }
}

// The latency matrix's shape and every mean against the jitter law's domain.
void check_matrix(const Value& net, const std::string& path, std::vector<Diagnostic>& out) {
    const std::size_t regions = net.at("regions").as_list().size();
    const Value& latency = net.at("latency");
    const auto& rows = latency.as_list();
    const std::string size = std::to_string(regions);
    if (rows.size() != regions) {
        out.push_back({where(net, "latency"), path + ".latency",
                       "expected a " + size + " x " + size +
                           " matrix (a row and a column per region), got " +
                           std::to_string(rows.size()) + " rows"});
        return;
    }
    const net::Jitter jitter = jitter_of(net.at("jitter"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string row_path = path + ".latency." + std::to_string(i);
        const auto& row = rows[i].as_list();
        if (row.size() != regions) {
            out.push_back({rows[i].origin, row_path,
                           "row " + std::to_string(i) + " has " + std::to_string(row.size()) +
                               " entries, expected " + size + " (one per region)"});
            continue;
        }
        for (std::size_t j = 0; j < row.size(); ++j) {
            try {
                net::LatencyLaw(jitter, ms(row[j]));
            } catch (const std::invalid_argument& e) {
                out.push_back({row[j].origin, row_path + "." + std::to_string(j), e.what()});
            }
        }
    }
}

void check_graph_network(const Value& net, const std::string& path, std::vector<Diagnostic>& out) {
    const std::size_t before = out.size();
    check_topology(net, path, out);
    const Value& regions = net.at("regions");
    if (regions.as_list().empty()) {
        out.push_back({where(net, "topology"), path + ".regions",
                       "topology " + net.at("topology.kind").as_string() +
                           " needs at least one region"});
        return;
    }
    try {
        net::cdf_from_shares(reals(regions, "share"), "region shares");
    } catch (const net::TopologyError& e) {
        out.push_back({regions.origin, path + ".regions", e.what()});
    }
    check_matrix(net, path, out);
    const Value& relay = net.at("relay");
    if (relay.at("mode").as_string() == "direct" && relay.at("compact.enabled").as_bool()) {
        out.push_back({relay.at("compact.enabled").origin, path + ".relay.compact.enabled",
                       "compact blocks need relay mode `announce`"});
    }
    const Value& jitter = net.at("jitter");
    if (out.size() == before && least_latency(net) <= 0) {
        out.push_back({where(jitter, "law"), path + ".jitter",
                       "this law allows latencies down to 0, which leaves the parallel engine no "
                       "lookahead; use a law with a positive least value"});
    }
}

void check_complete_network(const Value& net, const std::string& path, std::vector<Diagnostic>& out) {
    for (const char* key : {"regions", "latency"}) {
        const Value& v = net.at(key);
        if (is_list_given(v)) {
            out.push_back({v.origin, path + "." + key,
                           "only graph topologies have regions and latencies; topology `complete` "
                           "uses `delay`"});
        }
    }
    check_topology(net, path, out);
}

// Builds core `core`'s instance of a checked network and reports what stops it from running.
void check_instance(const Value& net, const std::string& net_path, const std::string& core_name,
                    const Value& core, std::uint32_t core_index, std::uint64_t seed,
                    std::vector<Diagnostic>& out) {
    const NetworkSpec spec = *network_spec(net);
    const Value& topo = net.at("topology");
    const std::uint32_t nodes = static_cast<std::uint32_t>(core.at("nodes").as_int());
    const std::string for_core = "for core " + core_name + " (" + std::to_string(nodes) + " nodes): ";
    net::Graph g;
    try {
        g = build_graph(spec, nodes, seed, core_index);
    } catch (const net::TopologyError& e) {
        const bool file = given(topo.find("file"));
        out.push_back({file ? topo.at("file").origin : where(topo, "kind"),
                       net_path + (file ? ".topology.file" : ".topology"), for_core + e.what()});
        return;
    }
    const auto n = static_cast<std::uint32_t>(boost::num_vertices(g));
    if (n != nodes) {
        out.push_back({core.at("nodes").origin, "cores." + core_name + ".nodes",
                       "network " + net_path.substr(net_path.rfind('.') + 1) + "'s topology file has " +
                           std::to_string(n) + " nodes; a core on it needs as many"});
        return;
    }
    try {
        net::require_connected(g);
        build_network(spec, g, seed, core_index);
    } catch (const net::TopologyError& e) {
        out.push_back({where(topo, "kind"), net_path + ".topology", for_core + e.what()});
    } catch (const std::invalid_argument& e) {
        out.push_back({where(net, "regions"), net_path + ".regions", for_core + e.what()});
    }
}

}  // namespace

engine::Time least_latency(const Value& net) {
    if (net.at("topology.kind").as_string() == "complete") return net.at("delay").as_int();
    const net::Jitter jitter = jitter_of(net.at("jitter"));
    engine::Time least = engine::kNever;
    for (const Value& row : net.at("latency").as_list())
        for (const Value& m : row.as_list())
            least = std::min(least, net::LatencyLaw(jitter, ms(m)).min());
    return least;
}

std::vector<Diagnostic> check_networks(const Value& tree) {
    std::vector<Diagnostic> out;
    const Value* networks = tree.find("networks");
    if (!networks || !networks->is_map()) return out;
    std::map<std::string, bool, std::less<>> sound;  // network name -> no diagnostics
    for (const auto& [name, net] : networks->as_map()) {
        const std::size_t before = out.size();
        const std::string path = "networks." + name;
        if (net.at("topology.kind").as_string() == "complete") check_complete_network(net, path, out);
        else check_graph_network(net, path, out);
        sound[name] = out.size() == before;
    }
    const Value* cores = tree.find("cores");
    if (!cores || !cores->is_map()) return out;
    const auto seed = static_cast<std::uint64_t>(tree.at("seed").as_int());
    const Value* lookahead = tree.find_path("engine.lookahead");
    std::uint32_t index = 0;
    for (const auto& [name, core] : cores->as_map()) {
        const std::string& net_name = core.at("network").as_string();
        const auto it = sound.find(net_name);
        const std::uint32_t core_index = index++;
        if (it == sound.end() || !it->second) continue;  // unknown (check_world) or unsound
        const Value& net = networks->at(net_name);
        if (given(lookahead) && lookahead->as_int() > least_latency(net)) {
            out.push_back({lookahead->origin, "engine.lookahead",
                           "must be at most the least latency of network " + net_name + " (" +
                               millis_text(least_latency(net)) + " ms), or events would arrive in a window already run"});
        }
        if (net.at("topology.kind").as_string() != "complete") {
            check_instance(net, "networks." + net_name, name, core, core_index, seed, out);
        }
    }
    return out;
}

std::optional<NetworkSpec> network_spec(const Value& net) {
    const Value& topo = net.at("topology");
    const std::string& kind = topo.at("kind").as_string();
    if (kind == "complete") return std::nullopt;
    NetworkSpec s;
    TopologySpec& t = s.topology;
    t.kind = kKinds.find(kind)->second;
    const auto count = [&](std::string_view key) -> std::uint32_t {
        const Value* v = topo.find(key);
        return given(v) ? static_cast<std::uint32_t>(v->as_int()) : 0;
    };
    t.degree = count("degree");
    t.attach = count("attach");
    t.max_inbound = count("max_inbound");
    if (const Value* p = topo.find("rewire"); given(p)) t.rewire = p->as_real();
    t.outbound_cdf = reals(topo.at("outbound_cdf"));
    if (const Value* f = topo.find("file"); given(f)) t.file = resolve(*f);
    const Value* assignment = topo.find("assignment");
    const bool loaded = t.kind == TopologySpec::GraphMl || t.kind == TopologySpec::EdgeList;
    const std::string how = given(assignment) ? assignment->as_string() : loaded ? "file" : "stratified";
    if (how == "file") t.assignment = std::nullopt;
    else t.assignment = how == "independent" ? net::Assignment::independent : net::Assignment::stratified;

    const Value& regions = net.at("regions");
    s.region_shares = reals(regions, "share");
    const auto r = static_cast<Eigen::Index>(regions.as_list().size());
    s.links.latency_ms.resize(r, r);
    const auto& rows = net.at("latency").as_list();
    for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < r; ++j)
            s.links.latency_ms(i, j) =
                ms(rows[static_cast<std::size_t>(i)].as_list()[static_cast<std::size_t>(j)]);
    s.links.jitter = jitter_of(net.at("jitter"));
    for (const Value& region : regions.as_list()) {
        s.links.upload_bps.push_back(static_cast<double>(region.at("upload").as_int()));
        s.links.download_bps.push_back(static_cast<double>(region.at("download").as_int()));
    }
    const Value& relay = net.at("relay");
    s.links.small_message_extra = relay.at("small_message_extra").as_int();
    s.direct = relay.at("mode").as_string() == "direct";
    s.relay.processing = relay.at("processing").as_int();
    s.relay.sender_busy_until_arrival = relay.at("sender_busy_until_arrival").as_bool();
    const Value& compact = relay.at("compact");
    net::CompactRelay& c = s.relay.compact;
    c.enabled = compact.at("enabled").as_bool();
    c.compact_bytes = static_cast<std::uint32_t>(compact.at("size").as_int());
    c.usage_rate = compact.at("usage_rate").as_real();
    c.churn_rate = compact.at("churn_rate").as_real();
    c.failure_control = compact.at("failure_control").as_real();
    c.failure_churn = compact.at("failure_churn").as_real();
    return s;
}

}  // namespace ostsim::world
