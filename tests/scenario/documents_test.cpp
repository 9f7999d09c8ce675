// docs/scenario.schema.json and docs/scenario-reference.md are the generators' output for the
// current definitions, and the generators cover every kind of node.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scenario/definitions.hpp"
#include "scenario/json_schema.hpp"
#include "scenario/reference.hpp"

using namespace ostsim::scenario;

namespace {

std::string read(const std::string& file) {
    std::ifstream f(file);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// A schema with one node of each kind, as models will add them.
const Node& every_kind() {
    static const Node s = map({
        {"on", boolean().def("true").doc("b")},
        {"n", integer().def("4").at_least(1).at_most(9).doc("i")},
        {"x", real().opt().doc("r")},
        {"p", probability().def("25%").doc("p")},
        {"s", string().req().doc("s")},
        {"c", choice({"a", "b"}).def("a").doc("c")},
        {"t", duration().def("3s").above(0).doc("t")},
        {"z", size().def("535 kB").doc("z")},
        {"w", bandwidth().def("10 Mbit/s").doc("w")},
        {"g", gas().def("30M gas").doc("g")},
        {"a", amount().def("2.5 OST").doc("a")},
        {"cores", dict(map({{"k", integer().def("1").doc("k")}})).doc("d")},
        {"nodes", list(map({{"name", string().req().doc("n")}})).doc("l")},
        {"tags", list(string()).doc("l2")},
    }).doc("root");
    return s;
}

// Empty if equal, else the first line that differs, and how to regenerate the file.
std::string drift(const std::string& file, const std::string& generated, const std::string& command) {
    std::istringstream a(read(file)), b(generated);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool ea = !std::getline(a, la), eb = !std::getline(b, lb);
        if (ea && eb) return {};
        if (ea || eb || la != lb) {
            return file + " differs from the definitions at line " + std::to_string(line) +
                   ":\n  committed: " + (ea ? "(end of file)" : la) +
                   "\n  generated: " + (eb ? "(end of output)" : lb) +
                   "\nregenerate it with\n  " + command;
        }
    }
}

}  // namespace

TEST(documents, json_schema_is_committed) {
    const std::string d = drift(OSTSIM_DOCS "/scenario.schema.json", json_schema(scenario_schema(), kSchemaVersion),
                                "build/release/sim/cli/ostsim schema > docs/scenario.schema.json");
    EXPECT_TRUE(d.empty()) << d;
}

TEST(documents, reference_is_committed) {
    const std::string d = drift(OSTSIM_DOCS "/scenario-reference.md", reference_markdown(scenario_schema(), kSchemaVersion),
                                "build/release/sim/cli/ostsim reference > docs/scenario-reference.md");
    EXPECT_TRUE(d.empty()) << d;
}

TEST(documents, json_schema_maps_every_kind) {
    const auto j = nlohmann::json::parse(json_schema(every_kind(), 1));
    const auto& p = j["properties"];
    EXPECT_EQ(j["required"], nlohmann::json({"s"}));
    EXPECT_EQ(j["additionalProperties"], false);
    EXPECT_EQ(p["include"]["$ref"], "#/$defs/include");
    EXPECT_EQ(p["on"]["type"], "boolean");
    EXPECT_EQ(p["on"]["default"], true);
    EXPECT_EQ(p["n"]["default"], 4);
    EXPECT_EQ(p["n"]["minimum"], 1);
    EXPECT_EQ(p["n"]["maximum"], 9);
    EXPECT_EQ(p["p"]["default"], 0.25);
    EXPECT_EQ(p["c"]["enum"], nlohmann::json({"a", "b"}));
    EXPECT_EQ(p["t"]["type"], "string");
    EXPECT_EQ(p["t"]["default"], "3s");
    EXPECT_EQ(p["t"]["description"], "t");
    EXPECT_NE(p["t"]["pattern"].get<std::string>().find("m\\s*i\\s*n"), std::string::npos);
    EXPECT_NE(p["a"]["pattern"].get<std::string>().find("O\\s*S\\s*T"), std::string::npos);
    EXPECT_EQ(p["cores"]["additionalProperties"]["properties"]["k"]["default"], 1);
    EXPECT_EQ(p["nodes"]["items"]["required"], nlohmann::json({"name"}));
    EXPECT_EQ(p["tags"]["items"]["type"], nlohmann::json({"string", "number", "boolean"}));
}

TEST(documents, reference_has_a_row_per_key) {
    const std::string md = reference_markdown(every_kind(), 1);
    for (const char* row : {
             "| `n` | integer, between 1 and 9 |  | `4` | i |",
             "| `s` | string |  | required | s |",
             "| `x` | real |  | absent | r |",
             "| `c` | one of `a`, `b` |  | `a` | c |",
             "| `t` | duration, > 0s | ns | `3s` | t |",
             "| `cores.<name>.k` | integer |  | `1` | k |",
             "| `nodes.<i>.name` | string |  | required | n |",
             "| `tags` | list of string |  | empty | l2 |",
             "| duration | ns | `3s` | `d`, `h`, `min`, `s`, `ms`, `us`, `ns`, `µs` |",
         }) {
        EXPECT_NE(md.find(row), std::string::npos) << row << "\n" << md;
    }
}
