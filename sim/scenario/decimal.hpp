// Exact decimal numbers as written in scenario text ("1.5", "30", "1e6", "2.5e-3", "50_000"),
// and exact scaling by a rational unit factor. Internal to the quantity parsers.
// Limits: at most 38 significant digits; exponents within +-60.
#pragma once

#include <optional>
#include <string_view>

#include "scenario/quantity.hpp"

namespace ostsim::scenario::detail {

struct Decimal {
    bool negative = false;
    Amount digits = 0;  // the significand, an integer
    int exponent = 0;   // value = digits * 10^exponent
};

// Parses the longest decimal prefix of `text`; `used` is how many characters it took.
std::optional<Decimal> parse_decimal_prefix(std::string_view text, std::size_t& used);

// |d| * num / den as an exact integer; nullopt if not whole or if it overflows 128 bits.
// `whole` is set false when the only problem is a fraction.
std::optional<Amount> scale_exact(const Decimal& d, Amount num, Amount den, bool& whole);

double to_double(const Decimal& d);

}  // namespace ostsim::scenario::detail
