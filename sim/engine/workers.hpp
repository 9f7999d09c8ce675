// The threads that run partitions: a tbb::task_arena of a fixed size whose threads stay in one
// run for all its windows ("rounds") and meet at a spinning barrier, instead of a parallel_for
// per window: no task is spawned or stolen per window, and each thread keeps to its own
// partitions (so their data stays in its core's cache). Measured in docs/performance.md.
// Kept out of the engine's templates so that TBB headers are compiled once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace ostsim::engine {

class Workers {
  public:
    explicit Workers(int threads);
    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    int threads() const { return threads_; }

    // Runs rounds until next() returns no value: next() runs on the calling thread before every
    // round (and once more at the end) and returns the round's word (the engine's window
    // bound), then the round calls work(i, word) for every i in [0, n), in parallel when
    // threads() > 1 and n > 1, and ends when all calls have returned. The word travels with the
    // round's number, on one cache line. An exception from any call is rethrown here, after
    // every thread has left the run.
    template <typename Next, typename Work>
    void rounds(std::size_t n, Next& next, Work& work) {
        if (threads_ == 1 || n == 1) {
            while (const std::optional<std::uint64_t> word = next()) {
                for (std::size_t i = 0; i < n; ++i) work(i, *word);
            }
        } else {
            parallel_rounds(
                n, [](void* c) { return (*static_cast<Next*>(c))(); }, &next,
                [](void* c, std::size_t i, std::uint64_t word) { (*static_cast<Work*>(c))(i, word); },
                &work);
        }
    }

  private:
    void parallel_rounds(std::size_t n, std::optional<std::uint64_t> (*next)(void*),
                         void* next_ctx, void (*work)(void*, std::size_t, std::uint64_t),
                         void* work_ctx);

    struct Arena;
    int threads_;
    std::unique_ptr<Arena> arena_;
};

}  // namespace ostsim::engine
