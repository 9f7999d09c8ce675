#include <charconv>
#include <fstream>
#include <limits>
#include <string>

#include "net/graph_io.hpp"

namespace ostsim::net {

namespace {

// The next whitespace-separated token of `s` from `pos`, empty at the end.
std::string_view token(std::string_view s, std::size_t& pos) {
    pos = s.find_first_not_of(" \t\r", pos);
    if (pos == std::string_view::npos) return (pos = s.size(), std::string_view{});
    std::size_t end = std::min(s.find_first_of(" \t\r", pos), s.size());
    std::string_view t = s.substr(pos, end - pos);
    pos = end;
    return t;
}

}  // namespace

Graph read_edge_list(std::istream& in, std::string_view source) {
    std::vector<Edge> edges;
    NodeId max_id = 0;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        std::string_view s(line);
        s = s.substr(0, s.find('#'));
        std::size_t pos = 0;
        std::string_view t[3] = {token(s, pos), token(s, pos), token(s, pos)};
        if (t[0].empty()) continue;
        auto where = [&] { return std::string(source) + ":" + std::to_string(number) + ": "; };
        if (t[1].empty() || !t[2].empty()) {
            throw TopologyError(where() + "expected two node ids, got '" + std::string(s) + "'");
        }
        NodeId id[2];
        for (int i = 0; i < 2; ++i) {
            auto [end, ec] = std::from_chars(t[i].data(), t[i].data() + t[i].size(), id[i]);
            if (ec != std::errc{} || end != t[i].data() + t[i].size() ||
                id[i] == std::numeric_limits<NodeId>::max()) {
                throw TopologyError(where() + "'" + std::string(t[i]) +
                                    "' is not a node id (an integer from 0 to 2^32 - 2)");
            }
        }
        if (id[0] == id[1]) {
            throw TopologyError(where() + "self loop at node " + std::to_string(id[0]));
        }
        edges.emplace_back(id[0], id[1]);
        max_id = std::max({max_id, id[0], id[1]});
    }
    if (in.bad()) throw TopologyError(std::string(source) + ": read error");
    if (edges.empty()) throw TopologyError(std::string(source) + ": no edges");
    return graph_from_input(max_id + 1, std::move(edges), source);
}

Graph load_edge_list(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw TopologyError(file.string() + ": cannot open edge list file");
    return read_edge_list(in, file.string());
}

}  // namespace ostsim::net
