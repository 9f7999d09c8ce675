#include "scenario/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ostsim::scenario::detail {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t p = s.find(sep, start);
        out.push_back(s.substr(start, p - start));
        if (p == std::string::npos) return out;
        start = p + 1;
    }
}

bool is_index(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The entry `key` of map `v`, created (absent) if missing.
Value& slot(Value& v, const std::string& key) {
    if (!v.is_map()) v.data = Value::Map{};
    if (Value* found = v.find(key)) return *found;
    v.as_map().push_back({key, Value{}});
    return v.as_map().back().value;
}

// A list item by index or by its `name`; nullptr with a diagnostic if none.
Value* item(Value& list, const Node& s, const std::string& seg, const std::string& at,
            const Origin& where, std::vector<Diagnostic>& diags) {
    std::vector<std::string> names;
    if (list.is_list()) {
        Value::List& items = list.as_list();
        if (is_index(seg)) {
            if (Value* v = list.find(seg)) return v;
            diags.push_back({where, at, fmt::format("no item {} (the list has {})", seg, items.size())});
            return nullptr;
        }
        for (Value& i : items) {
            const Value* n = s.named_items() ? i.find("name") : nullptr;
            if (!n || n->absent()) continue;
            if (n->as_string() == seg) return &i;
            names.push_back(n->as_string());
        }
    }
    diags.push_back({where, at, unknown_message("item name", seg, names)});
    return nullptr;
}

}  // namespace

void apply_override(Value& tree, const Node& root, const std::string& text, Reader& reader,
                    std::vector<Diagnostic>& diags) {
    const Origin where{"--set " + text};
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        diags.push_back({where, "", "expected path=value, e.g. --set phold.nlp=64"});
        return;
    }
    const Node* s = &root;
    Value* v = &tree;
    std::string at;
    for (const std::string& seg : split(text.substr(0, eq), '.')) {
        const std::string next = join(at, seg);
        if (seg.empty()) {
            diags.push_back({where, at, "empty key in the path"});
            return;
        }
        if (s->kind == Kind::map) {
            const Node* f = s->field(seg);
            if (!f) {
                std::vector<std::string> keys;
                for (const Field& fl : s->fields) keys.push_back(fl.key);
                diags.push_back({where, next, unknown_message("key", seg, keys)});
                return;
            }
            v = &slot(*v, seg);
            s = f;
        } else if (s->kind == Kind::dict) {
            v = &slot(*v, seg);
            s = s->item.get();
        } else if (s->kind == Kind::list) {
            v = item(*v, *s, seg, next, where, diags);
            if (!v) return;
            s = s->item.get();
        } else {
            diags.push_back({where, next, fmt::format("{} is {}; it has no key \"{}\"", at,
                                                      info(s->kind).noun, seg)});
            return;
        }
        at = next;
    }
    overlay(*v, reader.read_text(text.substr(eq + 1), where.source, *s, at, ".", false));
}

void complete(Value& v, const Node& s, const std::string& path, const Origin& parent,
              std::vector<Diagnostic>& diags) {
    if (s.kind == Kind::dict || s.kind == Kind::list) {
        if (v.absent()) v = {s.kind == Kind::list ? Value::Data{Value::List{}} : Value::Data{Value::Map{}}, parent};
        if (v.is_list()) {
            auto& items = v.as_list();
            for (std::size_t i = 0; i < items.size(); ++i)
                complete(items[i], *s.item, join(path, std::to_string(i)), v.origin, diags);
        } else {
            for (Entry& e : v.as_map()) complete(e.value, *s.item, join(path, e.key), v.origin, diags);
        }
        return;
    }
    if (s.kind != Kind::map) return;
    if (v.absent()) v = {Value::Map{}, parent};
    Value::Map done;
    for (const Field& f : s.fields) {
        const std::string at = join(path, f.key);
        Value* have = v.find(f.key);
        if (have && have->absent()) continue;  // its error is already reported
        Value x = have ? std::move(*have) : Value{};
        if (x.absent() && f.node.is_leaf()) {
            if (f.node.fallback) {
                auto p = parse_scalar(f.node, *f.node.fallback);
                if (!p) diags.push_back({{"schema"}, at, "internal: bad default: " + p.error});
                if (p) x = {std::move(*p.value), {"default"}};
            } else if (f.node.required) {
                diags.push_back({v.origin, at, "missing required key"});
            }
        } else if (!(x.absent() && f.node.optional)) {
            complete(x, f.node, at, v.origin, diags);
        }
        if (!x.absent()) done.push_back({f.key, std::move(x)});
    }
    v.data = std::move(done);
}

}  // namespace ostsim::scenario::detail
