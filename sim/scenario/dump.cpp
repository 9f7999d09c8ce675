// The resolved scenario as YAML, in canonical units (what --show-config prints and the trace
// records).
#include <yaml-cpp/yaml.h>

#include "scenario/load.hpp"

namespace ostsim::scenario {
namespace {

std::string scalar_text(const Value& v, Kind k) {
    switch (k) {
        case Kind::boolean: return v.as_bool() ? "true" : "false";
        case Kind::integer: return std::to_string(v.as_int());
        case Kind::real:
        case Kind::probability: return format_real(v.as_real());
        case Kind::duration: return format_duration(v.as_int());
        case Kind::size: return format_size(v.as_int());
        case Kind::bandwidth: return format_bandwidth(v.as_int());
        case Kind::gas: return format_gas(v.as_int());
        case Kind::amount: return format_amount(v.as_amount());
        default: return v.as_string();
    }
}

void emit(YAML::Emitter& out, const Value& v, const Node& s) {
    switch (s.kind) {
        case Kind::map:
        case Kind::dict:
            if (v.as_map().empty()) out << YAML::Flow;
            out << YAML::BeginMap;
            for (const Entry& e : v.as_map()) {
                out << YAML::Key << e.key << YAML::Value;
                emit(out, e.value, s.kind == Kind::map ? *s.field(e.key) : *s.item);
            }
            out << YAML::EndMap;
            return;
        case Kind::list:
            if (v.as_list().empty()) out << YAML::Flow;
            out << YAML::BeginSeq;
            for (const Value& i : v.as_list()) emit(out, i, *s.item);
            out << YAML::EndSeq;
            return;
        case Kind::string:
        case Kind::choice:
            // Quoted, so that "1" or "true" stays a string for any YAML reader.
            out << YAML::DoubleQuoted << v.as_string();
            return;
        default: out << scalar_text(v, s.kind);
    }
}

}  // namespace

std::string dump(const Value& tree, const Node& schema) {
    YAML::Emitter out;
    emit(out, tree, schema);
    return std::string(out.c_str()) + "\n";
}

}  // namespace ostsim::scenario
