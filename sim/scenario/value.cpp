#include "scenario/value.hpp"

#include <stdexcept>
#include <string>

namespace ostsim::scenario {

bool operator==(const Value& a, const Value& b) { return a.data == b.data; }

const Value* Value::find(std::string_view key) const {
    if (const auto* m = std::get_if<Map>(&data)) {
        for (const Entry& e : *m)
            if (e.key == key) return &e.value;
    } else if (const auto* l = std::get_if<List>(&data)) {
        std::size_t i = 0;
        for (char c : key) {
            if (c < '0' || c > '9') return nullptr;
            i = i * 10 + static_cast<std::size_t>(c - '0');
        }
        if (!key.empty() && i < l->size()) return &(*l)[i];
    }
    return nullptr;
}

Value* Value::find(std::string_view key) {
    return const_cast<Value*>(static_cast<const Value&>(*this).find(key));
}

const Value* Value::find_path(std::string_view dotted) const {
    const Value* v = this;
    while (v && !dotted.empty()) {
        const auto dot = dotted.find('.');
        v = v->find(dotted.substr(0, dot));
        dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
    }
    return v;
}

const Value& Value::at(std::string_view dotted) const {
    const Value* v = find_path(dotted);
    if (!v || v->absent()) throw std::out_of_range("scenario: no value at " + std::string(dotted));
    return *v;
}

void overlay(Value& base, Value top) {
    if (top.absent()) return;
    if (base.is_map() && top.is_map()) {
        for (Entry& e : top.as_map()) {
            if (Value* b = base.find(e.key)) {
                overlay(*b, std::move(e.value));
            } else {
                base.as_map().push_back(std::move(e));
            }
        }
        return;
    }
    base = std::move(top);
}

}  // namespace ostsim::scenario
