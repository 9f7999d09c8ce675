#include "scenario/sweep.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "scenario/expression.hpp"
#include "scenario/reader.hpp"

namespace ostsim::scenario {
namespace {

using detail::join;

constexpr std::size_t kMaxRangeValues = 100'000;
constexpr std::size_t kMaxProduct = 1'000'000;

// The schema node a `--set` path reaches: map fields by key, dict and list items by any
// name or index (the load checks that the item exists). nullptr with `why` if none.
const Node* node_at(const Node& root, const std::string& path, std::string& why) {
    const Node* s = &root;
    std::string at;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        const std::string seg = path.substr(start, dot - start);
        start = dot + 1;
        if (seg.empty()) {
            why = fmt::format("expected a key path like \"phold.nlp\", got \"{}\"", path);
            return nullptr;
        }
        if (s->kind == Kind::map) {
            const Node* f = s->field(seg);
            if (!f) {
                std::vector<std::string> keys;
                for (const Field& fl : s->fields) keys.push_back(fl.key);
                why = fmt::format("\"{}\": {}", join(at, seg), unknown_message("key", seg, keys));
                return nullptr;
            }
            s = f;
        } else if (s->kind == Kind::dict || s->kind == Kind::list) {
            s = s->item.get();
        } else {
            why = fmt::format("\"{}\" is {}; it has no key \"{}\"", at, info(s->kind).noun, seg);
            return nullptr;
        }
        at = join(at, seg);
    }
    return s;
}

// Digits after the point in the shortest text of `x` ("0.25" -> 2, "1e-09" -> 9, "40" -> 0).
int decimals(double x) {
    const std::string s = format_real(std::fabs(x));
    const std::size_t e = s.find_first_of("eE");
    const std::string mantissa = s.substr(0, e);
    const std::size_t point = mantissa.find('.');
    int d = point == std::string::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
    if (e != std::string::npos) d -= std::stoi(s.substr(e + 1));
    return std::max(d, 0);
}

// YAML double-quoted text: the override's value stays one scalar whatever it holds.
std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        if (c == '\n') {
            q += "\\n";
            continue;
        }
        q += c;
    }
    return q + "\"";
}

class Expander {
  public:
    Expander(const Node& schema, Sweep& out) : schema_(schema), out_(out) {}

    void variables(const Value& vars) {
        for (const Entry& e : vars.as_map()) variable(e.key, e.value);
    }

    // Factors of the product: each lockstep group, and each other variable alone.
    std::vector<std::vector<std::size_t>> factors(const Value& lockstep) {
        std::vector<int> group_of(out_.variables.size(), -1);
        std::vector<std::vector<std::size_t>> groups;
        for (std::size_t g = 0; g < lockstep.as_list().size(); ++g) {
            const Value& names = lockstep.as_list()[g];
            const std::string at = join("sweep.lockstep", std::to_string(g));
            std::vector<std::size_t> members;
            for (std::size_t k = 0; k < names.as_list().size(); ++k) {
                const Value& n = names.as_list()[k];
                const auto v = index_of(n.as_string());
                if (!v && broken_.contains(n.as_string())) {
                    continue;  // its own errors are reported
                } else if (!v) {
                    error(n.origin, join(at, std::to_string(k)),
                          unknown_message(fmt::format("variable \"{}\"", n.as_string()), n.as_string(), names_));
                } else if (group_of[*v] >= 0) {
                    error(n.origin, join(at, std::to_string(k)),
                          fmt::format("\"{}\" is already in lockstep group {}", n.as_string(), group_of[*v]));
                } else {
                    group_of[*v] = static_cast<int>(g);
                    members.push_back(*v);
                }
            }
            for (std::size_t m : members) {
                const SweepVariable& a = out_.variables[members[0]];
                const SweepVariable& b = out_.variables[m];
                if (a.values.size() != b.values.size()) {
                    error(names.origin, at,
                          fmt::format("lockstep variables need equally many values: \"{}\" has {}, "
                                      "\"{}\" has {}", a.name, a.values.size(), b.name, b.values.size()));
                    break;
                }
            }
            groups.push_back(std::move(members));
        }
        std::vector<std::vector<std::size_t>> factors;
        for (std::size_t v = 0; v < out_.variables.size(); ++v) {
            if (group_of[v] < 0) factors.push_back({v});
            else if (groups[static_cast<std::size_t>(group_of[v])].front() == v)
                factors.push_back(groups[static_cast<std::size_t>(group_of[v])]);
        }
        return factors;
    }

    std::optional<Expression> constraint(const Value& c) {
        // A variable with errors has no type to check against: its errors come first.
        if (c.as_string().empty() || !broken_.empty()) return std::nullopt;
        Expression::Parse p = Expression::parse(c.as_string(), names_, types_);
        if (!p.expression) {
            error(c.origin, "sweep.constraint",
                  fmt::format("{} (at character {} of \"{}\")", p.error, p.at + 1, c.as_string()));
        }
        return std::move(p.expression);
    }

    // Decodes configuration `index` of `factors` into a value index per variable.
    std::vector<std::size_t> choice(std::size_t index, const std::vector<std::vector<std::size_t>>& factors) const {
        std::vector<std::size_t> c(out_.variables.size(), 0);
        for (std::size_t f = factors.size(); f-- > 0;) {
            const std::size_t n = out_.variables[factors[f][0]].values.size();
            for (std::size_t v : factors[f]) c[v] = index % n;
            index /= n;
        }
        return c;
    }

    std::vector<Scalar> scalars(const std::vector<std::size_t>& c) const {
        std::vector<Scalar> s;
        for (std::size_t v = 0; v < c.size(); ++v) s.push_back(parsed_[v][c[v]]);
        return s;
    }

  private:
    void error(const Origin& at, std::string path, std::string message) {
        out_.errors.push_back({at, std::move(path), std::move(message)});
    }

    std::optional<std::size_t> index_of(const std::string& name) const {
        for (std::size_t i = 0; i < names_.size(); ++i)
            if (names_[i] == name) return i;
        return std::nullopt;
    }

    void variable(const std::string& name, const Value& v) {
        const std::string at = join("sweep.variables", name);
        broken_.insert(name);  // until its path and values are read without error
        const Value& path = v.at("path");
        std::string why;
        const Node* node = node_at(schema_, path.as_string(), why);
        const std::string top = path.as_string().substr(0, path.as_string().find('.'));
        if (node && (top == "seed" || top == "sweep")) {
            why = top == "seed" ? "the seed is chosen per repetition (common random numbers); "
                                  "use `repetitions`"
                                : "a variable cannot set the sweep itself";
            node = nullptr;
        } else if (node && !node->is_leaf()) {
            why = fmt::format("\"{}\" is {}; a variable sets one key of a single value",
                              path.as_string(), info(node->kind).noun);
            node = nullptr;
        }
        if (const auto [seen, fresh] = setter_.emplace(path.as_string(), name); node && !fresh) {
            why = fmt::format("variable \"{}\" sets this key already", seen->second);
            node = nullptr;
        }
        if (!node) return error(path.origin, join(at, "path"), why);

        SweepVariable var{name, path.as_string(), {}, {}};
        const Value* from = v.find("from");
        const bool listed = !v.at("values").as_list().empty();
        if (listed && from) return error(from->origin, at, "give `values` or a range (`from`, `to`, `step`), not both");
        if (listed) {
            for (const Value& t : v.at("values").as_list()) {
                var.values.push_back(t.as_string());
                var.origins.push_back(t.origin);
            }
        } else if (!range(v, at, var)) {
            return;
        }
        std::vector<Scalar> parsed;
        for (std::size_t i = 0; i < var.values.size(); ++i) {
            auto p = detail::parse_scalar(*node, var.values[i]);
            if (!p) error(var.origins[i], join(join(at, "values"), std::to_string(i)), p.error);
            else parsed.push_back(scalar_of(Value{std::move(*p.value)}));
        }
        if (parsed.size() != var.values.size()) return;
        broken_.erase(name);
        names_.push_back(name);
        types_.push_back(*operand_of(node->kind));
        parsed_.push_back(std::move(parsed));
        out_.variables.push_back(std::move(var));
    }

    bool range(const Value& v, const std::string& at, SweepVariable& var) {
        const Value *from = v.find("from"), *to = v.find("to"), *step = v.find("step");
        if (!from && !to && !step) {
            error(v.origin, at, "expected `values` (a non-empty list) or a range (`from`, `to`, `step`)");
            return false;
        }
        if (!from || !to || !step) {
            error(v.origin, at, fmt::format("a range needs `from`, `to` and `step`; `{}` is missing",
                                            !from ? "from" : !to ? "to" : "step"));
            return false;
        }
        const double a = from->as_real(), b = to->as_real(), d = step->as_real();
        if (b < a) {
            error(to->origin, join(at, "to"), fmt::format("the range is empty: `to` {} is below `from` {}",
                                                          format_real(b), format_real(a)));
            return false;
        }
        // `to` is included when reached up to rounding (1e-9 of a step).
        const double n = std::floor((b - a) / d + 1e-9) + 1;
        if (n > static_cast<double>(kMaxRangeValues)) {
            error(step->origin, join(at, "step"), fmt::format("the range has {} values; at most {}",
                                                              format_real(n), kMaxRangeValues));
            return false;
        }
        const int places = std::max(decimals(a), decimals(d));
        const std::string& unit = v.at("unit").as_string();
        for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
            const double x = a + static_cast<double>(i) * d;
            std::string text = fmt::format("{:.{}f}", x, places);
            if (text == "-0") text = "0";
            var.values.push_back(text + unit);
            var.origins.push_back(from->origin);
        }
        return true;
    }

    const Node& schema_;
    Sweep& out_;
    std::vector<std::string> names_;  // variables read without error, as in out_.variables
    std::vector<Operand> types_;
    std::set<std::string> broken_;     // variables with errors
    std::map<std::string, std::string> setter_;  // path -> the first variable that sets it
    std::vector<std::vector<Scalar>> parsed_;  // per variable, per value
};

}  // namespace

std::int64_t repetition_seed(std::int64_t seed, std::int64_t repetition) {
    if (repetition == 0) return seed;
    std::uint64_t z = static_cast<std::uint64_t>(seed) +
                      static_cast<std::uint64_t>(repetition) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<std::int64_t>((z ^ (z >> 31)) >> 1);
}

std::string Sweep::id(const SweepRun& r) { return fmt::format("c{:04}-r{:02}", r.config, r.repetition); }

std::vector<std::string> Sweep::overrides(const SweepRun& r) const {
    std::vector<std::string> o;
    for (std::size_t v = 0; v < variables.size(); ++v)
        o.push_back(variables[v].path + "=" + quoted(variables[v].values[r.choice[v]]));
    o.push_back(fmt::format("seed={}", r.seed));
    return o;
}

std::string Sweep::label(const SweepRun& r) const {
    std::string s;
    for (std::size_t v = 0; v < variables.size(); ++v)
        s += fmt::format("{}{}={}", v ? ", " : "", variables[v].name, variables[v].values[r.choice[v]]);
    return s;
}

void Sweep::attribute(std::vector<Diagnostic>& diags, const SweepRun& r) const {
    const std::vector<std::string> sets = overrides(r);
    const std::string where = variables.empty()
                                  ? std::string{}
                                  : fmt::format(" (configuration {}: {})", r.config, label(r));
    for (Diagnostic& d : diags) {
        for (std::size_t v = 0; v < variables.size(); ++v)
            if (d.origin.source == "--set " + sets[v]) d.origin = variables[v].origins[r.choice[v]];
        d.message += where;
    }
}

Sweep expand_sweep(const Value& tree, const Node& schema) {
    Sweep out;
    const std::int64_t seed = tree.at("seed").as_int();
    const Value* sweep = tree.find("sweep");
    if (!sweep) {
        out.configurations = 1;
        out.runs.push_back({0, 0, seed, {}});
        return out;
    }
    Expander x(schema, out);
    x.variables(sweep->at("variables"));
    const auto factors = x.factors(sweep->at("lockstep"));
    const auto constraint = x.constraint(sweep->at("constraint"));
    if (!out.ok()) return out;
    for (const auto& f : factors) {
        out.product *= out.variables[f[0]].values.size();
        if (out.product > kMaxProduct) {
            out.errors.push_back({sweep->at("variables").origin, "sweep.variables",
                                  fmt::format("more than {} configurations", kMaxProduct)});
            return out;
        }
    }
    out.repetitions = sweep->at("repetitions").as_int();
    for (std::size_t c = 0; c < out.product; ++c) {
        std::vector<std::size_t> choice = x.choice(c, factors);
        if (constraint && !constraint->holds(x.scalars(choice))) continue;
        ++out.configurations;
        for (std::int64_t r = 0; r < out.repetitions; ++r)
            out.runs.push_back({c, r, repetition_seed(seed, r), choice});
    }
    if (out.configurations == 0) {
        const Value& c = sweep->at("constraint");
        out.errors.push_back({c.origin, "sweep.constraint",
                              fmt::format("no configuration of the {} satisfies \"{}\"", out.product,
                                          c.as_string())});
    }
    return out;
}

}  // namespace ostsim::scenario
