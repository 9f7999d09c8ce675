// Loading topologies from files. Errors (unreadable file, bad syntax, self loops, bad regions)
// throw TopologyError naming the file and, for edge lists, the line.
#pragma once

#include <filesystem>
#include <istream>
#include <string_view>

#include "net/graph.hpp"

namespace ostsim::net {

// GraphML (boost::read_graphml). Nodes are numbered in document order. An optional integer
// vertex attribute "region" (>= 0) sets regions, else they are 0; other attributes are
// ignored; edges are taken as undirected, repeats kept once. `source` names the input in errors.
Graph read_graphml(std::istream& in, std::string_view source);
Graph load_graphml(const std::filesystem::path& file);

// A plain edge list: one edge "u v" per line (non-negative integer ids, whitespace separated);
// blank lines and text after '#' are ignored. The graph has max id + 1 nodes (an id never
// named is an isolated node, which require_connected reports); repeats are kept once.
Graph read_edge_list(std::istream& in, std::string_view source);
Graph load_edge_list(const std::filesystem::path& file);

}  // namespace ostsim::net
