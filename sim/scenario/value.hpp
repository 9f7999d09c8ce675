// A parsed scenario: a tree of typed values, each remembering where it was written so that
// later checks (a bad reference to a core, say) can still point at file:line:col.
// Scalars are stored in their kind's base unit (durations in ns, sizes in bytes, ...); which
// kind a value has is the schema's business, not the tree's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenario/quantity.hpp"

namespace ostsim::scenario {

struct Origin {
    std::string source;  // file path, "--set k=v", "default", ...
    int line = 0;        // 1-based; 0 when the source has no positions
    int column = 0;

    Origin() = default;
    Origin(std::string src, int l = 0, int c = 0)
        : source(std::move(src)), line(l), column(c) {}
};

struct Entry;

class Value {
  public:
    using Map = std::vector<Entry>;
    using List = std::vector<Value>;
    using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string, Amount, Map,
                              List>;

    Data data;  // monostate: absent
    Origin origin;

    Value() = default;
    Value(Data d, Origin o = {}) : data(std::move(d)), origin(std::move(o)) {}

    bool absent() const { return std::holds_alternative<std::monostate>(data); }
    bool is_map() const { return std::holds_alternative<Map>(data); }
    bool is_list() const { return std::holds_alternative<List>(data); }

    // Lookups by key (maps) or by dotted path ("phold.nlp", "nodes.0.name"); nullptr if none.
    const Value* find(std::string_view key) const;
    Value* find(std::string_view key);
    const Value* find_path(std::string_view dotted) const;
    // As find_path, but a missing path is a programming error: throws std::out_of_range.
    const Value& at(std::string_view dotted) const;

    // Typed access; a wrong type is a programming error (std::bad_variant_access).
    bool as_bool() const { return std::get<bool>(data); }
    std::int64_t as_int() const { return std::get<std::int64_t>(data); }
    double as_real() const { return std::get<double>(data); }
    const std::string& as_string() const { return std::get<std::string>(data); }
    Amount as_amount() const { return std::get<Amount>(data); }
    const Map& as_map() const { return std::get<Map>(data); }
    Map& as_map() { return std::get<Map>(data); }
    const List& as_list() const { return std::get<List>(data); }
    List& as_list() { return std::get<List>(data); }

    // Equal contents; origins are ignored.
    friend bool operator==(const Value& a, const Value& b);
};

struct Entry {
    std::string key;
    Value value;
    friend bool operator==(const Entry& a, const Entry& b) {
        return a.key == b.key && a.value == b.value;
    }
};

// Lays `top` over `base`: maps merge key by key, anything else is replaced; absent keeps base.
void overlay(Value& base, Value top);

}  // namespace ostsim::scenario
