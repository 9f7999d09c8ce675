// `ostsim compare`: designs side by side over repetitions with common random numbers. Every
// run is loaded and checked before any runs; repetition r of every design uses the same seed,
// repetition_seed(first design's seed, r) (scenario/sweep.hpp), and runs design after design
// so that a drift in machine load spreads evenly over designs; `-j` runs that many at a time
// (threads of this process, as in `ostsim sweep`), which changes no figure but the wall-clock ones. Each numeric summary figure is
// reported per design as a mean with a 95 % Student-t interval, and per design after the first
// as the paired difference from the first (its interval from the per-repetition differences,
// which common seeds make much narrower than the designs' own). Text figures are skipped, and
// so is a NaN (a figure a run could not compute, such as a latency with no transfer done).
// The figures issue 5 names come first (throughput, inclusion and finality latency, cross-core
// transfer latency, cost per transaction), then every other in the order the runs report them.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/execute.hpp"
#include "cli/interrupt.hpp"
#include "cli/stats.hpp"
#include "scenario/definitions.hpp"
#include "scenario/sweep.hpp"

namespace ostsim::cli {
namespace {

// values[design][repetition]; nullopt where that run did not report the figure.
using Samples = std::vector<std::vector<std::optional<double>>>;

std::optional<double> number(const Figure& f) {
    if (const auto* i = std::get_if<std::int64_t>(&f.value)) return static_cast<double>(*i);
    if (const auto* u = std::get_if<std::uint64_t>(&f.value)) return static_cast<double>(*u);
    if (const auto* d = std::get_if<double>(&f.value)) return *d;
    return std::nullopt;
}

// Headline figures by their last name component, in the order they are printed.
constexpr std::array<std::string_view, 6> kHeadline{
    "throughput_tps",    // cores/<core>, total
    "inclusion_delay_s",  // cores/<core>/transfers
    "finality_delay_s",   // cores/<core> (from production), cores/<core>/transfers (from submission)
    "latency_s",          // overlay/<aux>/<flow>: cross-core transfers
    "fee_per_tx_gwei",    // cores/<core>
    "gas_per_transfer"};  // overlay/<aux>/<flow>

std::size_t headline_rank(const std::string& key) {
    const std::string_view name = std::string_view(key).substr(key.rfind('/') + 1);
    return static_cast<std::size_t>(std::find(kHeadline.begin(), kHeadline.end(), name) - kHeadline.begin());
}

// The samples of one design, or of the paired differences from design 0; only repetitions
// where both are present count.
std::vector<double> present(const Samples& s, std::size_t design, bool paired) {
    std::vector<double> xs;
    for (std::size_t r = 0; r < s[design].size(); ++r) {
        if (!s[design][r] || (paired && !s[0][r])) continue;
        xs.push_back(paired ? *s[design][r] - *s[0][r] : *s[design][r]);
    }
    return xs;
}

std::string interval_text(const Interval& i, bool sign) {
    if (i.n == 0) return "-";
    std::string s = sign ? fmt::format("{:+.6g}", i.mean) : fmt::format("{:.6g}", i.mean);
    if (i.n > 1) s += fmt::format(" ± {:.2g}", i.half_width);
    if (sign && i.n > 1 && std::abs(i.mean) > i.half_width) s += " *";
    return s;
}

nlohmann::json interval_json(const Interval& i, const std::vector<double>& xs) {
    nlohmann::json j = {{"n", i.n}, {"mean", i.mean}, {"values", xs}};
    j["ci95"] = i.n > 1 ? nlohmann::json(i.half_width) : nlohmann::json(nullptr);
    return j;
}

// Terminal columns of UTF-8 text ("±" is one).
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// Labels: file stems, or the paths as given where two stems are equal.
std::vector<std::string> labels(const std::vector<std::string>& files) {
    std::vector<std::string> out;
    std::map<std::string, int> count;
    for (const std::string& f : files) ++count[std::filesystem::path(f).stem().string()];
    for (const std::string& f : files) {
        const std::string stem = std::filesystem::path(f).stem().string();
        out.push_back(count[stem] > 1 ? f : stem);
    }
    return out;
}

}  // namespace

int compare(const CompareOptions& o) {
    const std::size_t designs = o.scenarios.size();
    const auto reps = static_cast<std::size_t>(o.repetitions);
    // Every run loaded and checked first: runs[design][repetition].
    std::vector<std::vector<scenario::Loaded>> runs(designs);
    std::vector<std::int64_t> seeds;
    // As in `ostsim sweep`: above one job each run has one thread unless a --set says otherwise.
    std::vector<std::string> threads_first;
    if (o.jobs > 1) threads_first.push_back("threads=1");
    threads_first.insert(threads_first.end(), o.sets.begin(), o.sets.end());
    bool ok = true;
    for (std::size_t d = 0; d < designs && ok; ++d) {
        const std::string& file = o.scenarios[d];
        scenario::Loaded base = load_checked(file, o.sets);
        if (!base.ok()) {
            report(file, base.errors);
            ok = false;
            continue;
        }
        if (base.tree.find("sweep")) {
            std::cerr << fmt::format("ostsim: note: {} has a sweep block; compare runs the scenario "
                                     "without it (ostsim sweep runs it)\n", file);
        }
        for (std::size_t r = 0; d == 0 && r < reps; ++r)
            seeds.push_back(scenario::repetition_seed(base.tree.at("seed").as_int(), static_cast<std::int64_t>(r)));
        for (std::size_t r = 0; r < reps; ++r) {
            std::vector<std::string> sets = threads_first;
            sets.push_back(fmt::format("seed={}", seeds[r]));
            runs[d].push_back(load_checked(file, sets));
        }
    }
    if (!ok) return kUsage;

    // Runs in repetition-major order, `jobs` at a time; figures are gathered afterwards in that
    // order, so the report does not depend on which run finished first.
    install_interrupt_handlers();
    std::vector<std::vector<Execution>> done(designs, std::vector<Execution>(reps));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    const auto work = [&] {
        for (std::size_t i; !stop && !interrupted() && (i = next++) < designs * reps;) {
            const std::size_t r = i / designs, d = i % designs;
            const scenario::Value& tree = runs[d][r].tree;
            Execution& x = done[d][r];
            x = execute(tree, scenario::dump(tree, scenario::scenario_schema()), "", false, false);
            if (!x.error.empty() || !x.outcome.complete) stop = true;
        }
    };
    std::vector<std::thread> pool;
    const auto jobs = std::min<std::size_t>(static_cast<std::size_t>(o.jobs), designs * reps);
    for (std::size_t j = 1; j < jobs; ++j) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();

    std::vector<std::string> order;  // figure keys, first seen first
    std::map<std::string, Samples> samples;
    for (std::size_t r = 0; r < reps; ++r) {
        for (std::size_t d = 0; d < designs; ++d) {
            const Execution& x = done[d][r];
            if (!x.error.empty()) {
                std::cerr << fmt::format("ostsim: {} (repetition {}): {}\n", o.scenarios[d], r, x.error);
                return kRuntime;
            }
            if (!x.outcome.complete || interrupted()) return kInterrupted;
            for (const Figure& f : x.outcome.summary) {
                const auto v = number(f);
                if (!v) continue;
                const std::string key = f.group + "/" + f.name;
                auto [it, fresh] = samples.try_emplace(key, Samples(designs, std::vector<std::optional<double>>(reps)));
                if (fresh) order.push_back(key);
                if (!std::isnan(*v)) it->second[d][r] = *v;
            }
        }
    }

    std::stable_sort(order.begin(), order.end(), [](const std::string& a, const std::string& b) {
        return headline_rank(a) < headline_rank(b);
    });

    const std::vector<std::string> names = labels(o.scenarios);
    std::vector<std::vector<std::string>> table{{"figure"}};
    for (const std::string& n : names) table[0].push_back(n);
    for (std::size_t d = 1; d < designs; ++d) table[0].push_back(names[d] + " - " + names[0]);
    nlohmann::json figures = nlohmann::json::array();
    bool headline = false;
    for (const std::string& key : order) {
        const Samples& s = samples[key];
        const bool first = headline_rank(key) < kHeadline.size();
        if (headline && !first) table.push_back({"(other figures)"});
        headline = first;
        std::vector<std::string> row{key};
        nlohmann::json per = nlohmann::json::array(), diff = nlohmann::json::array();
        for (std::size_t d = 0; d < designs; ++d) {
            const auto xs = present(s, d, false);
            const Interval i = mean_ci95(xs);
            row.push_back(interval_text(i, false));
            per.push_back(interval_json(i, xs));
        }
        for (std::size_t d = 1; d < designs; ++d) {
            const auto xs = present(s, d, true);
            const Interval i = mean_ci95(xs);
            row.push_back(interval_text(i, true));
            diff.push_back(interval_json(i, xs));
        }
        table.push_back(std::move(row));
        figures.push_back({{"figure", key}, {"headline", first}, {"designs", per},
                           {"differences_from_first", diff}});
    }

    std::string seed_list;
    for (std::int64_t s : seeds) seed_list += fmt::format("{}{}", seed_list.empty() ? "" : ", ", s);
    std::cout << fmt::format("compare: {} design{}, {} repetition{}, seeds {} (the same for every "
                             "design); mean ± 95% CI (Student t); * the difference's CI excludes 0\n",
                             designs, designs == 1 ? "" : "s", reps, reps == 1 ? "" : "s", seed_list);
    std::vector<std::size_t> width(table[0].size(), 0);
    for (const auto& row : table)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], columns(row[c]));
    for (const auto& row : table) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line += std::string(width[c] + 3 - columns(row[c]), ' ');
        }
        std::cout << line << "\n";
    }
    if (!o.json.empty()) {
        nlohmann::json j = {{"designs", o.scenarios}, {"labels", names}, {"repetitions", reps},
                            {"seeds", seeds}, {"figures", figures}};
        std::ofstream f(o.json);
        f << j.dump(2) << "\n";
        if (!f) {
            std::cerr << fmt::format("ostsim: cannot write {}\n", o.json);
            return kRuntime;
        }
    }
    return kOk;
}

}  // namespace ostsim::cli
