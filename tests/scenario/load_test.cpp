#include <gtest/gtest.h>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

using namespace ostsim::scenario;

namespace {

const std::string kData = OSTSIM_SCENARIO_DATA;

Loaded load(const std::string& text, const std::vector<std::string>& sets = {}) {
    return load_text(scenario_schema(), text, "x.yaml", sets, kData);
}

}  // namespace

TEST(load, fills_every_default_in_schema_order) {
    const Loaded s = load("seed: 7\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("seed").as_int(), 7);
    EXPECT_EQ(s.tree.at("name").as_string(), "scenario");
    EXPECT_EQ(s.tree.at("duration").as_int(), 100'000'000'000);
    EXPECT_EQ(s.tree.at("trace.level").as_string(), "standard");
    EXPECT_EQ(s.tree.at("engine.partitions").as_int(), 0);
    EXPECT_EQ(s.tree.find("phold"), nullptr);  // optional section, absent
    EXPECT_EQ(s.tree.find_path("engine.lookahead"), nullptr);
    EXPECT_EQ(s.tree.as_map().front().key, "name");
}

TEST(load, units_and_origins) {
    const Loaded s = load("duration: 1.5 min\nphold:\n  mean: 250ms\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("duration").as_int(), 90'000'000'000);
    const Value& mean = s.tree.at("phold.mean");
    EXPECT_EQ(mean.as_int(), 250'000'000);
    EXPECT_EQ(mean.origin.source, "x.yaml");
    EXPECT_EQ(mean.origin.line, 3);
    EXPECT_EQ(mean.origin.column, 9);
    EXPECT_EQ(s.tree.at("phold.nlp").origin.source, "default");
    EXPECT_EQ(s.tree.at("phold.nlp").as_int(), 4096);
}

TEST(load, anchors_and_aliases) {
    const Loaded s = load("duration: &d 20s\nphold:\n  end: *d\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("phold.end").as_int(), 20'000'000'000);
}

TEST(load, merge_key_from_one_anchor_own_keys_win_whole) {
    // YAML 1.1 merge: aux takes origin's keys; its own `consensus` replaces origin's whole (its
    // `confirmations` is aux's default, not origin's 12), as a merge is shallow.
    const Loaded s = load(
        "networks: {wan: {delay: 1ms}}\n"
        "cores:\n"
        "  origin: &core\n"
        "    network: wan\n"
        "    nodes: 7\n"
        "    consensus: {rule: pow, block_time: 15s, confirmations: 12}\n"
        "  aux:\n"
        "    <<: *core\n"
        "    consensus: {rule: pow, block_time: 3s}\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("cores.aux.nodes").as_int(), 7);
    EXPECT_EQ(s.tree.at("cores.aux.nodes").origin.line, 5);  // where the anchor wrote it
    EXPECT_EQ(s.tree.at("cores.aux.consensus.block_time").as_int(), 3'000'000'000);
    EXPECT_EQ(s.tree.at("cores.aux.consensus.confirmations").origin.source, "default");
    EXPECT_EQ(s.tree.at("cores.origin.consensus.confirmations").as_int(), 12);
}

TEST(load, merge_key_list_first_mapping_wins_and_beats_includes) {
    const Loaded s = load(
        "duration: 20s\n"
        "phold: {nlp: &a 1, events: 2}\n"
        "engine: &e {partitions: 3}\n"
        "sweep:\n"
        "  variables:\n"
        "    x: &x {path: phold.nlp, values: [1, 2]}\n"
        "    y:\n"
        "      <<: [{path: phold.events, values: [5]}, *x]\n"
        "      values: [7, 8]\n"
        "threads: *a\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("sweep.variables.y.path").as_string(), "phold.events");
    EXPECT_EQ(s.tree.at("sweep.variables.y.values").as_list().size(), 2u);
    // A merge under a file that includes another: merged keys count as written in the file.
    const Loaded inc = load("include: fragments/engine.yaml\nengine:\n  <<: {partitions: 9}\n");
    ASSERT_TRUE(inc.ok()) << format(inc.errors);
    EXPECT_EQ(inc.tree.at("engine.partitions").as_int(), 9);
}

TEST(load, merge_key_into_named_items_keeps_merged_names_first) {
    const Loaded s = load(
        "networks:\n"
        "  <<: {wan: {delay: 1ms}, lan: {delay: 2ms}}\n"
        "  dc: {delay: 3ms}\n"
        "  lan: {delay: 4ms}\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    std::vector<std::string> names;
    for (const Entry& e : s.tree.at("networks").as_map()) names.push_back(e.key);
    EXPECT_EQ(names, (std::vector<std::string>{"wan", "lan", "dc"}));
    EXPECT_EQ(s.tree.at("networks.lan.delay").as_int(), 4'000'000);
}

TEST(load, include_merges_and_own_keys_win) {
    const Loaded s = load_file(scenario_schema(), kData + "/with_include.yaml");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.tree.at("engine.partitions").as_int(), 4);
    EXPECT_EQ(s.tree.at("phold.events").as_int(), 2);
    EXPECT_EQ(s.tree.at("phold.nlp").as_int(), 64);
    EXPECT_EQ(s.tree.at("engine.partitions").origin.source, kData + "/fragments/engine.yaml");
}

TEST(load, dump_reparses_to_the_same_tree) {
    const Loaded s = load(
        "name: \"1\"\ndescription: 'true'\nduration: 1.5 min\nphold: {remote: 10%, end: 30s}\n"
        "sweep:\n  variables:\n    n: {path: phold.nlp, values: [1, 2]}\n  lockstep: [[n]]\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    const std::string text = dump(s.tree, scenario_schema());
    const Loaded again = load(text);
    ASSERT_TRUE(again.ok()) << format(again.errors) << text;
    EXPECT_EQ(again.tree, s.tree) << text;
    EXPECT_NE(text.find("duration: 90s"), std::string::npos) << text;
    EXPECT_EQ(dump(again.tree, scenario_schema()), text);
}

TEST(load, every_leaf_has_a_default_or_is_required_or_optional_and_a_doc) {
    std::vector<std::string> bad;
    auto walk = [&](auto& self, const Node& n, const std::string& path, bool field) -> void {
        if (n.help.empty() && field) bad.push_back(path + " (no doc)");
        if (n.is_leaf() && !n.fallback && !n.required && !n.optional) bad.push_back(path);
        for (const Field& f : n.fields) self(self, f.node, path.empty() ? f.key : path + "." + f.key, true);
        if (n.item && !n.item->is_leaf()) self(self, *n.item, path + ".*", false);
    };
    walk(walk, scenario_schema(), "", false);
    EXPECT_TRUE(bad.empty()) << bad.front();
}
