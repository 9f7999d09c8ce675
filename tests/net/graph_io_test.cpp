// GraphML and edge-list loading, from the small files in tests/net/data.
#include <gtest/gtest.h>

#include <sstream>

#include "graph_checks.hpp"
#include "net/graph_io.hpp"

namespace ostsim::net {
namespace {

const std::string kData = OSTSIM_NET_TEST_DATA;

template <class F>
std::string error_of(F load) {
    try {
        load();
    } catch (const TopologyError& e) {
        return e.what();
    }
    return "no error";
}

TEST(net_graph_io, GraphMlWithRegions) {
    Graph g = load_graphml(kData + "/four_nodes.graphml");
    ASSERT_EQ(boost::num_vertices(g), 4u);
    EXPECT_EQ(test::sorted_edges(g), (std::vector<Edge>{{0, 1}, {0, 2}, {1, 2}, {2, 3}}));
    EXPECT_EQ(g[0].region, 0u);
    EXPECT_EQ(g[1].region, 2u);
    EXPECT_EQ(g[2].region, 1u);
    EXPECT_EQ(g[3].region, 2u);
}

TEST(net_graph_io, GraphMlWithoutRegionsIsRegionZero) {
    Graph g = load_graphml(kData + "/no_regions.graphml");
    EXPECT_EQ(test::sorted_edges(g), (std::vector<Edge>{{0, 1}, {1, 2}}));
    for (NodeId v = 0; v < 3; ++v) EXPECT_EQ(g[v].region, 0u);
}

TEST(net_graph_io, GraphMlErrorsNameTheFile) {
    const std::string f = kData + "/negative_region.graphml";
    EXPECT_EQ(error_of([&] { load_graphml(f); }), f + ": node 1 has region -1; regions are integers >= 0");
    const std::string s = kData + "/self_loop.graphml";
    EXPECT_EQ(error_of([&] { load_graphml(s); }),
              s + ": self loop at node 1 (a node cannot be its own neighbour)");
    const std::string t = kData + "/truncated.graphml";
    EXPECT_EQ(error_of([&] { load_graphml(t); }).rfind(t + ": not a readable GraphML graph: ", 0), 0u);
    EXPECT_EQ(error_of([&] { load_graphml(kData + "/absent.graphml"); }),
              kData + "/absent.graphml: cannot open GraphML file");
}

// networkx writes integers as "long"; a file without attr.type gives strings.
TEST(net_graph_io, GraphMlRegionAsLongOrString) {
    for (const char* type : {"long", "string"}) {
        std::istringstream in(std::string(R"(<graphml><key id="r" for="node" attr.name="region" attr.type=")") +
                              type + R"("/><graph edgedefault="undirected">
            <node id="0"><data key="r">3</data></node><node id="1"><data key="r">1</data></node>
            <edge source="0" target="1"/></graph></graphml>)");
        Graph g = read_graphml(in, type);
        EXPECT_EQ(g[0].region, 3u) << type;
        EXPECT_EQ(g[1].region, 1u) << type;
    }
    std::istringstream bad(R"(<graphml><key id="r" for="node" attr.name="region" attr.type="string"/>
        <graph edgedefault="undirected"><node id="0"><data key="r">east</data></node></graph></graphml>)");
    EXPECT_EQ(error_of([&] { read_graphml(bad, "bad"); }),
              "bad: node 0 has region east; regions are integers >= 0");
    std::istringstream real(R"(<graphml><key id="r" for="node" attr.name="region" attr.type="double"/>
        <graph edgedefault="undirected"><node id="0"><data key="r">1.5</data></node></graph></graphml>)");
    EXPECT_EQ(error_of([&] { read_graphml(real, "real"); }),
              "real: the region attribute must be declared int, long or string");
}

TEST(net_graph_io, EdgeListKeepsRepeatsOnce) {
    Graph g = load_edge_list(kData + "/simblock_dump.txt");
    ASSERT_EQ(boost::num_vertices(g), 4u);
    EXPECT_EQ(test::sorted_edges(g), (std::vector<Edge>{{0, 1}, {1, 2}, {2, 3}}));
}

TEST(net_graph_io, EdgeListErrorsNameFileAndLine) {
    const std::string d = kData + "/";
    EXPECT_EQ(error_of([&] { load_edge_list(d + "self_loop.txt"); }),
              d + "self_loop.txt:2: self loop at node 2");
    EXPECT_EQ(error_of([&] { load_edge_list(d + "bad_token.txt"); }),
              d + "bad_token.txt:2: 'x' is not a node id (an integer from 0 to 2^32 - 2)");
    EXPECT_EQ(error_of([&] { load_edge_list(d + "three_columns.txt"); }),
              d + "three_columns.txt:1: expected two node ids, got '0 1 7'");
    std::istringstream empty("# nothing\n");
    EXPECT_EQ(error_of([&] { read_edge_list(empty, "empty"); }), "empty: no edges");
    std::istringstream negative("0 -1\n");
    EXPECT_EQ(error_of([&] { read_edge_list(negative, "neg"); }),
              "neg:1: '-1' is not a node id (an integer from 0 to 2^32 - 2)");
}

}  // namespace
}  // namespace ostsim::net
