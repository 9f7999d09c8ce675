// Scalars: text to a typed value in base units, with the schema's range and choice checks.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "scenario/reader.hpp"

namespace ostsim::scenario::detail {
namespace {

using R = Parsed<Value::Data>;

template <typename T>
R lift(Parsed<T> p) {
    if (!p) return R::fail(std::move(p.error));
    return {Value::Data{*p.value}, {}};
}

double as_double(const Value::Data& d) {
    if (const auto* i = std::get_if<std::int64_t>(&d)) return static_cast<double>(*i);
    if (const auto* a = std::get_if<Amount>(&d)) return static_cast<double>(*a);
    if (const auto* r = std::get_if<double>(&d)) return *r;
    return 0;
}

// A bound in the kind's own spelling: "0s" for durations, "1" for integers.
std::string bound_text(Kind k, double v) {
    const auto i = static_cast<std::int64_t>(v);
    switch (k) {
        case Kind::duration: return format_duration(i);
        case Kind::size: return format_size(i);
        case Kind::bandwidth: return format_bandwidth(i);
        case Kind::gas: return format_gas(i);
        case Kind::amount: return format_amount(static_cast<Amount>(v));
        default: return format_real(v);
    }
}

R check_range(const Node& s, R r, const std::string& text) {
    if (!r || (!s.min && !s.max)) return r;
    const double v = as_double(*r.value);
    const bool below = s.min && (s.min_exclusive ? v <= *s.min : v < *s.min);
    const bool over = s.max && v > *s.max;
    if (below || over) {
        return R::fail(fmt::format("expected {} {}, got \"{}\"", info(s.kind).noun, range_text(s), text));
    }
    return r;
}

R parse_choice(const Node& s, const std::string& text) {
    for (const std::string& c : s.choices)
        if (c == text) return {Value::Data{text}, {}};
    std::string why = fmt::format("expected one of \"{}\", got \"{}\"", fmt::join(s.choices, "\", \""), text);
    const std::string near = closest(text, s.choices);
    if (!near.empty()) why += fmt::format(" (did you mean \"{}\"?)", near);
    return R::fail(why);
}

}  // namespace

std::string range_text(const Node& s) {
    const bool lo = s.min.has_value(), hi = s.max.has_value();
    if (!lo && !hi) return {};
    if (lo && hi) return fmt::format("between {} and {}", bound_text(s.kind, *s.min), bound_text(s.kind, *s.max));
    if (lo) return fmt::format("{} {}", s.min_exclusive ? ">" : ">=", bound_text(s.kind, *s.min));
    return fmt::format("<= {}", bound_text(s.kind, *s.max));
}

Parsed<Value::Data> parse_scalar(const Node& s, const std::string& text) {
    switch (s.kind) {
        case Kind::boolean: return lift(parse_bool(text));
        case Kind::integer: return check_range(s, lift(parse_integer(text)), text);
        case Kind::real: return check_range(s, lift(parse_real(text)), text);
        case Kind::probability: return check_range(s, lift(parse_probability(text)), text);
        case Kind::string: return {Value::Data{text}, {}};
        case Kind::choice: return parse_choice(s, text);
        case Kind::duration: return check_range(s, lift(parse_duration(text)), text);
        case Kind::size: return check_range(s, lift(parse_size(text)), text);
        case Kind::bandwidth: return check_range(s, lift(parse_bandwidth(text)), text);
        case Kind::gas: return check_range(s, lift(parse_gas(text)), text);
        case Kind::amount: return check_range(s, lift(parse_amount(text)), text);
        case Kind::map:
        case Kind::dict:
        case Kind::list: break;
    }
    return R::fail("internal: not a scalar kind");
}

}  // namespace ostsim::scenario::detail
