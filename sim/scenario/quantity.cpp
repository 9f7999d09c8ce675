#include "scenario/quantity.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <span>

#include "scenario/decimal.hpp"

namespace ostsim::scenario {
namespace {

using detail::Decimal;

struct Unit {
    std::string_view name;
    Amount num;      // one `name` is num/den base units
    Amount den = 1;
};

constexpr Amount kE18 = Amount{1'000'000'000'000'000'000ULL};

// Listed largest first: formatting picks the first unit that divides the value exactly.
constexpr std::array kDuration{Unit{"d", 86'400'000'000'000}, Unit{"h", 3'600'000'000'000},
                               Unit{"min", 60'000'000'000},   Unit{"s", 1'000'000'000},
                               Unit{"ms", 1'000'000},         Unit{"us", 1'000},
                               Unit{"ns", 1},                 Unit{"µs", 1'000}};
constexpr std::array kSize{
    Unit{"TB", 1'000'000'000'000}, Unit{"GB", 1'000'000'000}, Unit{"MB", 1'000'000},
    Unit{"kB", 1'000},             Unit{"TiB", Amount{1} << 40}, Unit{"GiB", Amount{1} << 30},
    Unit{"MiB", Amount{1} << 20},  Unit{"KiB", Amount{1} << 10}, Unit{"B", 1},
    Unit{"Gbit", 125'000'000},     Unit{"Mbit", 125'000},        Unit{"kbit", 125},
    Unit{"bit", 1, 8}};
constexpr std::array kBandwidth{
    Unit{"Gbit/s", 1'000'000'000}, Unit{"Mbit/s", 1'000'000}, Unit{"kbit/s", 1'000},
    Unit{"bit/s", 1},              Unit{"GB/s", 8'000'000'000}, Unit{"MB/s", 8'000'000},
    Unit{"kB/s", 8'000},           Unit{"B/s", 8},              Unit{"Gbps", 1'000'000'000},
    Unit{"Mbps", 1'000'000},       Unit{"kbps", 1'000},         Unit{"bps", 1}};
constexpr std::array kGas{Unit{"Ggas", 1'000'000'000}, Unit{"Mgas", 1'000'000},
                          Unit{"Kgas", 1'000}, Unit{"gas", 1}, Unit{"kgas", 1'000},
                          Unit{"", 1}};
constexpr std::array kAmount{Unit{"OST", kE18}, Unit{"gwei", 1'000'000'000}, Unit{"wei", 1}};

struct QuantityKind {
    std::string_view noun;     // "a duration"
    std::string_view example;  // "3s"
    std::string_view base;     // "nanoseconds", for "not a whole number of ..."
    std::span<const Unit> units;
};

std::string got(std::string_view text) { return fmt::format("got \"{}\"", text); }

std::string expected(const QuantityKind& k, std::string_view text, std::string_view why = {}) {
    std::string s = fmt::format("expected {} like \"{}\", {}", k.noun, k.example, got(text));
    if (!why.empty()) s += fmt::format(" ({})", why);
    return s;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

std::vector<std::string_view> names(std::span<const Unit> units) {
    std::vector<std::string_view> out;
    for (const Unit& u : units)
        if (!u.name.empty()) out.push_back(u.name);
    return out;
}

std::string unit_list(const QuantityKind& k) {
    std::string s;
    for (std::string_view u : names(k.units)) {
        if (!s.empty()) s += ", ";
        s += u;
    }
    return s;
}

// number, optional blanks, unit (inner blanks dropped: "30M gas" is "30Mgas").
Parsed<Amount> parse_quantity(const QuantityKind& k, std::string_view raw) {
    using R = Parsed<Amount>;
    const std::string text = trim(raw);
    std::size_t used = 0;
    const auto d = detail::parse_decimal_prefix(text, used);
    if (!d) return R::fail(expected(k, raw));
    std::string unit;
    for (char c : std::string_view(text).substr(used))
        if (c != ' ' && c != '\t') unit += c;
    const Unit* found = nullptr;
    for (const Unit& u : k.units)
        if (u.name == unit) found = &u;
    if (!found) {
        if (unit.empty()) return R::fail(expected(k, raw, "a unit is required"));
        return R::fail(expected(
            k, raw, fmt::format("unknown unit \"{}\"; units: {}", unit, unit_list(k))));
    }
    if (d->negative && d->digits != 0) {
        return R::fail(fmt::format("expected a non-negative {}, {}", k.noun.substr(k.noun.find(' ') + 1), got(raw)));
    }
    bool whole = true;
    const auto v = detail::scale_exact(*d, found->num, found->den, whole);
    if (!v) {
        return R::fail(expected(k, raw, whole ? "too large"
                                              : fmt::format("not a whole number of {}", k.base)));
    }
    return {v, {}};
}

Parsed<std::int64_t> narrow(Parsed<Amount> p, const QuantityKind& k, std::string_view raw) {
    if (!p) return Parsed<std::int64_t>::fail(std::move(p.error));
    if (*p.value > static_cast<Amount>(std::numeric_limits<std::int64_t>::max())) {
        return Parsed<std::int64_t>::fail(expected(k, raw, "too large"));
    }
    return {static_cast<std::int64_t>(*p.value), {}};
}

constexpr QuantityKind kDurationKind{"a duration", "3s", "nanoseconds", kDuration};
constexpr QuantityKind kSizeKind{"a data size", "535 kB", "bytes", kSize};
constexpr QuantityKind kBandwidthKind{"a bandwidth", "10 Mbit/s", "bit/s", kBandwidth};
constexpr QuantityKind kGasKind{"an amount of gas", "30M gas", "gas", kGas};
constexpr QuantityKind kAmountKind{"a token amount", "2.5 OST", "wei (10^-18 OST)", kAmount};

template <std::size_t N>
std::string format_units(Amount v, const std::array<Unit, N>& units, std::string_view sep,
                         std::string_view zero) {
    if (v == 0) return std::string(zero);
    for (const Unit& u : units) {
        if (u.den != 1 || u.name.empty()) continue;
        if (v % u.num == 0) {
            return fmt::format("{}{}{}", format_amount_integer(v / u.num), sep, u.name);
        }
    }
    return format_amount_integer(v);  // unreachable: every table has a unit of 1
}

}  // namespace

Parsed<std::int64_t> parse_duration(std::string_view t) {
    return narrow(parse_quantity(kDurationKind, t), kDurationKind, t);
}
Parsed<std::int64_t> parse_size(std::string_view t) {
    return narrow(parse_quantity(kSizeKind, t), kSizeKind, t);
}
Parsed<std::int64_t> parse_bandwidth(std::string_view t) {
    return narrow(parse_quantity(kBandwidthKind, t), kBandwidthKind, t);
}
Parsed<std::int64_t> parse_gas(std::string_view t) {
    return narrow(parse_quantity(kGasKind, t), kGasKind, t);
}
Parsed<Amount> parse_amount(std::string_view t) { return parse_quantity(kAmountKind, t); }

Parsed<std::int64_t> parse_integer(std::string_view raw) {
    using R = Parsed<std::int64_t>;
    const std::string text = trim(raw);
    std::size_t used = 0;
    const auto d = detail::parse_decimal_prefix(text, used);
    const auto fail = [&] { return R::fail(fmt::format("expected an integer, {}", got(raw))); };
    if (!d || used != text.size()) return fail();
    bool whole = true;
    const auto v = detail::scale_exact(*d, 1, 1, whole);
    if (!v || *v > static_cast<Amount>(std::numeric_limits<std::int64_t>::max())) return fail();
    const auto i = static_cast<std::int64_t>(*v);
    return {d->negative ? -i : i, {}};
}

Parsed<double> parse_real(std::string_view raw) {
    const std::string text = trim(raw);
    std::size_t used = 0;
    const auto d = detail::parse_decimal_prefix(text, used);
    if (!d || used != text.size()) {
        return Parsed<double>::fail(fmt::format("expected a number, {}", got(raw)));
    }
    // from_chars rounds correctly; the decimal scan above only checks the grammar.
    std::string plain;
    for (char c : text)
        if (c != '_') plain += c;
    double v = 0;
    std::from_chars(plain.data() + (plain[0] == '+'), plain.data() + plain.size(), v);
    return {v, {}};
}

Parsed<double> parse_probability(std::string_view raw) {
    std::string text = trim(raw);
    const bool percent = !text.empty() && text.back() == '%';
    if (percent) text = trim(std::string_view(text).substr(0, text.size() - 1));
    const auto r = parse_real(text);
    const double v = r ? *r.value / (percent ? 100.0 : 1.0) : -1;
    if (!r || !(v >= 0 && v <= 1)) {
        return Parsed<double>::fail(fmt::format(
            "expected a probability between 0 and 1 like \"0.25\" or \"25%\", {}", got(raw)));
    }
    return {v, {}};
}

Parsed<bool> parse_bool(std::string_view raw) {
    const std::string t = trim(raw);
    if (t == "true") return {true, {}};
    if (t == "false") return {false, {}};
    return Parsed<bool>::fail(fmt::format("expected true or false, {}", got(raw)));
}

std::string format_duration(std::int64_t ns) {
    return format_units(static_cast<Amount>(ns), kDuration, "", "0s");
}
std::string format_size(std::int64_t b) { return format_units(static_cast<Amount>(b), kSize, " ", "0 B"); }
std::string format_bandwidth(std::int64_t b) {
    return format_units(static_cast<Amount>(b), kBandwidth, " ", "0 bit/s");
}
std::string format_gas(std::int64_t g) { return format_amount_integer(static_cast<Amount>(g)) + " gas"; }

std::string format_amount(Amount v) {
    const Amount whole = v / kE18, frac = v % kE18;
    std::string s = format_amount_integer(whole);
    if (frac != 0) {
        std::string f = format_amount_integer(frac);
        f.insert(0, 18 - f.size(), '0');
        s += "." + f.substr(0, f.find_last_not_of('0') + 1);
    }
    return s + " OST";
}

std::vector<std::string_view> duration_units() { return names(kDuration); }
std::vector<std::string_view> size_units() { return names(kSize); }
std::vector<std::string_view> bandwidth_units() { return names(kBandwidth); }
std::vector<std::string_view> gas_units() { return names(kGas); }
std::vector<std::string_view> amount_units() { return names(kAmount); }

std::string format_real(double v) { return fmt::format("{}", v); }

std::string format_amount_integer(Amount v) {
    if (v == 0) return "0";
    std::string s;
    for (; v != 0; v /= 10) s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    return s;
}

}  // namespace ostsim::scenario
