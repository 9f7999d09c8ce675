#include "scenario/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ostsim::scenario::detail {
namespace fs = std::filesystem;

namespace {

// The first byte that makes `s` not UTF-8 text (a NUL counts), or npos.
std::size_t first_binary_byte(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (c == 0 || n == 0 || i + n > s.size()) return i;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return i;
        i += n;
    }
    return std::string::npos;
}

bool valid_name(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

}  // namespace

std::string describe(const YAML::Node& y) {
    if (y.IsMap()) return "a mapping";
    if (y.IsSequence()) return "a list";
    if (!y.IsDefined() || y.IsNull()) return "nothing";
    return fmt::format("\"{}\"", y.Scalar());
}

void Reader::error(const Origin& at, const std::string& path, std::string message) {
    // An anchored mapping read twice (where it is written and where it is merged or aliased)
    // would report its mistakes twice: the same words at the same place are one mistake.
    const auto same = [&](const Diagnostic& d) {
        return at.line > 0 && d.origin.source == at.source && d.origin.line == at.line &&
               d.origin.column == at.column && d.message == message;
    };
    if (std::any_of(diags_.begin(), diags_.end(), same)) return;
    diags_.push_back({at, path, std::move(message)});
}

Origin Reader::origin(const YAML::Node& y, const std::string& source) const {
    const YAML::Mark m = y.Mark();
    if (!positions_ || m.is_null()) return {source, 0, 0};
    return {source, m.line + 1, m.column + 1};
}

std::optional<YAML::Node> Reader::parse_text(const std::string& text, const std::string& source) {
    try {
        return YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        Origin at{source, 0, 0};
        if (positions_ && !e.mark.is_null()) at = {source, e.mark.line + 1, e.mark.column + 1};
        error(at, "", "YAML syntax error: " + e.msg);
    }
    return std::nullopt;
}

Value Reader::read_file(const fs::path& file, const Node& schema, const std::string& path,
                        const Origin& from) {
    const std::string source = file.string();
    std::error_code ec;
    const fs::path canon = fs::weakly_canonical(file, ec);
    if (std::find(stack_.begin(), stack_.end(), canon) != stack_.end()) {
        std::string chain;
        for (const fs::path& p : stack_) chain += p.filename().string() + " -> ";
        error(from, join(path, "include"), "include cycle: " + chain + file.filename().string());
        return {};
    }
    std::ifstream in(file, std::ios::binary);
    if (!in || fs::is_directory(file, ec)) {
        const char* why = fs::is_directory(file, ec) ? "it is a directory" : std::strerror(errno);
        const std::string what = from.source.empty() ? "cannot read scenario file"
                                                     : fmt::format("cannot include \"{}\"", source);
        error(from.source.empty() ? Origin{source} : from, from.source.empty() ? "" : join(path, "include"),
              fmt::format("{}: {}", what, why));
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    if (const std::size_t at = first_binary_byte(s); at != std::string::npos) {
        error({source}, "", fmt::format("not a text file (byte 0x{:02x} at offset {} is not UTF-8 text)",
                                        static_cast<unsigned char>(s[at]), at));
        return {};
    }
    const auto y = parse_text(s, source);
    if (!y) return {};
    if (y->IsNull()) {
        error({source}, "", "the file is empty; expected a mapping of scenario keys");
        return {};
    }
    stack_.push_back(canon);
    Value v = read(*y, schema, path, source, file.parent_path());
    stack_.pop_back();
    return v;
}

Value Reader::read_text(const std::string& text, const std::string& source, const Node& schema,
                        const std::string& path, const fs::path& dir, bool positions) {
    positions_ = positions;
    Value v;
    if (const auto y = parse_text(text, source)) v = read(*y, schema, path, source, dir);
    positions_ = true;
    return v;
}

Value Reader::read(const YAML::Node& y, const Node& s, const std::string& path,
                   const std::string& source, const fs::path& dir) {
    if (!s.is_leaf() && (!y.IsDefined() || y.IsNull())) {
        // `phold:` with nothing under it: the section, all defaults.
        Value v{s.kind == Kind::list ? Value::Data{Value::List{}} : Value::Data{Value::Map{}}};
        v.origin = origin(y, source);
        return v;
    }
    switch (s.kind) {
        case Kind::map: return read_map(y, s, path, source, dir);
        case Kind::dict: return read_dict(y, s, path, source, dir);
        case Kind::list: return read_list(y, s, path, source, dir);
        default: return read_scalar(y, s, path, source);
    }
}

Value Reader::read_map(const YAML::Node& y, const Node& s, const std::string& path,
                       const std::string& source, const fs::path& dir) {
    if (!y.IsMap()) {
        error(origin(y, source), path, "expected a mapping of keys, got " + describe(y));
        return {};
    }
    Value own{Value::Map{}, origin(y, source)};
    std::vector<std::string> keys{"include"};
    for (const Field& f : s.fields) keys.push_back(f.key);
    const YAML::Node* includes = nullptr;
    YAML::Node include_node;
    std::optional<YAML::Node> merge;
    for (const auto& kv : y) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
        const std::string at = join(path, key);
        if (is_merge_key(kv.first)) {
            if (merge) error(origin(kv.first, source), at, "duplicate key");
            merge = kv.second;
        } else if (own.find(key) || (key == "include" && includes)) {
            error(origin(kv.first, source), at, "duplicate key");
        } else if (key == "include") {
            include_node = kv.second;
            includes = &include_node;
        } else if (const Node* f = s.field(key)) {
            own.as_map().push_back({key, read(kv.second, *f, at, source, dir)});
        } else {
            error(origin(kv.first, source), at, unknown_message("key", key, keys));
        }
    }
    // Merged keys count as written here, so they too win over included ones.
    if (merge) own = merge_under(read_merge(*merge, s, path, source, dir), std::move(own));
    if (!includes) return own;
    Value merged{Value::Map{}, own.origin};
    read_includes(*includes, merged, s, path, source, dir);
    overlay(merged, std::move(own));
    return merged;
}

void Reader::read_includes(const YAML::Node& y, Value& into, const Node& s,
                           const std::string& path, const std::string& source,
                           const fs::path& dir) {
    std::vector<YAML::Node> items;
    if (y.IsScalar()) items.push_back(y);
    if (y.IsSequence())
        for (const auto& i : y) items.push_back(i);
    for (const YAML::Node& i : items) {
        if (!i.IsScalar()) items.clear();
    }
    if (items.empty()) {
        error(origin(y, source), join(path, "include"),
              "expected a file path or a list of file paths, got " + describe(y));
        return;
    }
    for (const YAML::Node& i : items) {
        const fs::path file = (dir / i.Scalar()).lexically_normal();
        overlay(into, read_file(file, s, path, origin(i, source)));
    }
}

Value Reader::read_dict(const YAML::Node& y, const Node& s, const std::string& path,
                        const std::string& source, const fs::path& dir) {
    if (!y.IsMap()) {
        error(origin(y, source), path, "expected a mapping of names, got " + describe(y));
        return {};
    }
    Value v{Value::Map{}, origin(y, source)};
    std::optional<YAML::Node> merge;
    for (const auto& kv : y) {
        const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : "";
        const std::string at = join(path, name);
        if (is_merge_key(kv.first)) {
            if (merge) error(origin(kv.first, source), at, "duplicate key");
            merge = kv.second;
        } else if (!valid_name(name)) {
            error(origin(kv.first, source), at,
                  "not a valid name (letters, digits, '_' and '-' only)");
        } else if (v.find(name)) {
            error(origin(kv.first, source), at, "duplicate name");
        } else {
            v.as_map().push_back({name, read(kv.second, *s.item, at, source, dir)});
        }
    }
    if (merge) return merge_under(read_merge(*merge, s, path, source, dir), std::move(v));
    return v;
}

Value Reader::read_list(const YAML::Node& y, const Node& s, const std::string& path,
                        const std::string& source, const fs::path& dir) {
    if (!y.IsSequence()) {
        error(origin(y, source), path, "expected a list, got " + describe(y));
        return {};
    }
    Value v{Value::List{}, origin(y, source)};
    for (std::size_t i = 0; i < y.size(); ++i) {
        v.as_list().push_back(read(y[i], *s.item, join(path, std::to_string(i)), source, dir));
    }
    if (!s.named_items()) return v;
    const Value::List& items = v.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value* name = items[i].find("name");
        for (std::size_t j = 0; name && j < i; ++j) {
            const Value* other = items[j].find("name");
            if (other && *other == *name) {
                error(name->origin, join(path, std::to_string(i)) + ".name",
                      fmt::format("duplicate name \"{}\" (also item {})", name->as_string(), j));
                break;
            }
        }
    }
    return v;
}

Value Reader::read_scalar(const YAML::Node& y, const Node& s, const std::string& path,
                          const std::string& source) {
    const Origin at = origin(y, source);
    if (!y.IsScalar()) {
        const KindInfo& k = info(s.kind);
        const bool quantity = !k.unit.empty();
        const std::string want = s.kind == Kind::choice ? "one of the allowed values"
                                 : quantity ? fmt::format("{} like \"{}\"", k.noun, k.example)
                                            : std::string(k.noun);
        error(at, path, fmt::format("expected {}, got {}", want, describe(y)));
        return {};
    }
    auto p = parse_scalar(s, y.Scalar());
    if (!p) {
        error(at, path, std::move(p.error));
        return {};
    }
    return {std::move(*p.value), at};
}

}  // namespace ostsim::scenario::detail
