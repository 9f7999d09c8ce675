// Sweep expansion: products, lockstep groups, ranges, constraints, seeds, and the errors of each.
#include <gtest/gtest.h>

#include <set>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"
#include "scenario/sweep.hpp"

using namespace ostsim::scenario;

namespace {

Sweep expand(const std::string& text) {
    const Loaded s = load_text(scenario_schema(), "seed: 7\nphold: {}\n" + text, "x.yaml");
    EXPECT_TRUE(s.ok()) << format(s.errors);
    return expand_sweep(s.tree, scenario_schema());
}

std::vector<std::string> labels(const Sweep& s) {
    std::vector<std::string> out;
    for (const SweepRun& r : s.runs) out.push_back(Sweep::id(r) + " " + s.label(r));
    return out;
}

}  // namespace

TEST(sweep, no_sweep_section_is_one_run_with_the_scenario_seed) {
    const Sweep s = expand("");
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s.runs.size(), 1u);
    EXPECT_EQ(s.runs[0].seed, 7);
    EXPECT_EQ(s.overrides(s.runs[0]), std::vector<std::string>{"seed=7"});
}

TEST(sweep, cartesian_product_first_variable_slowest) {
    const Sweep s = expand(
        "sweep:\n  variables:\n"
        "    nlp: {path: phold.nlp, values: [64, 128, 256]}\n"
        "    mean: {path: phold.mean, values: [1s, 2s]}\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.product, 6u);
    EXPECT_EQ(s.configurations, 6u);
    EXPECT_EQ(labels(s), (std::vector<std::string>{
                             "c0000-r00 nlp=64, mean=1s", "c0001-r00 nlp=64, mean=2s",
                             "c0002-r00 nlp=128, mean=1s", "c0003-r00 nlp=128, mean=2s",
                             "c0004-r00 nlp=256, mean=1s", "c0005-r00 nlp=256, mean=2s"}));
    EXPECT_EQ(s.overrides(s.runs[3]),
              (std::vector<std::string>{"phold.nlp=\"128\"", "phold.mean=\"2s\"", "seed=7"}));
}

TEST(sweep, lockstep_groups_advance_together) {
    const Sweep s = expand(
        "sweep:\n  variables:\n"
        "    a: {path: phold.nlp, values: [1, 2, 3]}\n"
        "    r: {path: phold.remote, values: [10%, 20%]}\n"
        "    b: {path: phold.events, values: [4, 5, 6]}\n"
        "  lockstep: [[a, b]]\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.product, 6u);
    EXPECT_EQ(labels(s), (std::vector<std::string>{
                             "c0000-r00 a=1, r=10%, b=4", "c0001-r00 a=1, r=20%, b=4",
                             "c0002-r00 a=2, r=10%, b=5", "c0003-r00 a=2, r=20%, b=5",
                             "c0004-r00 a=3, r=10%, b=6", "c0005-r00 a=3, r=20%, b=6"}));
}

TEST(sweep, lockstep_errors) {
    const Sweep s = expand(
        "sweep:\n  variables:\n"
        "    a: {path: phold.nlp, values: [1, 2, 3]}\n"
        "    b: {path: phold.events, values: [4, 5]}\n"
        "  lockstep: [[a, b], [a, c]]\n");
    EXPECT_EQ(format(s.errors),
              "x.yaml:7:14: sweep.lockstep.0: lockstep variables need equally many values: \"a\" "
              "has 3, \"b\" has 2\n"
              "x.yaml:7:23: sweep.lockstep.1.0: \"a\" is already in lockstep group 0\n"
              "x.yaml:7:26: sweep.lockstep.1.1: unknown variable \"c\" (did you mean \"a\"?)\n");
}

TEST(sweep, ranges_are_exact_decimals_with_units) {
    const Sweep s = expand(
        "sweep:\n  variables:\n"
        "    mean: {path: phold.mean, from: 0.1, to: 0.3, step: 0.1, unit: s}\n"
        "    nlp: {path: phold.nlp, from: 64, to: 200, step: 64}\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.variables[0].values, (std::vector<std::string>{"0.1s", "0.2s", "0.3s"}));
    EXPECT_EQ(s.variables[1].values, (std::vector<std::string>{"64", "128", "192"}));
    EXPECT_EQ(s.runs.size(), 9u);
}

TEST(sweep, constraint_filters_and_keeps_product_indices) {
    const Sweep s = expand(
        "sweep:\n  variables:\n"
        "    mean: {path: phold.mean, values: [100ms, 1s, 2s]}\n"
        "    lookahead: {path: phold.lookahead, values: [100ms, 500ms]}\n"
        "  constraint: mean >= 2 * lookahead\n"
        "  repetitions: 2\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    EXPECT_EQ(s.product, 6u);
    EXPECT_EQ(s.configurations, 4u);
    EXPECT_EQ(labels(s), (std::vector<std::string>{
                             "c0002-r00 mean=1s, lookahead=100ms", "c0002-r01 mean=1s, lookahead=100ms",
                             "c0003-r00 mean=1s, lookahead=500ms", "c0003-r01 mean=1s, lookahead=500ms",
                             "c0004-r00 mean=2s, lookahead=100ms", "c0004-r01 mean=2s, lookahead=100ms",
                             "c0005-r00 mean=2s, lookahead=500ms", "c0005-r01 mean=2s, lookahead=500ms"}));
}

TEST(sweep, seeds_are_common_across_configurations) {
    const Sweep s = expand(
        "sweep:\n  variables:\n    nlp: {path: phold.nlp, values: [1, 2, 3]}\n  repetitions: 4\n");
    ASSERT_TRUE(s.ok()) << format(s.errors);
    ASSERT_EQ(s.runs.size(), 12u);
    std::set<std::int64_t> distinct;
    for (const SweepRun& r : s.runs) {
        EXPECT_EQ(r.seed, repetition_seed(7, r.repetition));
        EXPECT_GE(r.seed, 0);
        distinct.insert(r.seed);
    }
    EXPECT_EQ(distinct.size(), 4u);
    EXPECT_EQ(s.runs[0].seed, 7);  // repetition 0 is the scenario's own seed
    // SplitMix64 from state 7 (Vigna's reference, computed in Python): outputs
    // 0x63cbe1e459320dd7, 0x044c3cd7f43c661c, each shifted right one bit.
    EXPECT_EQ(repetition_seed(7, 1), static_cast<std::int64_t>(0x63cbe1e459320dd7ULL >> 1));
    EXPECT_EQ(repetition_seed(7, 2), static_cast<std::int64_t>(0x044c3cd7f43c661cULL >> 1));
}

TEST(sweep, variable_errors_point_at_the_values) {
    const Sweep s = expand(
        "sweep:\n  variables:\n"
        "    a: {path: phold.mean, values: [1s, fast]}\n"
        "    b: {path: phold.nlpp, values: [1]}\n"
        "    c: {path: phold, values: [1]}\n"
        "    d: {path: seed, values: [1, 2]}\n"
        "    e: {path: phold.nlp}\n"
        "    f: {path: phold.events, from: 1, to: 5}\n"
        "    g: {path: phold.remote, values: [0.1], from: 1, to: 2, step: 1}\n"
        "    h: {path: phold.lookahead, from: 5, to: 1, step: 1, unit: ms}\n"
        "    i: {path: phold.mean, values: [2s]}\n");
    EXPECT_EQ(format(s.errors),
              "x.yaml:5:40: sweep.variables.a.values.1: expected a duration like \"3s\", got \"fast\"\n"
              "x.yaml:6:15: sweep.variables.b.path: \"phold.nlpp\": unknown key (did you mean \"nlp\"?)\n"
              "x.yaml:7:15: sweep.variables.c.path: \"phold\" is a mapping; a variable sets "
              "one key of a single value\n"
              "x.yaml:8:15: sweep.variables.d.path: the seed is chosen per repetition (common random "
              "numbers); use `repetitions`\n"
              "x.yaml:9:8: sweep.variables.e: expected `values` (a non-empty list) or a range "
              "(`from`, `to`, `step`)\n"
              "x.yaml:10:8: sweep.variables.f: a range needs `from`, `to` and `step`; `step` is missing\n"
              "x.yaml:11:50: sweep.variables.g: give `values` or a range (`from`, `to`, `step`), not both\n"
              "x.yaml:12:45: sweep.variables.h.to: the range is empty: `to` 1 is below `from` 5\n"
              "x.yaml:13:15: sweep.variables.i.path: variable \"a\" sets this key already\n");
}

TEST(sweep, constraint_errors_point_at_the_constraint) {
    const std::string vars = "sweep:\n  variables:\n    nlp: {path: phold.nlp, values: [1, 2]}\n";
    EXPECT_EQ(format(expand(vars + "  constraint: nlp <= 1s\n").errors),
              "x.yaml:6:15: sweep.constraint: cannot compare a plain number with a duration (at "
              "character 5 of \"nlp <= 1s\")\n");
    EXPECT_EQ(format(expand(vars + "  constraint: nlp > 5\n").errors),
              "x.yaml:6:15: sweep.constraint: no configuration of the 2 satisfies \"nlp > 5\"\n");
}

TEST(sweep, attribute_points_run_errors_at_sweep_values) {
    const Sweep s = expand("sweep:\n  variables:\n    la: {path: phold.lookahead, values: [2s]}\n");
    ASSERT_TRUE(s.ok());
    const SweepRun& r = s.runs[0];
    std::vector<Diagnostic> d{{Origin{"--set " + s.overrides(r)[0]}, "phold.lookahead", "must be at most phold.mean"}};
    s.attribute(d, r);
    EXPECT_EQ(format(d), "x.yaml:5:42: phold.lookahead: must be at most phold.mean (configuration 0: la=2s)\n");
}

TEST(sweep, runs_load_with_their_overrides) {
    const std::string text =
        "phold: {}\nsweep:\n  variables:\n    level: {path: trace.level, values: [none, \"full\"]}\n"
        "    d: {path: duration, values: [\"1.5 min\"]}\n";
    const Loaded base = load_text(scenario_schema(), text, "x.yaml");
    ASSERT_TRUE(base.ok()) << format(base.errors);
    const Sweep s = expand_sweep(base.tree, scenario_schema());
    ASSERT_EQ(s.runs.size(), 2u);
    const Loaded run = load_text(scenario_schema(), text, "x.yaml", s.overrides(s.runs[1]));
    ASSERT_TRUE(run.ok()) << format(run.errors);
    EXPECT_EQ(run.tree.at("trace.level").as_string(), "full");
    EXPECT_EQ(run.tree.at("duration").as_int(), 90'000'000'000);
}
