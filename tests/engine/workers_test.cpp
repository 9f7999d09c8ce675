// Workers::rounds, the contract the engine builds on: every partition runs every round once,
// in order, with the word a sequential run computes; round r starts on a partition only after
// every partition has finished round r - 2; rounds are accounted in order on the caller; and
// an exception ends the run and is rethrown. Checked at 1 to 8 threads over 2 to 12
// partitions, where threads outnumber cores (participants then miss rounds and rejoin, or
// run others' partitions).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "engine/workers.hpp"

namespace ostsim::engine {
namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: any change shows everywhere
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

struct Trace {
    std::vector<std::vector<std::uint64_t>> words;  // [partition]: the word of each round it ran
    std::vector<std::uint64_t> accounted;           // a digest of each accounted round's reports
    bool overlap_violated = false;
};

std::optional<std::uint64_t> next_word(const Report* older, std::size_t n, std::uint64_t last,
                                       std::uint64_t rounds) {
    const std::uint64_t played = last & 0xffff;  // the word's low bits count rounds
    if (played >= rounds) return std::nullopt;
    std::uint64_t h = last;
    for (std::size_t i = 0; i < n; ++i) h = mix(h ^ older[i].next) + older[i].events;
    return ((h >> 16) << 16) | (played + 1);
}

Report report_of(std::size_t i, std::uint64_t word) { return {mix(word + i), i + (word & 0xff)}; }
Report initial_report(std::size_t i) { return {mix(i), i}; }

// Runs `rounds` rounds over n partitions on `threads` threads; the words chain every report,
// so a report read from the wrong round, or a round run twice or skipped, changes them.
Trace run(int threads, std::size_t n, std::uint64_t rounds, std::uint64_t throw_at = 0) {
    Trace t;
    t.words.resize(n);
    std::vector<std::atomic<std::uint64_t>> finished(n);  // rounds each partition has finished
    std::atomic<bool> overlap_violated{false};
    std::uint64_t played = 0;
    auto bound = [&](const Report* older, std::uint64_t last) { return next_word(older, n, last, rounds); };
    auto work = [&](std::size_t i, std::uint64_t word) {
        const std::uint64_t r = t.words[i].size() + 1;  // this partition's round, from 1
        for (std::size_t j = 0; j < n; ++j) {
            if (finished[j].load(std::memory_order_acquire) + 2 < r) overlap_violated = true;
        }
        if (throw_at != 0 && r == throw_at && i == n - 1) throw std::runtime_error("work failed");
        // Uneven work (up to a few microseconds), so that participants drift apart and meet
        // every case of the protocol: waiting, running ahead, missing rounds.
        for (std::uint64_t k = mix(word ^ i) % 4096; k > 0; --k) asm volatile("" : "+r"(k));
        t.words[i].push_back(word);
        finished[i].store(r, std::memory_order_release);
        return report_of(i, word);
    };
    auto account = [&](const Report* reports) {
        std::uint64_t h = ++played;
        for (std::size_t i = 0; i < n; ++i) h = mix(h ^ reports[i].next ^ reports[i].events);
        t.accounted.push_back(h);
    };
    std::vector<Report> reports(n);
    for (std::size_t i = 0; i < n; ++i) reports[i] = initial_report(i);
    Workers workers(threads);
    workers.rounds(reports, 0, bound, work, account);
    t.overlap_violated = overlap_violated.load();
    return t;
}

TEST(engine_workers, every_round_runs_once_in_order_with_the_sequential_words) {
    for (std::size_t n : {2u, 3u, 12u}) {
        const Trace ref = run(1, n, 300);
        ASSERT_EQ(ref.accounted.size(), 300u);
        for (const auto& w : ref.words) ASSERT_EQ(w.size(), 300u);
        for (int threads : {2, 4, 8}) {
            for (int rep = 0; rep < 3; ++rep) {
                const Trace t = run(threads, n, 300);
                EXPECT_EQ(t.words, ref.words) << threads << " threads, " << n << " partitions";
                EXPECT_EQ(t.accounted, ref.accounted) << threads << " threads, " << n << " partitions";
                EXPECT_FALSE(t.overlap_violated) << threads << " threads, " << n << " partitions";
            }
        }
    }
}

TEST(engine_workers, a_word_comes_from_the_reports_of_two_rounds_back) {
    // Replays the contract by hand: the initial reports stand for the two rounds before the
    // first, and the word before the first round is 0.
    const std::size_t n = 3;
    const Trace t = run(1, n, 50);
    std::vector<Report> older(n), newer(n);
    for (std::size_t i = 0; i < n; ++i) older[i] = newer[i] = initial_report(i);
    std::uint64_t last = 0;
    for (std::size_t r = 0; r < 50; ++r) {
        const std::optional<std::uint64_t> word = next_word(older.data(), n, last, 50);
        ASSERT_TRUE(word);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(t.words[i][r], *word) << "round " << r;
        last = *word;
        older = newer;
        for (std::size_t i = 0; i < n; ++i) newer[i] = report_of(i, last);
    }
    EXPECT_FALSE(next_word(older.data(), n, last, 50));
}

TEST(engine_workers, an_exception_ends_the_run_and_is_rethrown) {
    for (int threads : {1, 2, 8}) {
        EXPECT_THROW(run(threads, 3, 1000, 50), std::runtime_error) << threads << " threads";
    }
}

}  // namespace
}  // namespace ostsim::engine
