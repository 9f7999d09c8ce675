#include "scenario/expression.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <stdexcept>

#include "scenario/diagnostic.hpp"
#include "scenario/quantity.hpp"

namespace ostsim::scenario {
namespace {

using Term = Expression::Term;

std::string noun(Operand o) {
    if (o.type == Type::text) return "text";
    if (o.type == Type::boolean) return "a condition";
    switch (o.dim) {
        case Dimension::time: return "a duration";
        case Dimension::size: return "a data size";
        case Dimension::bandwidth: return "a bandwidth";
        case Dimension::amount: return "a token amount";
        case Dimension::none: break;
    }
    return "a plain number";
}

Operand number(Dimension d = Dimension::none) { return {Type::number, d}; }

struct Error {
    std::size_t at;
    std::string message;
};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool unit_char(char c) {
    // Letters, '%' and the bytes of "µ" (UTF-8 C2 B5).
    return std::isalpha(static_cast<unsigned char>(c)) || c == '%' || c == '\xC2' || c == '\xB5';
}

// A number literal with its unit, resolved to base units and a dimension.
std::optional<std::pair<double, Dimension>> quantity(const std::string& text, bool has_unit) {
    if (!has_unit) {
        if (auto r = parse_real(text)) return std::pair{*r.value, Dimension::none};
        return std::nullopt;
    }
    if (text.back() == '%') {
        if (auto p = parse_probability(text)) return std::pair{*p.value, Dimension::none};
        return std::nullopt;
    }
    const auto as = [](auto p, Dimension d) -> std::optional<std::pair<double, Dimension>> {
        if (!p) return std::nullopt;
        return std::pair{static_cast<double>(*p.value), d};
    };
    if (auto q = as(parse_duration(text), Dimension::time)) return q;
    if (auto q = as(parse_size(text), Dimension::size)) return q;
    if (auto q = as(parse_bandwidth(text), Dimension::bandwidth)) return q;
    if (auto q = as(parse_gas(text), Dimension::none)) return q;
    return as(parse_amount(text), Dimension::amount);
}

class Parser {
  public:
    Parser(std::string_view text, const std::vector<std::string>& names,
           const std::vector<Operand>& types, std::vector<Term>& out)
        : s_(text), names_(names), types_(types), terms_(out) {}

    int condition() {
        const int n = disjunction();
        skip();
        if (i_ < s_.size()) {
            const bool assign = s_[i_] == '=';
            fail(i_, fmt::format("unexpected \"{}\"{}", rest(), assign ? " (compare with \"==\")" : ""));
        }
        if (terms_[static_cast<std::size_t>(n)].type.type != Type::boolean) {
            fail(0, fmt::format("expected a condition (a comparison), got {}",
                                noun(terms_[static_cast<std::size_t>(n)].type)));
        }
        return n;
    }

  private:
    [[noreturn]] void fail(std::size_t at, std::string message) { throw Error{at, std::move(message)}; }

    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    std::string rest() const {
        std::size_t n = 0;
        while (i_ + n < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_ + n]))) ++n;
        return std::string(s_.substr(i_, n));
    }
    // Consumes `op` if next (a word only when not followed by an identifier character).
    bool accept(std::string_view op) {
        skip();
        if (s_.substr(i_, op.size()) != op) return false;
        const std::size_t end = i_ + op.size();
        if (ident_start(op[0]) && end < s_.size() && ident_char(s_[end])) return false;
        i_ = end;
        return true;
    }

    const Operand& type(int n) const { return terms_[static_cast<std::size_t>(n)].type; }

    int add(Term t) {
        terms_.push_back(std::move(t));
        return static_cast<int>(terms_.size() - 1);
    }

    int binary(Term::Op op, int a, int b, Operand result) {
        Term t;
        t.op = op;
        t.a = a;
        t.b = b;
        t.type = result;
        return add(std::move(t));
    }

    void need(int n, Type want, std::size_t at, std::string_view what) {
        if (type(n).type != want) {
            fail(at, fmt::format("{} needs {}, got {}", what,
                                 want == Type::boolean ? "conditions" : "numbers", noun(type(n))));
        }
    }

    int disjunction() {
        int a = conjunction();
        for (std::size_t at = (skip(), i_); accept("or"); at = (skip(), i_)) {
            const int b = conjunction();
            need(a, Type::boolean, at, "\"or\"");
            need(b, Type::boolean, at, "\"or\"");
            a = binary(Term::disj, a, b, {Type::boolean});
        }
        return a;
    }

    int conjunction() {
        int a = negation();
        for (std::size_t at = (skip(), i_); accept("and"); at = (skip(), i_)) {
            const int b = negation();
            need(a, Type::boolean, at, "\"and\"");
            need(b, Type::boolean, at, "\"and\"");
            a = binary(Term::conj, a, b, {Type::boolean});
        }
        return a;
    }

    int negation() {
        skip();
        const std::size_t at = i_;
        if (!accept("not")) return comparison();
        const int a = negation();
        need(a, Type::boolean, at, "\"not\"");
        return binary(Term::negation, a, -1, {Type::boolean});
    }

    int comparison() {
        const int a = sum();
        skip();
        const std::size_t at = i_;
        static constexpr std::pair<std::string_view, Term::Op> ops[] = {
            {"<=", Term::le}, {">=", Term::ge}, {"==", Term::eq}, {"!=", Term::ne},
            {"<", Term::lt},  {">", Term::gt}};
        for (const auto& [text, op] : ops) {
            if (!accept(text)) continue;
            const int b = sum();
            const Operand ta = type(a), tb = type(b);
            const bool ordered = op != Term::eq && op != Term::ne;
            if (ordered && (ta.type != Type::number || tb.type != Type::number)) {
                fail(at, fmt::format("\"{}\" compares numbers, got {} and {}", text, noun(ta), noun(tb)));
            }
            if (!(ta == tb)) fail(at, fmt::format("cannot compare {} with {}", noun(ta), noun(tb)));
            return binary(op, a, b, {Type::boolean});
        }
        return a;
    }

    int sum() {
        int a = product();
        for (;;) {
            skip();
            const std::size_t at = i_;
            const bool plus = accept("+");
            if (!plus && !accept("-")) return a;
            const int b = product();
            need(a, Type::number, at, plus ? "\"+\"" : "\"-\"");
            need(b, Type::number, at, plus ? "\"+\"" : "\"-\"");
            if (type(a).dim != type(b).dim) {
                fail(at, fmt::format("cannot {} {} and {}", plus ? "add" : "subtract",
                                     noun(type(a)), noun(type(b))));
            }
            a = binary(plus ? Term::add : Term::sub, a, b, type(a));
        }
    }

    int product() {
        int a = unary();
        for (;;) {
            skip();
            const std::size_t at = i_;
            const bool times = accept("*");
            if (!times && !accept("/")) return a;
            const int b = unary();
            need(a, Type::number, at, times ? "\"*\"" : "\"/\"");
            need(b, Type::number, at, times ? "\"*\"" : "\"/\"");
            const Dimension da = type(a).dim, db = type(b).dim;
            Dimension d = Dimension::none;
            if (times && da != Dimension::none && db != Dimension::none) {
                fail(at, fmt::format("cannot multiply {} by {}", noun(type(a)), noun(type(b))));
            } else if (times) {
                d = da == Dimension::none ? db : da;
            } else if (db != Dimension::none && da != db) {
                fail(at, fmt::format("cannot divide {} by {}", noun(type(a)), noun(type(b))));
            } else {
                d = db == Dimension::none ? da : Dimension::none;
            }
            a = binary(times ? Term::mul : Term::div, a, b, number(d));
        }
    }

    int unary() {
        skip();
        const std::size_t at = i_;
        if (accept("-")) {
            const int a = unary();
            need(a, Type::number, at, "\"-\"");
            return binary(Term::neg, a, -1, type(a));
        }
        return atom();
    }

    int atom() {
        skip();
        const std::size_t at = i_;
        if (i_ >= s_.size()) fail(at, "expected a value, got the end of the condition");
        const char c = s_[i_];
        if (accept("(")) {
            const int a = disjunction();
            if (!accept(")")) fail(i_, i_ < s_.size() ? fmt::format("expected \")\", got \"{}\"", rest())
                                                      : "expected \")\", got the end of the condition");
            return a;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return literal();
        if (c == '"' || c == '\'') return text();
        if (ident_start(c)) return word();
        fail(at, fmt::format("expected a value, got \"{}\"", rest()));
    }

    int literal() {
        const std::size_t at = i_;
        std::size_t j = i_;
        const auto digits = [&] {
            while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
        };
        digits();
        if (j < s_.size() && s_[j] == '.') ++j, digits();
        if (j + 1 < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
            std::size_t k = j + 1;
            if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
            if (k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k]))) j = k, digits();
        }
        const std::size_t number_end = j;
        while (j < s_.size() && unit_char(s_[j])) ++j;
        // Bandwidths: "Mbit/s", "MB/s", "bit/s" — a '/' followed by a lone "s".
        if (j > number_end && j + 1 < s_.size() && s_[j] == '/' && s_[j + 1] == 's' &&
            (j + 2 == s_.size() || !ident_char(s_[j + 2]))) {
            j += 2;
        }
        const std::string text(s_.substr(at, j - at));
        const auto q = quantity(text, j > number_end);
        if (!q) {
            const std::string unit(s_.substr(number_end, j - number_end));
            fail(at, unit.empty() ? fmt::format("expected a number, got \"{}\"", text)
                                  : fmt::format("unknown unit \"{}\" in \"{}\"", unit, text));
        }
        i_ = j;
        Term t;
        t.value.number = q->first;
        t.type = number(q->second);
        return add(std::move(t));
    }

    int text() {
        const std::size_t at = i_;
        const char quote = s_[i_];
        const std::size_t end = s_.find(quote, i_ + 1);
        if (end == std::string_view::npos) fail(at, "text without its closing quote");
        Term t;
        t.value.text = std::string(s_.substr(i_ + 1, end - i_ - 1));
        t.type = {Type::text};
        i_ = end + 1;
        return add(std::move(t));
    }

    int word() {
        const std::size_t at = i_;
        std::size_t j = i_;
        while (j < s_.size() && ident_char(s_[j])) ++j;
        const std::string w(s_.substr(i_, j - i_));
        i_ = j;
        Term t;
        if (w == "true" || w == "false") {
            t.value.boolean = w == "true";
            t.type = {Type::boolean};
            return add(std::move(t));
        }
        for (std::size_t v = 0; v < names_.size(); ++v) {
            if (names_[v] != w) continue;
            t.op = Term::variable;
            t.var = v;
            t.type = types_[v];
            return add(std::move(t));
        }
        fail(at, unknown_message(fmt::format("variable \"{}\"", w), w, names_));
    }

    std::string_view s_;
    const std::vector<std::string>& names_;
    const std::vector<Operand>& types_;
    std::vector<Term>& terms_;
    std::size_t i_ = 0;
};

}  // namespace

std::optional<Operand> operand_of(Kind k) {
    switch (k) {
        case Kind::boolean: return Operand{Type::boolean};
        case Kind::string:
        case Kind::choice: return Operand{Type::text};
        case Kind::integer:
        case Kind::real:
        case Kind::probability:
        case Kind::gas: return number();
        case Kind::duration: return number(Dimension::time);
        case Kind::size: return number(Dimension::size);
        case Kind::bandwidth: return number(Dimension::bandwidth);
        case Kind::amount: return number(Dimension::amount);
        case Kind::map:
        case Kind::dict:
        case Kind::list: break;
    }
    return std::nullopt;
}

Scalar scalar_of(const Value& v) {
    Scalar s;
    if (const auto* b = std::get_if<bool>(&v.data)) s.boolean = *b;
    if (const auto* i = std::get_if<std::int64_t>(&v.data)) s.number = static_cast<double>(*i);
    if (const auto* r = std::get_if<double>(&v.data)) s.number = *r;
    if (const auto* a = std::get_if<Amount>(&v.data)) s.number = static_cast<double>(*a);
    if (const auto* t = std::get_if<std::string>(&v.data)) s.text = *t;
    return s;
}

Expression::Parse Expression::parse(std::string_view text, const std::vector<std::string>& names,
                                    const std::vector<Operand>& types) {
    if (names.size() != types.size()) throw std::invalid_argument("Expression::parse: names and types differ");
    Expression e;
    try {
        e.root_ = Parser(text, names, types, e.terms_).condition();
    } catch (const Error& err) {
        return {std::nullopt, err.at, err.message};
    }
    return {std::move(e), 0, {}};
}

bool Expression::holds(const std::vector<Scalar>& values) const { return eval(root_, values).boolean; }

std::vector<bool> Expression::uses(std::size_t variables) const {
    std::vector<bool> used(variables, false);
    for (const Term& t : terms_)
        if (t.op == Term::variable && t.var < variables) used[t.var] = true;
    return used;
}

Scalar Expression::eval(int node, const std::vector<Scalar>& values) const {
    const Term& t = terms_[static_cast<std::size_t>(node)];
    if (t.op == Term::literal) return t.value;
    if (t.op == Term::variable) return values.at(t.var);
    const Scalar a = eval(t.a, values);
    Scalar r;
    // `and`/`or` short-circuit; the rest read both sides.
    if (t.op == Term::conj) return r.boolean = a.boolean && eval(t.b, values).boolean, r;
    if (t.op == Term::disj) return r.boolean = a.boolean || eval(t.b, values).boolean, r;
    if (t.op == Term::negation) return r.boolean = !a.boolean, r;
    if (t.op == Term::neg) return r.number = -a.number, r;
    const Scalar b = eval(t.b, values);
    const bool text = terms_[static_cast<std::size_t>(t.a)].type.type == Type::text;
    const bool flag = terms_[static_cast<std::size_t>(t.a)].type.type == Type::boolean;
    switch (t.op) {
        case Term::add: r.number = a.number + b.number; break;
        case Term::sub: r.number = a.number - b.number; break;
        case Term::mul: r.number = a.number * b.number; break;
        case Term::div: r.number = a.number / b.number; break;
        case Term::lt: r.boolean = a.number < b.number; break;
        case Term::le: r.boolean = a.number <= b.number; break;
        case Term::gt: r.boolean = a.number > b.number; break;
        case Term::ge: r.boolean = a.number >= b.number; break;
        case Term::eq:
        case Term::ne: {
            const bool same = text ? a.text == b.text : flag ? a.boolean == b.boolean : a.number == b.number;
            r.boolean = t.op == Term::eq ? same : !same;
            break;
        }
        default: break;
    }
    return r;
}

}  // namespace ostsim::scenario
