#include <boost/graph/graphml.hpp>

#include <charconv>
#include <fstream>
#include <string>

#include "net/graph_io.hpp"

namespace ostsim::net {

namespace {

using RawGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using RawVertex = boost::graph_traits<RawGraph>::vertex_descriptor;

// The "region" attribute as a file declares it: boost::read_graphml hands over a value of the
// declared type (int by hand, long from networkx, string without a type), which Boost's own
// typed maps reject unless it matches theirs exactly.
class RegionMap final : public boost::dynamic_property_map {
  public:
    explicit RegionMap(std::vector<std::uint32_t>& region) : region_(region) {}

    void put(const boost::any& key, const boost::any& value) override {
        const auto v = boost::any_cast<RawVertex>(key);
        long long r = -1;
        std::string text;
        if (const int* i = boost::any_cast<int>(&value)) {
            r = *i;
            text = std::to_string(*i);
        } else if (const long* l = boost::any_cast<long>(&value)) {
            r = *l;
            text = std::to_string(*l);
        } else if (const std::string* s = boost::any_cast<std::string>(&value)) {
            text = *s;
            auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), r);
            if (ec != std::errc{} || end != s->data() + s->size()) r = -1;
        } else {
            throw TopologyError("the region attribute must be declared int, long or string");
        }
        if (r < 0 || r > 0xfffffffeLL) {
            throw TopologyError("node " + std::to_string(v) + " has region " + text +
                                "; regions are integers >= 0");
        }
        if (v >= region_.size()) region_.resize(v + 1, 0);
        region_[v] = static_cast<std::uint32_t>(r);
    }
    boost::any get(const boost::any& key) override {
        const auto v = boost::any_cast<RawVertex>(key);
        return v < region_.size() ? region_[v] : 0u;
    }
    std::string get_string(const boost::any& key) override {
        return std::to_string(boost::any_cast<std::uint32_t>(get(key)));
    }
    const std::type_info& key() const override { return typeid(RawVertex); }
    const std::type_info& value() const override { return typeid(std::uint32_t); }

  private:
    std::vector<std::uint32_t>& region_;
};

}  // namespace

Graph read_graphml(std::istream& in, std::string_view source) {
    RawGraph raw;
    std::vector<std::uint32_t> region;
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.insert("region", boost::make_shared<RegionMap>(region));
    try {
        boost::read_graphml(in, raw, dp);
    } catch (const TopologyError& e) {
        throw TopologyError(std::string(source) + ": " + e.what());
    } catch (const std::exception& e) {
        throw TopologyError(std::string(source) + ": not a readable GraphML graph: " + e.what());
    }
    const std::size_t n = boost::num_vertices(raw);
    if (n >= 0xffffffffu) throw TopologyError(std::string(source) + ": too many nodes");
    std::vector<Edge> edges;
    edges.reserve(boost::num_edges(raw));
    for (auto e : boost::make_iterator_range(boost::edges(raw))) {
        edges.emplace_back(static_cast<NodeId>(boost::source(e, raw)),
                           static_cast<NodeId>(boost::target(e, raw)));
    }
    Graph g = graph_from_input(static_cast<std::uint32_t>(n), std::move(edges), source);
    for (NodeId v = 0; v < std::min<std::size_t>(n, region.size()); ++v) g[v].region = region[v];
    return g;
}

Graph load_graphml(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw TopologyError(file.string() + ": cannot open GraphML file");
    return read_graphml(in, file.string());
}

}  // namespace ostsim::net
