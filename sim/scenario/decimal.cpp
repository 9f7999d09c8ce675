#include "scenario/decimal.hpp"

#include <cctype>
#include <cmath>
#include <string>

namespace ostsim::scenario::detail {
namespace {

constexpr int kMaxDigits = 38;  // 10^38 < 2^128 ~ 3.4e38

bool digit(char c) { return c >= '0' && c <= '9'; }

bool mul(Amount a, Amount b, Amount& out) { return !__builtin_mul_overflow(a, b, &out); }

bool pow10(int n, Amount& out) {
    out = 1;
    for (int i = 0; i < n; ++i)
        if (!mul(out, 10, out)) return false;
    return true;
}

}  // namespace

std::optional<Decimal> parse_decimal_prefix(std::string_view t, std::size_t& used) {
    Decimal d;
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) d.negative = t[i++] == '-';
    int sig = 0, mantissa_digits = 0;
    bool seen_point = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (digit(c)) {
            ++mantissa_digits;
            if (c == '0' && sig == 0) {
                if (seen_point) --d.exponent;
                continue;
            }
            if (++sig > kMaxDigits) return std::nullopt;
            d.digits = d.digits * 10 + static_cast<unsigned>(c - '0');
            if (seen_point) --d.exponent;
        } else if (c == '_' && i > 0 && digit(t[i - 1]) && i + 1 < t.size() && digit(t[i + 1])) {
            continue;  // 50_000, as YAML 1.1 and many languages allow
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (mantissa_digits == 0) return std::nullopt;
    // An exponent only when digits follow: "3e" leaves the 'e' to a unit.
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        std::size_t j = i + 1;
        bool neg = false;
        if (j < t.size() && (t[j] == '+' || t[j] == '-')) neg = t[j++] == '-';
        if (j < t.size() && digit(t[j])) {
            int e = 0;
            for (; j < t.size() && digit(t[j]); ++j) {
                e = e * 10 + (t[j] - '0');
                if (e > 60) return std::nullopt;
            }
            d.exponent += neg ? -e : e;
            i = j;
        }
    }
    used = i;
    return d;
}

std::optional<Amount> scale_exact(const Decimal& d, Amount num, Amount den, bool& whole) {
    whole = true;
    Amount n = 0, q = den, p = 0;
    if (d.digits == 0) return Amount{0};
    if (!mul(d.digits, num, n)) return std::nullopt;
    if (d.exponent >= 0) {
        if (!pow10(d.exponent, p) || !mul(n, p, n)) return std::nullopt;
    } else {
        if (!pow10(-d.exponent, p) || !mul(q, p, q)) {
            whole = false;  // more than 38 decimals below the base unit
            return std::nullopt;
        }
    }
    if (n % q != 0) {
        whole = false;
        return std::nullopt;
    }
    return n / q;
}

double to_double(const Decimal& d) {
    const double v = static_cast<double>(d.digits) * std::pow(10.0, d.exponent);
    return d.negative ? -v : v;
}

}  // namespace ostsim::scenario::detail
