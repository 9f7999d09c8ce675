// The sweep's `constraint`: a small, side-effect-free expression language over the values of
// sweep variables, parsed once and type-checked before any configuration is evaluated.
//
//   condition := or;   or := and ("or" and)*;   and := not ("and" not)*;   not := "not" not | cmp
//   cmp := sum (("<" | "<=" | "==" | "!=" | ">=" | ">") sum)?
//   sum := product (("+" | "-") product)*;   product := unary (("*" | "/") unary)*
//   unary := "-" unary | atom
//   atom := NUMBER[UNIT] | VARIABLE | "text" | 'text' | true | false | "(" condition ")"
//
// Numbers carry a dimension: a variable has its key's (a `duration` variable is a time), a
// literal its unit's, written right after the digits (`3s`, `250ms`, `535kB`, `10Mbit/s`,
// `2.5OST`, `25%`). Values are in base units, so `mean >= 2 * lookahead` and `mean < 1.5min`
// compare nanoseconds. Sums, differences and comparisons need equal dimensions; a product needs
// one plain number; a quotient of equal dimensions is a plain number. Gas counts are plain
// numbers (scenario text allows gas without a unit). `==`/`!=` also compare text (choices,
// strings) and true/false. The whole must be a condition.
//
// Limits: numbers are doubles, so amounts are compared to about 0.01 OST above 2^53 wei;
// variable names with '-' cannot be referenced (it is the minus sign); x / 0 follows IEEE 754.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/schema.hpp"
#include "scenario/value.hpp"

namespace ostsim::scenario {

enum class Dimension { none, time, size, bandwidth, amount };
enum class Type { number, text, boolean };

// What an expression operand is: text, true/false, or a number of some dimension.
struct Operand {
    Type type = Type::number;
    Dimension dim = Dimension::none;
    friend bool operator==(const Operand&, const Operand&) = default;
};

// How a key of schema kind `k` appears in an expression; nullopt for maps, dicts and lists.
std::optional<Operand> operand_of(Kind k);

// A runtime value.
struct Scalar {
    double number = 0;
    bool boolean = false;
    std::string text;
};

// A scalar scenario value (from parse_scalar, in base units) as an expression value.
Scalar scalar_of(const Value& v);

class Expression {
  public:
    struct Parse;
    // Parses and type-checks `text` against variables `names` of types `types`.
    static Parse parse(std::string_view text, const std::vector<std::string>& names,
                       const std::vector<Operand>& types);

    // Evaluates with `values[i]` the value of variable i.
    bool holds(const std::vector<Scalar>& values) const;

    // Which variables the condition reads.
    std::vector<bool> uses(std::size_t variables) const;

    struct Term;  // one node of the syntax tree

  private:
    Scalar eval(int node, const std::vector<Scalar>& values) const;
    std::vector<Term> terms_;
    int root_ = -1;
};

struct Expression::Parse {
    std::optional<Expression> expression;
    std::size_t at = 0;  // 0-based character offset of the error
    std::string error;   // "unknown variable \"nlpp\" (did you mean \"nlp\"?)"
};

struct Expression::Term {
    enum Op { literal, variable, neg, add, sub, mul, div, lt, le, gt, ge, eq, ne, conj, disj, negation };
    Op op = literal;
    Scalar value;       // literal
    std::size_t var = 0;  // variable
    int a = -1, b = -1;   // operands
    Operand type;
};

}  // namespace ostsim::scenario
