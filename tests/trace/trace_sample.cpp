// Writes a sample trace for test_trace_h5py.py: trace_sample OUT.h5 ROWS [incomplete]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sample_rows.hpp"
#include "trace/writer.hpp"

using namespace ostsim::trace;

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    auto [w, err] = Writer::open(argv[1], {.force = true, .batch_rows = 100, .queue_batches = 2});
    if (!w) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 3;
    }
    const auto rows = static_cast<std::uint32_t>(std::atoi(argv[2]));
    w->attribute("scenario", "name: \"héllo\"\n");
    w->attribute("seed", std::int64_t{7});
    Table<sample::SampleRow> t = w->table<sample::SampleRow>(sample::kSample);
    for (std::uint32_t i = 0; i < rows; ++i) t.append(sample::row(i));
    w->summary("phold", "committed", std::uint64_t{rows});
    w->summary("phold", "rate", 1.5);
    const bool complete = argc < 4;
    const std::string e = w->close(complete, 123456789);
    if (!e.empty()) std::fprintf(stderr, "%s\n", e.c_str());
    return e.empty() ? 0 : 3;
}
