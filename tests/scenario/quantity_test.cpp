#include <gtest/gtest.h>

#include "scenario/quantity.hpp"

using namespace ostsim::scenario;

TEST(quantity, durations_to_exact_nanoseconds) {
    EXPECT_EQ(*parse_duration("3s").value, 3'000'000'000);
    EXPECT_EQ(*parse_duration("250ms").value, 250'000'000);
    EXPECT_EQ(*parse_duration("1.5 min").value, 90'000'000'000);
    EXPECT_EQ(*parse_duration("2h").value, 7'200'000'000'000);
    EXPECT_EQ(*parse_duration("10us").value, 10'000);
    EXPECT_EQ(*parse_duration("5ns").value, 5);
    EXPECT_EQ(*parse_duration("1e-3 s").value, 1'000'000);
    EXPECT_EQ(*parse_duration("0.1s").value, 100'000'000);  // exact, no binary rounding
}

TEST(quantity, duration_errors_say_what_was_expected) {
    EXPECT_EQ(parse_duration("fast").error, "expected a duration like \"3s\", got \"fast\"");
    EXPECT_EQ(parse_duration("3").error,
              "expected a duration like \"3s\", got \"3\" (a unit is required)");
    EXPECT_EQ(parse_duration("3 parsecs").error,
              "expected a duration like \"3s\", got \"3 parsecs\" (unknown unit \"parsecs\"; "
              "units: d, h, min, s, ms, us, ns, µs)");
    EXPECT_EQ(parse_duration("1.5ns").error,
              "expected a duration like \"3s\", got \"1.5ns\" (not a whole number of nanoseconds)");
    EXPECT_EQ(parse_duration("-3s").error, "expected a non-negative duration, got \"-3s\"");
    EXPECT_EQ(parse_duration("1e30 d").error,
              "expected a duration like \"3s\", got \"1e30 d\" (too large)");
}

TEST(quantity, sizes_in_bytes_and_bandwidths_in_bits) {
    EXPECT_EQ(*parse_size("535 kB").value, 535'000);
    EXPECT_EQ(*parse_size("1 MiB").value, 1'048'576);
    EXPECT_EQ(*parse_size("10 Mbit").value, 1'250'000);
    EXPECT_FALSE(parse_size("3 bit"));  // not whole bytes
    EXPECT_EQ(*parse_bandwidth("10 Mbit/s").value, 10'000'000);
    EXPECT_EQ(*parse_bandwidth("1 MB/s").value, 8'000'000);
}

TEST(quantity, gas_and_token_amounts) {
    EXPECT_EQ(*parse_gas("1e6 gas").value, 1'000'000);
    EXPECT_EQ(*parse_gas("30M gas").value, 30'000'000);
    EXPECT_EQ(*parse_gas("21000").value, 21'000);
    const Amount e18 = 1'000'000'000'000'000'000ULL;
    EXPECT_TRUE(*parse_amount("2.5 OST").value == e18 * 5 / 2);
    EXPECT_TRUE(*parse_amount("1000000 OST").value == e18 * 1'000'000);  // beyond 64 bits
    EXPECT_TRUE(*parse_amount("0.000000000000000001 OST").value == 1);
    EXPECT_EQ(parse_amount("0.0000000000000000001 OST").error,
              "expected a token amount like \"2.5 OST\", got \"0.0000000000000000001 OST\" "
              "(not a whole number of wei (10^-18 OST))");
    EXPECT_EQ(parse_amount("-1 OST").error, "expected a non-negative token amount, got \"-1 OST\"");
}

TEST(quantity, plain_numbers_and_probabilities) {
    EXPECT_EQ(*parse_integer("50_000").value, 50'000);
    EXPECT_EQ(*parse_integer("1e6").value, 1'000'000);
    EXPECT_EQ(*parse_integer("-4").value, -4);
    EXPECT_EQ(parse_integer("1.5").error, "expected an integer, got \"1.5\"");
    EXPECT_EQ(parse_integer("4 cores").error, "expected an integer, got \"4 cores\"");
    EXPECT_DOUBLE_EQ(*parse_real("0.1").value, 0.1);
    EXPECT_DOUBLE_EQ(*parse_probability("25%").value, 0.25);
    EXPECT_DOUBLE_EQ(*parse_probability("1").value, 1.0);
    EXPECT_FALSE(parse_probability("1.5"));
    EXPECT_FALSE(parse_bool("yes"));
}

TEST(quantity, canonical_text_round_trips) {
    EXPECT_EQ(format_duration(250'000'000), "250ms");
    EXPECT_EQ(format_duration(90'000'000'000), "90s");
    EXPECT_EQ(format_duration(0), "0s");
    EXPECT_EQ(format_size(535'000), "535 kB");
    EXPECT_EQ(format_size(1'048'576), "1 MiB");
    EXPECT_EQ(format_bandwidth(10'000'000), "10 Mbit/s");
    EXPECT_EQ(format_amount(*parse_amount("2.5 OST").value), "2.5 OST");
    for (const char* t : {"1ns", "7us", "1001ms", "3d", "59min"}) {
        EXPECT_EQ(format_duration(*parse_duration(t).value), t);
    }
    const Amount a = *parse_amount("123456.000000000000000789 OST").value;
    EXPECT_TRUE(*parse_amount(format_amount(a)).value == a);
}
