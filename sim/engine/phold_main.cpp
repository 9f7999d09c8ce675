// ostsim-phold: PHOLD on the engine at one or more thread counts, optionally beside the bare
// heap loop, interleaved over repetitions so that machine noise hits all alike. Prints each
// run (a parallel run after a 1-thread one also with its window overhead), then medians, and
// fails (exit 1) if any two engine runs disagree on the checksum.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/phold.hpp"
#include "engine/phold_baseline.hpp"

namespace {

using namespace ostsim::engine;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void report(const std::string& name, const std::vector<double>& rates, double reference) {
    const auto [lo, hi] = std::minmax_element(rates.begin(), rates.end());
    const double med = median(rates);
    fmt::print("{:<12} median {:7.3f} M ev/s  (min {:.3f}, max {:.3f}, n={})", name, med / 1e6,
               *lo / 1e6, *hi / 1e6, rates.size());
    if (reference > 0) fmt::print("  x{:.2f} vs 1st engine row", med / reference);
    fmt::print("\n");
}

// What a window of a parallel run costs beyond its busiest partition's events at the cost per
// event of a one-partition run (the waits, the exchange between partitions, partitioning
// itself): the gap between the run and an ideal split of the one-partition run, window by
// window. Windows overlap by one, so a busier partition holds the others up only when its
// extra events add up to a window: the figure can come out lower than the imbalance alone
// would cost at a barrier. Meaningful with one partition per thread.
void window_overhead(const Stats& s, double seconds_per_event_1p) {
    const double window = s.wall_seconds / static_cast<double>(s.windows);
    const double busiest =
        s.imbalance() * s.events_per_window() / s.partitions * seconds_per_event_1p;
    fmt::print("    window {:.3f} us; its busiest partition's events at the 1-partition cost "
               "{:.3f} us; overhead {:.3f} us ({:.1f} %)\n",
               window * 1e6, busiest * 1e6, (window - busiest) * 1e6,
               100 * (window - busiest) / window);
}

}  // namespace

int main(int argc, char** argv) {
    PholdParams p;
    std::vector<int> threads{1};
    int partitions = 0;
    int repeat = 1;
    bool baseline = false;

    CLI::App app{"PHOLD on the ostsim engine (parameters as ROSS's phold)"};
    app.add_option("--nlp", p.nlp, "LPs (N)")->capture_default_str();
    app.add_option("--events,--start-events,-E", p.events, "initial events per LP (E)")
        ->capture_default_str();
    app.add_option("--remote", p.remote, "probability of a uniform destination")
        ->capture_default_str();
    app.add_option("--mean", p.mean, "mean timestamp increment, seconds")->capture_default_str();
    app.add_option("--lookahead", p.lookahead, "least increment L, seconds")->capture_default_str();
    app.add_option("--end", p.end, "end time, seconds")->capture_default_str();
    app.add_option("--seed", p.seed, "random seed")->capture_default_str();
    app.add_option("--threads", threads, "thread counts to run, e.g. --threads 1 2")
        ->capture_default_str();
    app.add_option("--partitions", partitions, "partitions (0: one per thread)")
        ->capture_default_str();
    app.add_option("--repeat", repeat, "repetitions of every configuration")->capture_default_str();
    app.add_flag("--baseline", baseline, "also run the bare binary-heap loop");
    CLI11_PARSE(app, argc, argv);

    fmt::print("PHOLD N={} E={} remote={} mean={} L={} end={} seed={}\n", p.nlp, p.events, p.remote,
               p.mean, p.lookahead, p.end, p.seed);
    std::map<std::string, std::vector<double>> rates;
    std::vector<std::string> order;
    auto record = [&](const std::string& name, double rate) {
        if (!rates.count(name)) order.push_back(name);
        rates[name].push_back(rate);
    };
    std::uint64_t digest = 0, committed = 0;
    bool first = true, consistent = true;
    for (int r = 0; r < repeat; ++r) {
        double seconds_per_event_1p = 0;  // this repetition's one-partition run, if any
        for (int t : threads) {
            Config c;
            c.threads = t;
            c.partitions = partitions;
            const PholdResult res = run_phold(p, c);
            const Stats& s = res.stats;
            fmt::print("run {} engine {}t: {}; checksum {:016x}\n", r, t, summary(s), res.digest);
            if (s.partitions == 1 && s.committed > 0) {
                seconds_per_event_1p = s.wall_seconds / static_cast<double>(s.committed);
            } else if (seconds_per_event_1p > 0 && s.threads == s.partitions && s.windows > 0) {
                window_overhead(s, seconds_per_event_1p);
            }
            if (!first && (res.digest != digest || s.committed != committed)) consistent = false;
            digest = res.digest;
            committed = s.committed;
            first = false;
            record(fmt::format("engine {}t", t), s.events_per_second());
        }
        if (baseline) {
            const BaselineResult b = run_phold_baseline(p);
            const double rate = static_cast<double>(b.committed) / b.wall_seconds;
            fmt::print("run {} bare heap: committed {} events in {:.3f} s ({:.3f} M ev/s)\n", r,
                       b.committed, b.wall_seconds, rate / 1e6);
            if (b.committed != committed) consistent = false;
            record("bare heap", rate);
        }
    }
    fmt::print("--- committed {} events; checksum {:016x} {}\n", committed, digest,
               consistent ? "(identical in every run)" : "MISMATCH between runs");
    const double ref = median(rates[order.front()]);
    for (const auto& name : order) report(name, rates[name], name == order.front() ? 0 : ref);
    return consistent ? 0 : 1;
}
