// The threads that run partitions: a tbb::task_arena of a fixed size. Kept out of the engine's
// templates so that TBB headers are compiled once. One parallel_for per window; its cost
// (a few microseconds) is why windows should hold hundreds of events or more.
#pragma once

#include <cstddef>
#include <memory>

namespace ostsim::engine {

class Workers {
  public:
    explicit Workers(int threads);
    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    int threads() const { return threads_; }

    // Runs f() inside the arena: a run enters it once, not once per window.
    template <typename F>
    void execute(F& f) {
        if (threads_ == 1) {
            f();
        } else {
            enter([](void* c) { (*static_cast<F*>(c))(); }, &f);
        }
    }

    // Calls f(i) for every i in [0, n) and returns when all calls have; in parallel when
    // threads() > 1 (on the arena's threads when called from execute()). An exception from
    // any call is rethrown here.
    template <typename F>
    void for_each(std::size_t n, F& f) {
        if (threads_ == 1 || n == 1) {
            for (std::size_t i = 0; i < n; ++i) f(i);
        } else {
            parallel(
                n, [](void* c, std::size_t i) { (*static_cast<F*>(c))(i); }, &f);
        }
    }

  private:
    void enter(void (*call)(void*), void* ctx);
    void parallel(std::size_t n, void (*call)(void*, std::size_t), void* ctx);

    struct Arena;
    int threads_;
    std::unique_ptr<Arena> arena_;
};

}  // namespace ostsim::engine
