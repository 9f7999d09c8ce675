// Loading a scenario: read the file (and its includes), apply `--set` overrides, fill defaults,
// and return the resolved tree with every error found, all at once.
//
//   Loaded s = load_file(scenario_schema(), "scenarios/phold.yaml", {"phold.nlp=64"});
//   if (!s.ok()) { std::cerr << format(s.errors); return 2; }
//   std::int64_t nlp = s.tree.at("phold.nlp").as_int();
//
// Overrides: `path=value`, path in dots; a list item by index (`nodes.0.x`) or by its `name`
// (`nodes.alice.x`); value is YAML text parsed with the key's type and units (a map value
// merges into the section). Lists are replaced whole by an override or an including file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/schema.hpp"
#include "scenario/value.hpp"

namespace ostsim::scenario {

struct Loaded {
    Value tree;  // resolved: defaults filled, schema order; meaningful only if ok()
    std::vector<Diagnostic> errors;
    bool ok() const { return errors.empty(); }
};

Loaded load_file(const Node& schema, const std::filesystem::path& file,
                 const std::vector<std::string>& overrides = {});
// `source` names the text in messages; includes resolve against `dir`.
Loaded load_text(const Node& schema, const std::string& text, const std::string& source,
                 const std::vector<std::string>& overrides = {},
                 const std::filesystem::path& dir = ".");

// The resolved tree as YAML: canonical units, every key, schema order. Loading it again gives
// an equal tree.
std::string dump(const Value& tree, const Node& schema);

}  // namespace ostsim::scenario
