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
