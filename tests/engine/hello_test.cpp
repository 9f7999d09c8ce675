// The "hello simulation" of docs/engine.md, compiled and checked; a test keeps the two equal.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

// --- docs/engine.md example begins
#include "engine/engine.hpp"
using namespace ostsim::engine;

struct Ping {  // an LP: its state and its handler
    using Payload = Empty;
    int received = 0;
    void handle(Context<Ping>& ctx, const Event<Empty>&) {
        if (++received < 3) ctx.send(ctx.self() ^ 1, kMillisecond);  // to the other LP
    }
};

Stats hello() {
    Engine<Ping> eng({.threads = 2, .lookahead = kMillisecond});
    LpId a = eng.add_lp(Ping{});
    eng.add_lp(Ping{});
    eng.schedule(a, 0);
    return eng.run();  // committed 5 events in 10 windows
}
// --- docs/engine.md example ends

TEST(engine_hello, five_line_simulation) {
    const Stats s = hello();
    EXPECT_EQ(s.committed, 5u);
    EXPECT_EQ(s.windows, 10u);  // two per event: see engine_stats.run_until_quiet_skips_empty_stretches
    EXPECT_EQ(s.partitions, 2);
    EXPECT_EQ(s.pending, 0u);
}

namespace {
std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
// The text between two markers, or "" when either is missing.
std::string between(const std::string& text, const std::string& from, const std::string& to) {
    auto a = text.find(from);
    if (a == std::string::npos) return "";
    a += from.size();
    auto b = text.find(to, a);
    return b == std::string::npos ? "" : text.substr(a, b - a);
}
}  // namespace

TEST(engine_hello, docs_show_exactly_this_example) {
    const std::string root = OSTSIM_SOURCE_DIR;
    const std::string code = between(read(root + "/tests/engine/hello_test.cpp"),
                                     "// --- docs/engine.md example begins\n",
                                     "// --- docs/engine.md example ends");
    const std::string doc = read(root + "/docs/engine.md");
    const std::string shown = between(doc.substr(doc.find("## Hello simulation")), "```cpp\n", "```");
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(shown, code);
}
