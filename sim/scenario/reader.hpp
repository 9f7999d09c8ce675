// Reads YAML into a partial scenario tree (only the keys written, no defaults), checking every
// key and scalar against the schema and collecting every error. Handles `include:` (a path or
// a list of paths, relative to the including file, allowed in any map; the including map's own
// keys win over included ones; cycles are errors) and YAML 1.1 merge keys (`<<: *a`,
// `<<: [*a, *b]`; merge.cpp). Internal to load.cpp and overrides.cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/schema.hpp"
#include "scenario/value.hpp"

namespace ostsim::scenario::detail {

class Reader {
  public:
    explicit Reader(std::vector<Diagnostic>& out) : diags_(out) {}

    // Reads `file` (a scenario or an included fragment) against `schema`, at key path `path`.
    Value read_file(const std::filesystem::path& file, const Node& schema, const std::string& path,
                    const Origin& from);
    // Reads YAML text from a non-file source: a test string, or an override (positions false:
    // its line and column would point into the override, not a file).
    Value read_text(const std::string& text, const std::string& source, const Node& schema,
                    const std::string& path, const std::filesystem::path& dir, bool positions);
    // Reads one YAML node; `source` labels positions, `dir` resolves includes.
    Value read(const YAML::Node& y, const Node& schema, const std::string& path,
               const std::string& source, const std::filesystem::path& dir);

  private:
    void error(const Origin& at, const std::string& path, std::string message);
    Origin origin(const YAML::Node& y, const std::string& source) const;
    Value read_map(const YAML::Node& y, const Node& s, const std::string& path,
                   const std::string& source, const std::filesystem::path& dir);
    Value read_dict(const YAML::Node& y, const Node& s, const std::string& path,
                    const std::string& source, const std::filesystem::path& dir);
    Value read_list(const YAML::Node& y, const Node& s, const std::string& path,
                    const std::string& source, const std::filesystem::path& dir);
    Value read_scalar(const YAML::Node& y, const Node& s, const std::string& path,
                      const std::string& source);
    void read_includes(const YAML::Node& y, Value& into, const Node& s, const std::string& path,
                       const std::string& source, const std::filesystem::path& dir);
    std::optional<YAML::Node> parse_text(const std::string& text, const std::string& source);
    // The mappings a `<<` key names, read against `s` (a map or dict node) and merged shallowly,
    // the first mapping's keys winning; absent after an error.
    Value read_merge(const YAML::Node& y, const Node& s, const std::string& path,
                     const std::string& source, const std::filesystem::path& dir);

    std::vector<Diagnostic>& diags_;
    std::vector<std::filesystem::path> stack_;  // files being read, for include cycles
    std::vector<YAML::Node> merging_;           // mappings being merged, for alias cycles
    bool positions_ = true;  // false while reading override text: its marks mean nothing
};

// Scalar text to a value of kind s.kind in base units, range-checked; error phrase on failure.
Parsed<Value::Data> parse_scalar(const Node& s, const std::string& text);

// The node's range in its kind's spelling: "between 0s and 1s", ">= 1", "> 0s", "<= 5";
// empty when it has none.
std::string range_text(const Node& s);

// "a mapping", "a list", "nothing" or the scalar quoted, for "expected X, got Y".
std::string describe(const YAML::Node& y);

// A plain (unquoted, untagged) `<<` key: YAML 1.1's merge key. A quoted "<<" is an ordinary key.
bool is_merge_key(const YAML::Node& key);

// Lays the mapping `own` over `merged` as a YAML merge does: a key written in `own` replaces the
// merged key whole (no deep merge, unlike includes); keys keep the position of their first
// appearance, merged keys first.
Value merge_under(Value merged, Value own);

// "phold" + "nlp" -> "phold.nlp"
inline std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

}  // namespace ostsim::scenario::detail
