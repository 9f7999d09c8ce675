// One scenario error: where (file:line:col, or the `--set` that caused it), which key, and what
// was expected. Loading collects every diagnostic before reporting, never stopping at the first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/value.hpp"

namespace ostsim::scenario {

struct Diagnostic {
    Origin origin;
    std::string path;     // "phold.nlp"; empty for whole-file problems
    std::string message;  // "expected an integer, got \"many\""

    Diagnostic(Origin o, std::string p, std::string m)
        : origin(std::move(o)), path(std::move(p)), message(std::move(m)) {}

    // "scenarios/x.yaml:14:9: phold.nlp: expected an integer, got \"many\""
    std::string text() const;
};

// All diagnostics, one per line.
std::string format(const std::vector<Diagnostic>& diagnostics);

// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// "unknown key (did you mean \"nlp\"?)", or listing the candidates when none is close.
std::string unknown_message(std::string_view what, std::string_view word,
                            const std::vector<std::string>& candidates);

}  // namespace ostsim::scenario
