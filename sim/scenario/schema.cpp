#include "scenario/schema.hpp"

#include "scenario/quantity.hpp"

namespace ostsim::scenario {
namespace {

Node leaf(Kind k) {
    Node n;
    n.kind = k;
    return n;
}

}  // namespace

const Node* Node::field(std::string_view key) const {
    for (const Field& f : fields)
        if (f.key == key) return &f.node;
    return nullptr;
}

bool Node::named_items() const {
    return kind == Kind::list && item && item->kind == Kind::map && item->field("name");
}

Node boolean() { return leaf(Kind::boolean); }
Node integer() { return leaf(Kind::integer); }
Node real() { return leaf(Kind::real); }
Node probability() { return leaf(Kind::probability); }
Node string() { return leaf(Kind::string); }
Node duration() { return leaf(Kind::duration); }
Node size() { return leaf(Kind::size); }
Node bandwidth() { return leaf(Kind::bandwidth); }
Node gas() { return leaf(Kind::gas); }
Node amount() { return leaf(Kind::amount); }

Node choice(std::vector<std::string> allowed) {
    Node n = leaf(Kind::choice);
    n.choices = std::move(allowed);
    return n;
}

Node map(std::vector<Field> fields) {
    Node n = leaf(Kind::map);
    n.fields = std::move(fields);
    return n;
}

Node dict(Node item) {
    Node n = leaf(Kind::dict);
    n.item = std::make_shared<const Node>(std::move(item));
    return n;
}

Node list(Node item) {
    Node n = leaf(Kind::list);
    n.item = std::make_shared<const Node>(std::move(item));
    return n;
}

const KindInfo& info(Kind k) {
    static const KindInfo table[] = {
        {"boolean", "true or false", "", "true"},
        {"integer", "an integer", "", "4"},
        {"real", "a number", "", "0.5"},
        {"probability", "a probability", "", "0.25"},
        {"string", "a string", "", "text"},
        {"choice", "one of", "", ""},
        {"duration", "a duration", "ns", "3s"},
        {"size", "a data size", "bytes", "535 kB"},
        {"bandwidth", "a bandwidth", "bit/s", "10 Mbit/s"},
        {"gas", "an amount of gas", "gas", "30M gas"},
        {"amount", "a token amount", "wei (10^-18 OST)", "2.5 OST"},
        {"map", "a mapping", "", ""},
        {"dict", "a mapping of names", "", ""},
        {"list", "a list", "", ""},
    };
    return table[static_cast<int>(k)];
}

std::vector<std::string_view> units(Kind k) {
    switch (k) {
        case Kind::duration: return duration_units();
        case Kind::size: return size_units();
        case Kind::bandwidth: return bandwidth_units();
        case Kind::gas: return gas_units();
        case Kind::amount: return amount_units();
        default: return {};
    }
}

}  // namespace ostsim::scenario
