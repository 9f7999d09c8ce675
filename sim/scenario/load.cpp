#include "scenario/load.hpp"

#include "scenario/resolve.hpp"

namespace ostsim::scenario {
namespace {

Loaded finish(Value tree, const Node& schema, const Origin& root,
              const std::vector<std::string>& overrides, detail::Reader& reader,
              std::vector<Diagnostic>& diags) {
    // A file that could not be read has no tree: defaults and missing keys would only add noise.
    const bool readable = !tree.absent();
    for (const std::string& o : overrides) detail::apply_override(tree, schema, o, reader, diags);
    if (readable) detail::complete(tree, schema, "", root, diags);
    return {std::move(tree), std::move(diags)};
}

}  // namespace

Loaded load_file(const Node& schema, const std::filesystem::path& file,
                 const std::vector<std::string>& overrides) {
    std::vector<Diagnostic> diags;
    detail::Reader reader(diags);
    Value tree = reader.read_file(file, schema, "", Origin{});
    return finish(std::move(tree), schema, {file.string(), 1, 1}, overrides, reader, diags);
}

Loaded load_text(const Node& schema, const std::string& text, const std::string& source,
                 const std::vector<std::string>& overrides, const std::filesystem::path& dir) {
    std::vector<Diagnostic> diags;
    detail::Reader reader(diags);
    Value tree = reader.read_text(text, source, schema, "", dir, true);
    return finish(std::move(tree), schema, {source, 1, 1}, overrides, reader, diags);
}

}  // namespace ostsim::scenario
