// The threads that run partitions: a tbb::task_arena of a fixed size whose threads stay in one
// run for all its windows ("rounds") and meet at a barrier without a leader: every partition
// reports its round on a cache line of its own, and every thread, once it has read all the
// reports of a round, computes the next round's word itself. No task is spawned or stolen per
// window, and each thread keeps to its own partitions (so their data stays in its core's
// cache). Measured in docs/performance.md; the protocol is in docs/engine.md ("Workers").
// Kept out of the engine's templates so that TBB headers are compiled once.
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

    // Runs rounds 1, 2, ... over n = reports.size() partitions, starting from `reports` (round
    // 0's, as the caller fills them). Before round r, word = bound(reports of round r - 1); no
    // value ends the run. Round r calls reports[i] = work(i, word) for every i in [0, n), in
    // parallel when threads() > 1 and n > 1, then account(reports of round r) on the calling
    // thread. bound() must be a pure function of the reports: every thread computes it. An
    // exception from work() ends the run after that round and is rethrown here, after every
    // thread has left. On return `reports` holds the last round's.
    template <typename Bound, typename Work, typename Account>
    void rounds(std::vector<Report>& reports, Bound& bound, Work& work, Account& account) {
        const std::size_t n = reports.size();
        if (threads_ == 1 || n == 1) {
            while (const std::optional<std::uint64_t> word = bound(reports.data())) {
                for (std::size_t i = 0; i < n; ++i) reports[i] = work(i, *word);
                account(reports.data());
            }
        } else {
            parallel_rounds(
                reports, [](void* c, const Report* r) { return (*static_cast<Bound*>(c))(r); }, &bound,
                [](void* c, std::size_t i, std::uint64_t word) { return (*static_cast<Work*>(c))(i, word); },
                &work, [](void* c, const Report* r) { (*static_cast<Account*>(c))(r); }, &account);
        }
    }

  private:
    void parallel_rounds(std::vector<Report>& reports,
                         std::optional<std::uint64_t> (*bound)(void*, const Report*), void* bound_ctx,
                         Report (*work)(void*, std::size_t, std::uint64_t), void* work_ctx,
                         void (*account)(void*, const Report*), void* account_ctx);

    struct Arena;
    int threads_;
    std::unique_ptr<Arena> arena_;
};

}  // namespace ostsim::engine
