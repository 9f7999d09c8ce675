// YAML 1.1 merge keys (https://yaml.org/type/merge.html), which yaml-cpp 0.7 parses as an
// ordinary "<<" key: the reader merges them itself, against the schema of the mapping that holds
// them, so a merged value keeps the position where its anchor wrote it.
#include <algorithm>

#include "scenario/reader.hpp"

namespace ostsim::scenario::detail {

bool is_merge_key(const YAML::Node& key) {
    // yaml-cpp tags a plain scalar "?" (to be resolved) and a quoted one "!".
    return key.IsScalar() && key.Scalar() == "<<" &&
           (key.Tag() == "?" || key.Tag() == "tag:yaml.org,2002:merge");
}

Value merge_under(Value merged, Value own) {
    if (merged.absent()) return own;
    if (!own.is_map()) return merged;
    for (Entry& e : own.as_map()) {
        if (Value* m = merged.find(e.key)) {
            *m = std::move(e.value);
        } else {
            merged.as_map().push_back(std::move(e));
        }
    }
    merged.origin = own.origin;
    return merged;
}

Value Reader::read_merge(const YAML::Node& y, const Node& s, const std::string& path,
                         const std::string& source, const std::filesystem::path& dir) {
    const std::string at = join(path, "<<");
    std::vector<YAML::Node> sources;
    if (y.IsMap()) sources.push_back(y);
    if (y.IsSequence())
        for (const auto& i : y) sources.push_back(i);
    const bool all_maps = !sources.empty() && std::all_of(sources.begin(), sources.end(),
                                                          [](const YAML::Node& n) { return n.IsMap(); });
    if (!all_maps) {
        const YAML::Node& bad = y.IsSequence() && !sources.empty()
                                    ? *std::find_if(sources.begin(), sources.end(),
                                                    [](const YAML::Node& n) { return !n.IsMap(); })
                                    : y;
        error(origin(bad, source), at,
              "expected a mapping or a list of mappings to merge (`<<: *name`), got " + describe(bad));
        return {};
    }
    Value merged{Value::Map{}, origin(y, source)};
    for (const YAML::Node& m : sources) {
        const bool cycle = std::any_of(merging_.begin(), merging_.end(),
                                       [&](const YAML::Node& n) { return n.is(m); });
        if (cycle) {
            error(origin(m, source), at, "a mapping cannot be merged into itself");
            return {};
        }
        merging_.push_back(m);
        Value v = read(m, s, path, source, dir);
        merging_.pop_back();
        if (!v.is_map()) return {};
        // Earlier mappings win: this one only adds the keys they lack.
        for (Entry& e : v.as_map())
            if (!merged.find(e.key)) merged.as_map().push_back(std::move(e));
    }
    return merged;
}

}  // namespace ostsim::scenario::detail
