// Quantities with units, parsed strictly from scenario text, and their canonical spelling.
//
// Every parser returns the value in the quantity's base unit as an exact integer (or a double
// for plain reals and probabilities), or an error phrase such as
// `expected a duration like "3s", got "fast"`. Arithmetic is exact decimal: "1.5 min" is
// 90'000'000'000 ns, "2.5 OST" is 2.5 * 10^18 base units; a value that is not a whole number of
// base units ("1.5ns", "3 bit" as bytes) is an error, never rounded.
//
// Base units: durations in ns, data sizes in bytes, bandwidths in bit/s, gas in gas, token
// amounts in the token's base unit (10^-18 OST, named "wei" as for every 18-decimal ERC-20).
// Limits: durations, sizes, bandwidths and gas fit int64; amounts fit unsigned 128 bits;
// negative quantities are rejected (no scenario quantity is negative).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ostsim::scenario {

__extension__ typedef unsigned __int128 Amount;  // token base units (10^-18 OST)

// A value or the reason there is none: `error` completes "…: <error>" in a diagnostic.
template <typename T>
struct Parsed {
    std::optional<T> value;
    std::string error;

    static Parsed fail(std::string why) { return {std::nullopt, std::move(why)}; }
    explicit operator bool() const { return value.has_value(); }
};

Parsed<std::int64_t> parse_duration(std::string_view text);   // ns
Parsed<std::int64_t> parse_size(std::string_view text);       // bytes
Parsed<std::int64_t> parse_bandwidth(std::string_view text);  // bit/s
Parsed<std::int64_t> parse_gas(std::string_view text);        // gas
Parsed<Amount> parse_amount(std::string_view text);           // base units
Parsed<double> parse_probability(std::string_view text);      // [0, 1]; "25%" allowed
Parsed<std::int64_t> parse_integer(std::string_view text);    // exact: "1e6" ok, "1.5" not
Parsed<double> parse_real(std::string_view text);
Parsed<bool> parse_bool(std::string_view text);  // true or false only

// Canonical text, re-parsing to the same value: the largest unit that divides it exactly.
std::string format_duration(std::int64_t ns);
std::string format_size(std::int64_t bytes);
std::string format_bandwidth(std::int64_t bits_per_second);
std::string format_gas(std::int64_t gas);
std::string format_amount(Amount base_units);
std::string format_real(double v);  // shortest text that round-trips
std::string format_amount_integer(Amount v);  // plain decimal digits

// The unit spellings each parser accepts, as its error messages list them; for the JSON
// Schema's patterns and the reference document. Gas also accepts a plain number.
std::vector<std::string_view> duration_units();
std::vector<std::string_view> size_units();
std::vector<std::string_view> bandwidth_units();
std::vector<std::string_view> gas_units();
std::vector<std::string_view> amount_units();

}  // namespace ostsim::scenario
