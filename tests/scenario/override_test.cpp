#include <gtest/gtest.h>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

using namespace ostsim::scenario;

namespace {

Loaded load(const std::string& text, const std::vector<std::string>& sets) {
    return load_text(scenario_schema(), text, "x.yaml", sets);
}

// A small schema with a list of named items, as `nodes` or `cores` lists will be.
const Node& list_schema() {
    static const Node s = map({
        {"nodes", list(map({{"name", string().req().doc("n")},
                            {"delay", duration().def("1s").doc("d")}}))
                      .doc("nodes")},
        {"cores", dict(map({{"block_time", duration().def("3s").doc("b")}})).doc("cores")},
    });
    return s;
}

}  // namespace

TEST(overrides, typed_with_units) {
    const Loaded s = load("phold: {nlp: 8}\n", {"phold.nlp=64", "duration=2 min", "phold.mean=2s"});
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("phold.nlp").as_int(), 64);
    EXPECT_EQ(s.tree.at("duration").as_int(), 120'000'000'000);
    EXPECT_EQ(s.tree.at("phold.nlp").origin.source, "--set phold.nlp=64");
}

TEST(overrides, create_optional_sections_and_merge_maps) {
    const Loaded s = load("seed: 1\n", {"phold={nlp: 5, events: 1}", "phold.remote=0.5"});
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("phold.nlp").as_int(), 5);
    EXPECT_DOUBLE_EQ(s.tree.at("phold.remote").as_real(), 0.5);
    EXPECT_EQ(s.tree.at("phold.mean").as_int(), 1'000'000'000);  // defaults still filled
}

TEST(overrides, errors_name_the_override) {
    const Loaded s = load("seed: 1\n", {"phold.nlp=abc", "phold.nlpp=3", "seed", "seed.x=1",
                                        "duration=fast"});
    EXPECT_EQ(format(s.errors),
              "--set phold.nlp=abc: phold.nlp: expected an integer, got \"abc\"\n"
              "--set phold.nlpp=3: phold.nlpp: unknown key (did you mean \"nlp\"?)\n"
              "--set seed: expected path=value, e.g. --set phold.nlp=64\n"
              "--set seed.x=1: seed.x: seed is an integer; it has no key \"x\"\n"
              "--set duration=fast: duration: expected a duration like \"3s\", got \"fast\"\n");
}

TEST(overrides, list_items_by_index_or_by_name) {
    const std::string text = "nodes:\n  - {name: alice}\n  - {name: bob, delay: 2s}\n"
                             "cores: {aux1: {}}\n";
    const Loaded s = load_text(list_schema(), text, "x.yaml",
                               {"nodes.0.delay=5ms", "nodes.bob.delay=7ms",
                                "cores.aux1.block_time=1s"});
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("nodes.0.delay").as_int(), 5'000'000);
    EXPECT_EQ(s.tree.at("nodes.1.delay").as_int(), 7'000'000);
    EXPECT_EQ(s.tree.at("cores.aux1.block_time").as_int(), 1'000'000'000);
    const Loaded bad = load_text(list_schema(), text, "x.yaml", {"nodes.bobb.delay=1s", "nodes.5.delay=1s"});
    EXPECT_EQ(format(bad.errors),
              "--set nodes.bobb.delay=1s: nodes.bobb: unknown item name (did you mean \"bob\"?)\n"
              "--set nodes.5.delay=1s: nodes.5: no item 5 (the list has 2)\n");
}

TEST(overrides, duplicate_names_in_a_list_are_errors) {
    const Loaded s = load_text(list_schema(), "nodes: [{name: a}, {name: a}]\n", "x.yaml");
    EXPECT_EQ(format(s.errors), "x.yaml:1:27: nodes.1.name: duplicate name \"a\" (also item 0)\n");
}
