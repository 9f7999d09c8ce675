// The scenario schema, described once in C++ and used for everything: parsing and checking
// YAML, filling defaults, `--set` overrides, the resolved dump, the JSON Schema and the
// reference document. A Node is one key's type; maps hold named fields, dicts hold entries
// under user-chosen names (`cores.<name>`), lists hold items (by index, or by their `name`).
//
//   Node s = map({
//       {"seed", integer().def("1").at_least(0).doc("base random seed")},
//       {"engine", map({{"lookahead", duration().opt().above(0).doc("...")}}).doc("...")},
//   });
//
// A leaf has a default (`def`, YAML text parsed by the same parser), is required (`req`), or is
// optional (`opt`: absent stays absent). A map is always present, its fields filled with their
// defaults, unless it is `opt()`. Dicts and lists default to empty.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ostsim::scenario {

enum class Kind {
    boolean, integer, real, probability, string, choice,
    duration, size, bandwidth, gas, amount,  // quantities with units
    map, dict, list
};

struct Field;

struct Node {
    Kind kind = Kind::string;
    std::string help;
    std::optional<std::string> fallback;  // default, as scenario text
    bool required = false;
    bool optional = false;
    std::vector<std::string> choices;
    std::optional<double> min, max;  // in the kind's base unit (ns, bytes, ...)
    bool min_exclusive = false;
    std::vector<Field> fields;         // map
    std::shared_ptr<const Node> item;  // dict and list

    Node doc(std::string text) && { help = std::move(text); return std::move(*this); }
    Node def(std::string text) && { fallback = std::move(text); return std::move(*this); }
    Node req() && { required = true; return std::move(*this); }
    Node opt() && { optional = true; return std::move(*this); }
    Node at_least(double v) && { min = v; return std::move(*this); }
    Node above(double v) && { min = v; min_exclusive = true; return std::move(*this); }
    Node at_most(double v) && { max = v; return std::move(*this); }

    const Node* field(std::string_view key) const;
    bool is_leaf() const { return kind != Kind::map && kind != Kind::dict && kind != Kind::list; }
    // A list whose items are maps with a `name` field can be addressed by name.
    bool named_items() const;
};

struct Field {
    std::string key;
    Node node;
};

Node boolean();
Node integer();
Node real();
Node probability();
Node string();
Node choice(std::vector<std::string> allowed);
Node duration();
Node size();
Node bandwidth();
Node gas();
Node amount();
Node map(std::vector<Field> fields);
Node dict(Node item);
Node list(Node item);

// What documents and messages say about a kind.
struct KindInfo {
    std::string_view name;     // "duration"
    std::string_view noun;     // "a duration"
    std::string_view unit;     // base unit of the parsed value: "ns"; empty if none
    std::string_view example;  // "3s"
};
const KindInfo& info(Kind k);
// The unit spellings a quantity kind accepts (largest first); empty for other kinds.
std::vector<std::string_view> units(Kind k);

}  // namespace ostsim::scenario
