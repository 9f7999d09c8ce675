#include "engine/workers.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

namespace ostsim::engine {

struct Workers::Arena {
    // TBB caps its worker pool at the core count; asking for more threads (tests run 8 on a
    // 2-core machine) needs a global_control for as long as the arena lives. It is process-wide.
    std::optional<tbb::global_control> limit;
    tbb::task_arena arena;

    explicit Arena(int threads) : arena(threads) {
        if (threads > tbb::info::default_concurrency()) {
            limit.emplace(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(threads));
        }
    }
};

Workers::Workers(int threads) : threads_(threads) {
    if (threads < 1) throw std::invalid_argument("Workers: threads must be >= 1");
    if (threads > 1) arena_ = std::make_unique<Arena>(threads);
}

Workers::~Workers() = default;

namespace {

using Clock = std::chrono::steady_clock;

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// An atomic word that threads wait on. A waiter spins first (a window's serial step or its
// imbalance is about a microsecond, far less than a context switch), then sleeps on a futex
// (C++20 atomic wait). Sleeping, not yielding: when the awaited thread was preempted by another
// process, yielding keeps this core busy, while an idle core lets the scheduler move the
// awaited thread here; and an oversubscribed run (8 threads on 2 cores in the tests) leaves
// the cores to the threads with work. A writer pays for a wake-up call only while someone
// sleeps.
class alignas(64) Signal {
  public:
    static constexpr auto kSpin = std::chrono::microseconds(50);

    std::uint64_t load() const { return value_.load(std::memory_order_acquire); }

    void store(std::uint64_t v) {
        value_.store(v, std::memory_order_seq_cst);
        wake();
    }

    std::uint64_t fetch_sub(std::uint64_t d) {
        const std::uint64_t old = value_.fetch_sub(d, std::memory_order_seq_cst);
        wake();
        return old;
    }

    // Returns the first value seen for which ok(value) holds.
    template <typename Ok>
    std::uint64_t wait_until(Ok ok) {
        const Clock::time_point t0 = Clock::now();
        for (unsigned i = 1;; ++i) {
            const std::uint64_t v = load();
            if (ok(v)) return v;
            cpu_relax();
            if (i % 64 == 0 && Clock::now() - t0 > kSpin) break;
        }
        // Dekker with store(): either the writer sees the sleeper, or the sleeper sees the
        // new value before it waits (both sides are sequentially consistent).
        sleepers_.fetch_add(1, std::memory_order_seq_cst);
        std::uint64_t v;
        while (!ok(v = value_.load(std::memory_order_seq_cst))) value_.wait(v);
        sleepers_.fetch_sub(1, std::memory_order_seq_cst);
        return v;
    }

  private:
    void wake() {
        if (sleepers_.load(std::memory_order_seq_cst) > 0) value_.notify_all();
    }

    std::atomic<std::uint64_t> value_{0};
    std::atomic<int> sleepers_{0};
};

// One parallel run: `threads` participants, the caller (participant 0) and helpers on the
// arena's workers. The caller starts round r by publishing r; every participant then claims
// partitions, its own first (i % threads == its index, so a partition's data tends to stay in
// one core's cache), then any left, and the caller waits until all n are done. A claim is a
// CAS of the partition's round from r - 1 to r: each partition runs exactly once per round,
// and a participant that wakes late, or for a round that has passed, finds nothing to claim.
// No participant waits for another to arrive, so the run cannot deadlock when TBB supplies
// fewer workers than asked (the caller then does every partition itself).
class Crew {
  public:
    Crew(std::size_t n, int threads, void (*work)(void*, std::size_t), void* ctx)
        : n_(n), threads_(threads), work_(work), ctx_(ctx), claimed_(n) {}

    // The caller's part: runs rounds while next() says so.
    void lead(bool (*next)(void*), void* next_ctx) {
        for (std::uint64_t r = 1; !failed_.load(std::memory_order_relaxed) && next(next_ctx);
             ++r) {
            remaining_.store(n_);
            round_.store(r);
            take(0, r);
            remaining_.wait_until([](std::uint64_t v) { return v == 0; });
        }
    }

    // A helper's part, until stop().
    void help(int k) {
        std::uint64_t seen = 0;
        for (;;) {
            const std::uint64_t r = round_.wait_until([seen](std::uint64_t v) { return v != seen; });
            if (stopping_.load(std::memory_order_acquire)) return;
            take(k, r);
            seen = r;
        }
    }

    void stop() {
        stopping_.store(true, std::memory_order_release);
        round_.store(round_.load() + 1);
    }

    void rethrow() {
        if (error_) std::rethrow_exception(error_);
    }

  private:
    struct alignas(64) Claim {
        std::atomic<std::uint64_t> round{0};
    };

    void take(int k, std::uint64_t r) {
        const auto mine = static_cast<std::size_t>(k);
        const auto threads = static_cast<std::size_t>(threads_);
        for (std::size_t i = mine; i < n_; i += threads) run(i, r);
        for (std::size_t i = 0; i < n_; ++i) {
            if (i % threads != mine) run(i, r);
        }
    }

    void run(std::size_t i, std::uint64_t r) {
        std::uint64_t expected = r - 1;
        if (claimed_[i].round.load(std::memory_order_relaxed) != expected) return;
        if (!claimed_[i].round.compare_exchange_strong(expected, r, std::memory_order_acq_rel)) {
            return;
        }
        try {
            work_(ctx_, i);
        } catch (...) {
            const std::lock_guard lock(error_mutex_);
            if (!error_) error_ = std::current_exception();
            failed_.store(true, std::memory_order_relaxed);
        }
        remaining_.fetch_sub(1);
    }

    const std::size_t n_;
    const int threads_;
    void (*work_)(void*, std::size_t);
    void* ctx_;
    Signal round_;      // the round in progress; helpers wait for it to change
    Signal remaining_;  // partitions of the round not yet done; the caller waits for 0
    std::atomic<bool> stopping_{false};
    std::vector<Claim> claimed_;
    std::atomic<bool> failed_{false};
    std::mutex error_mutex_;
    std::exception_ptr error_;
};

}  // namespace

void Workers::parallel_rounds(std::size_t n, bool (*next)(void*), void* next_ctx,
                              void (*work)(void*, std::size_t), void* work_ctx) {
    // More participants than partitions would only contend for claims.
    const int threads = static_cast<int>(std::min<std::size_t>(n, static_cast<std::size_t>(threads_)));
    Crew crew(n, threads, work, work_ctx);
    arena_->arena.execute([&] {
        tbb::task_group helpers;
        // Isolation: a handler that waits on nested TBB work must not pick up a helper task
        // (which would spin for rounds that its own thread has to drive).
        for (int k = 1; k < threads; ++k) {
            helpers.run([&crew, k] { tbb::this_task_arena::isolate([&] { crew.help(k); }); });
        }
        std::exception_ptr failure;
        try {
            tbb::this_task_arena::isolate([&] { crew.lead(next, next_ctx); });
        } catch (...) {
            failure = std::current_exception();
        }
        crew.stop();
        helpers.wait();  // runs any helper task no worker picked up: it sees the stop and returns
        if (failure) std::rethrow_exception(failure);
    });
    crew.rethrow();
}

}  // namespace ostsim::engine
