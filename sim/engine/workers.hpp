// The threads that run partitions: a tbb::task_arena of a fixed size whose threads stay in one
// run for all its windows ("rounds"). Rounds overlap by one: round r may start once every
// partition has finished round r - 2, so a thread that is ahead runs on while the slowest
// partition finishes the round before. There is no leader: every partition reports each round
// on cache lines of its own, and every thread computes the next round's word itself from the
// reports. No task is spawned or stolen per window, and each thread keeps to its own partitions
// (so their data stays in its core's cache). Measured in docs/performance.md; the protocol is in
// docs/engine.md ("Workers"). Kept out of the engine's templates so that TBB headers are
// compiled once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace ostsim::engine {

// What a partition leaves at the end of a round (for the engine: its next event time and the
// number of events it handled), read by every thread to compute the next round's word.
struct Report {
    std::uint64_t next = 0;
    std::uint64_t events = 0;
};

class Workers {
  public:
    explicit Workers(int threads);
    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    int threads() const { return threads_; }

    // Runs rounds over n = reports.size() partitions, starting from `reports`, which describe the
    // state before the first round and stand for the reports of the two rounds before it. Round
    // r's word is bound(reports of round r - 2, word of round r - 1), the word before the first
    // round being `first`; no value ends the run. Round r calls reports[i] = work(i, word) for
    // every i in [0, n), in parallel when threads() > 1 and n > 1 (partition i's round r starts
    // after its round r - 1, and may overlap other partitions' round r - 1), then account(reports
    // of round r) on the calling thread, in round order. bound() must be a pure function of its
    // arguments: every thread computes it. An exception from work() ends the run within two
    // rounds and is rethrown here, after every thread has left. On return `reports` holds the
    // last round's.
    template <typename Bound, typename Work, typename Account>
    void rounds(std::vector<Report>& reports, std::uint64_t first, Bound& bound, Work& work,
                Account& account) {
        const std::size_t n = reports.size();
        if (threads_ == 1 || n == 1) {
            std::vector<Report> older = reports;  // round r - 2's, then round r's
            std::uint64_t last = first;
            while (const std::optional<std::uint64_t> word = bound(older.data(), last)) {
                last = *word;
                for (std::size_t i = 0; i < n; ++i) older[i] = work(i, last);
                account(older.data());
                older.swap(reports);
            }
        } else {
            parallel_rounds(
                reports, first,
                [](void* c, const Report* r, std::uint64_t last) { return (*static_cast<Bound*>(c))(r, last); },
                &bound,
                [](void* c, std::size_t i, std::uint64_t word) { return (*static_cast<Work*>(c))(i, word); },
                &work, [](void* c, const Report* r) { (*static_cast<Account*>(c))(r); }, &account);
        }
    }

  private:
    void parallel_rounds(std::vector<Report>& reports, std::uint64_t first,
                         std::optional<std::uint64_t> (*bound)(void*, const Report*, std::uint64_t),
                         void* bound_ctx,
                         Report (*work)(void*, std::size_t, std::uint64_t), void* work_ctx,
                         void (*account)(void*, const Report*), void* account_ctx);

    struct Arena;
    int threads_;
    std::unique_ptr<Arena> arena_;
};

}  // namespace ostsim::engine
