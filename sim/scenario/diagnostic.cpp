#include "scenario/diagnostic.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace ostsim::scenario {
namespace {

// Levenshtein distance, two rows.
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

std::string Diagnostic::text() const {
    std::string s = origin.source;
    if (origin.line > 0) s += fmt::format(":{}:{}", origin.line, origin.column);
    s += ": ";
    if (!path.empty()) s += path + ": ";
    return s + message;
}

std::string format(const std::vector<Diagnostic>& diagnostics) {
    std::string s;
    for (const Diagnostic& d : diagnostics) s += d.text() + "\n";
    return s;
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    // A typo is at most a third of the word (and at least one edit) away.
    std::size_t best = std::max<std::size_t>(1, word.size() / 3) + 1;
    std::string found;
    for (const std::string& c : candidates) {
        const std::size_t d = distance(word, c);
        if (d < best) {
            best = d;
            found = c;
        }
    }
    return found;
}

std::string unknown_message(std::string_view what, std::string_view word,
                            const std::vector<std::string>& candidates) {
    const std::string near = closest(word, candidates);
    if (!near.empty()) return fmt::format("unknown {} (did you mean \"{}\"?)", what, near);
    if (candidates.empty()) return fmt::format("unknown {}", what);
    return fmt::format("unknown {}; expected one of: {}", what, fmt::join(candidates, ", "));
}

}  // namespace ostsim::scenario
