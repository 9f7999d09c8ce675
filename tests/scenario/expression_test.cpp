// The sweep constraint language: evaluation with units, type errors, syntax errors.
#include <gtest/gtest.h>

#include "scenario/expression.hpp"

using namespace ostsim::scenario;

namespace {

// Variables: nlp (integer), mean and lookahead (durations), level (a choice), on (boolean).
const std::vector<std::string> kNames{"nlp", "mean", "lookahead", "level", "on"};
const std::vector<Operand> kTypes{*operand_of(Kind::integer), *operand_of(Kind::duration),
                                  *operand_of(Kind::duration), *operand_of(Kind::choice),
                                  *operand_of(Kind::boolean)};

Scalar num(double x) { return {x, false, {}}; }

// nlp = 64, mean = 1s, lookahead = 100ms, level = "full", on = true.
const std::vector<Scalar> kValues{num(64), num(1e9), num(1e8), {0, false, "full"}, {0, true, {}}};

bool holds(const std::string& text) {
    const auto p = Expression::parse(text, kNames, kTypes);
    EXPECT_TRUE(p.expression) << text << ": " << p.error;
    return p.expression && p.expression->holds(kValues);
}

std::string error_of(const std::string& text) {
    const auto p = Expression::parse(text, kNames, kTypes);
    EXPECT_FALSE(p.expression) << text;
    return std::to_string(p.at + 1) + ": " + p.error;
}

}  // namespace

TEST(expression, comparisons_with_units_resolved) {
    EXPECT_TRUE(holds("nlp <= 1024"));
    EXPECT_FALSE(holds("nlp > 64"));
    EXPECT_TRUE(holds("mean >= 2 * lookahead"));
    EXPECT_TRUE(holds("mean == 1000ms"));
    EXPECT_TRUE(holds("mean < 1.5min and lookahead != 0.1s") == false);
    EXPECT_TRUE(holds("mean / lookahead == 10"));
    EXPECT_TRUE(holds("mean - lookahead > 850ms"));
    EXPECT_TRUE(holds("-lookahead < 0s"));
    EXPECT_TRUE(holds("nlp * 2 + 1 == 129"));
    EXPECT_TRUE(holds("1e3 > nlp"));
    EXPECT_TRUE(holds("0.5 == 50%"));
    EXPECT_TRUE(holds("1kB == 8000bit and 10Mbit/s == 1.25MB/s and 1OST > 999999wei"));
    EXPECT_TRUE(holds("30Mgas == 30000000"));
}

TEST(expression, logic_and_precedence) {
    EXPECT_TRUE(holds("nlp < 10 or nlp > 10 and mean > 0s"));
    EXPECT_FALSE(holds("(nlp < 10 or nlp > 10) and mean > 1min"));
    EXPECT_TRUE(holds("not nlp < 10"));
    EXPECT_TRUE(holds("not not on"));
    EXPECT_TRUE(holds("level == \"full\" and level != 'none'"));
    EXPECT_TRUE(holds("on == true and on != false"));
}

TEST(expression, uses_reports_the_variables_read) {
    const auto p = Expression::parse("nlp > 3 and level == 'x'", kNames, kTypes);
    ASSERT_TRUE(p.expression);
    EXPECT_EQ(p.expression->uses(5), (std::vector<bool>{true, false, false, true, false}));
}

TEST(expression, type_errors_name_the_dimensions) {
    EXPECT_EQ(error_of("mean > 3"), "6: cannot compare a duration with a plain number");
    EXPECT_EQ(error_of("mean + 1kB > 0s"), "6: cannot add a duration and a data size");
    EXPECT_EQ(error_of("mean * lookahead > 0s"), "6: cannot multiply a duration by a duration");
    EXPECT_EQ(error_of("2 / mean > 0"), "3: cannot divide a plain number by a duration");
    EXPECT_EQ(error_of("level < 'x'"), "7: \"<\" compares numbers, got text and text");
    EXPECT_EQ(error_of("nlp and on"), "5: \"and\" needs conditions, got a plain number");
    EXPECT_EQ(error_of("nlp + 1"), "1: expected a condition (a comparison), got a plain number");
    EXPECT_EQ(error_of("not mean"), "1: \"not\" needs conditions, got a duration");
}

TEST(expression, syntax_errors_point_at_the_character) {
    EXPECT_EQ(error_of("nlpp < 3"), "1: unknown variable \"nlpp\" (did you mean \"nlp\"?)");
    EXPECT_EQ(error_of("nlp < 3 and"), "12: expected a value, got the end of the condition");
    EXPECT_EQ(error_of("(nlp < 3"), "9: expected \")\", got the end of the condition");
    EXPECT_EQ(error_of("nlp = 3"), "5: unexpected \"=\" (compare with \"==\")");
    EXPECT_EQ(error_of("mean < 3parsecs"), "8: unknown unit \"parsecs\" in \"3parsecs\"");
    EXPECT_EQ(error_of("level == 'full"), "10: text without its closing quote");
    EXPECT_EQ(error_of("nlp < 3 4"), "9: unexpected \"4\"");
    EXPECT_EQ(error_of("nlp < $"), "7: expected a value, got \"$\"");
}
