// The catalogue of scenario mistakes, each with the exact message a user sees.
#include <gtest/gtest.h>

#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

using namespace ostsim::scenario;

namespace {

const std::string kData = OSTSIM_SCENARIO_DATA;

std::string errors_of(const std::string& text) {
    return format(load_text(scenario_schema(), text, "x.yaml", {}, kData).errors);
}

std::string file_errors(const std::string& name) {
    return format(load_file(scenario_schema(), kData + "/" + name).errors);
}

}  // namespace

TEST(catalogue, wrong_type) {
    EXPECT_EQ(errors_of("phold:\n  nlp: many\n"),
              "x.yaml:2:8: phold.nlp: expected an integer, got \"many\"\n");
    EXPECT_EQ(errors_of("phold: 5\n"), "x.yaml:1:8: phold: expected a mapping of keys, got \"5\"\n");
    EXPECT_EQ(errors_of("duration: [1s]\n"),
              "x.yaml:1:11: duration: expected a duration like \"3s\", got a list\n");
}

TEST(catalogue, wrong_unit) {
    EXPECT_EQ(errors_of("duration: fast\n"),
              "x.yaml:1:11: duration: expected a duration like \"3s\", got \"fast\"\n");
    EXPECT_EQ(errors_of("phold:\n  mean: 10 Mbit\n"),
              "x.yaml:2:9: phold.mean: expected a duration like \"3s\", got \"10 Mbit\" (unknown "
              "unit \"Mbit\"; units: d, h, min, s, ms, us, ns, µs)\n");
}

TEST(catalogue, out_of_range_and_bad_choice) {
    EXPECT_EQ(errors_of("threads: 0\n"), "x.yaml:1:10: threads: expected an integer >= 1, got \"0\"\n");
    EXPECT_EQ(errors_of("duration: 0s\n"),
              "x.yaml:1:11: duration: expected a duration > 0s, got \"0s\"\n");
    EXPECT_EQ(errors_of("trace: {level: ful}\n"),
              "x.yaml:1:16: trace.level: expected one of \"none\", \"summary\", \"standard\", "
              "\"full\", got \"ful\" (did you mean \"full\"?)\n");
}

TEST(catalogue, unknown_key_with_did_you_mean) {
    EXPECT_EQ(errors_of("phold:\n  nlpp: 3\n"),
              "x.yaml:2:3: phold.nlpp: unknown key (did you mean \"nlp\"?)\n");
    EXPECT_EQ(errors_of("zzzzzz: 1\n"),
              "x.yaml:1:1: zzzzzz: unknown key; expected one of: include, name, description, "
              "seed, duration, threads, trace, engine, networks, cores, overlay, economies, phold, sweep\n");
}

TEST(catalogue, missing_required_key) {
    EXPECT_EQ(errors_of("sweep:\n  variables:\n    n: {values: [1]}\n"),
              "x.yaml:3:8: sweep.variables.n.path: missing required key\n");
}

TEST(catalogue, negative_amount_and_duration) {
    EXPECT_EQ(errors_of("phold: {mean: -1s}\n"),
              "x.yaml:1:15: phold.mean: expected a non-negative duration, got \"-1s\"\n");
}

TEST(catalogue, duplicate_key) {
    EXPECT_EQ(errors_of("seed: 1\nseed: 2\n"), "x.yaml:2:1: seed: duplicate key\n");
}

TEST(catalogue, all_errors_at_once) {
    EXPECT_EQ(errors_of("seed: x\nthreads: y\nphold: {nlp: z, mean: fast}\nbogus: 1\n"),
              "x.yaml:1:7: seed: expected an integer, got \"x\"\n"
              "x.yaml:2:10: threads: expected an integer, got \"y\"\n"
              "x.yaml:3:14: phold.nlp: expected an integer, got \"z\"\n"
              "x.yaml:3:23: phold.mean: expected a duration like \"3s\", got \"fast\"\n"
              "x.yaml:4:1: bogus: unknown key; expected one of: include, name, description, seed, "
              "duration, threads, trace, engine, networks, cores, overlay, economies, phold, sweep\n");
}

TEST(catalogue, merge_key_mistakes) {
    // A mistake in an anchored mapping is reported once, where it is written, not again where
    // it is merged; a mistake next to the merge key points at its own line.
    EXPECT_EQ(errors_of("phold: &p {nlp: many}\nengine:\n  <<: *p\n"),
              "x.yaml:1:17: phold.nlp: expected an integer, got \"many\"\n"
              "x.yaml:1:12: engine.nlp: unknown key; expected one of: include, lookahead, "
              "partitions\n");
    EXPECT_EQ(errors_of("phold:\n  <<: {nlp: 3}\n  mean: fast\n"),
              "x.yaml:3:9: phold.mean: expected a duration like \"3s\", got \"fast\"\n");
    EXPECT_EQ(errors_of("phold:\n  <<: 5\n"),
              "x.yaml:2:7: phold.<<: expected a mapping or a list of mappings to merge "
              "(`<<: *name`), got \"5\"\n");
    EXPECT_EQ(errors_of("phold:\n  <<: [{nlp: 3}, [1]]\n"),
              "x.yaml:2:18: phold.<<: expected a mapping or a list of mappings to merge "
              "(`<<: *name`), got a list\n");
    EXPECT_EQ(errors_of("phold: &p\n  <<: *p\n"),
              "x.yaml:1:8: phold.<<: a mapping cannot be merged into itself\n");
    // Quoted, "<<" is an ordinary key (and not one of phold's).
    EXPECT_EQ(errors_of("phold: {\"<<\": {nlp: 3}}\n"),
              "x.yaml:1:9: phold.<<: unknown key; expected one of: include, nlp, events, "
              "remote, mean, lookahead, end\n");
}

TEST(catalogue, empty_file) {
    EXPECT_EQ(file_errors("empty.yaml"),
              kData + "/empty.yaml: the file is empty; expected a mapping of scenario keys\n");
    EXPECT_EQ(file_errors("comment_only.yaml"),
              kData + "/comment_only.yaml: the file is empty; expected a mapping of scenario keys\n");
}

TEST(catalogue, binary_garbage) {
    EXPECT_EQ(file_errors("binary.yaml"),
              kData + "/binary.yaml: not a text file (byte 0x00 at offset 8 is not UTF-8 text)\n");
}

TEST(catalogue, yaml_syntax_error) {
    EXPECT_EQ(errors_of("phold: {nlp: 3\n"),
              "x.yaml:2:1: YAML syntax error: end of map flow not found\n");
}

TEST(catalogue, missing_file) {
    EXPECT_EQ(file_errors("nope.yaml"),
              kData + "/nope.yaml: cannot read scenario file: No such file or directory\n");
}

TEST(catalogue, bad_include) {
    EXPECT_EQ(file_errors("bad_include.yaml"),
              kData + "/bad_include.yaml:2:34: include: cannot include \"" + kData +
                  "/missing.yaml\": No such file or directory\n");
}

TEST(catalogue, include_cycle) {
    EXPECT_EQ(file_errors("cycle_a.yaml"),
              kData + "/cycle_b.yaml:1:10: include: include cycle: cycle_a.yaml -> cycle_b.yaml "
                      "-> cycle_a.yaml\n");
}
