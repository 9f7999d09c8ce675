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
    // The word published with the value last loaded (acquire) by this thread.
    std::uint64_t word() const { return word_.load(std::memory_order_relaxed); }

    void store(std::uint64_t v) {
        value_.store(v, std::memory_order_seq_cst);
        wake();
    }

    // store() for a caller that goes on working at once: no fence, so the caller does not
    // wait for the line to reach the waiters' cores. A waiter that goes to sleep while the
    // value is still in this core's store buffer may be missed, so the caller must call
    // wake_sleepers() before it waits itself.
    void publish(std::uint64_t v, std::uint64_t word) {
        word_.store(word, std::memory_order_relaxed);
        value_.store(v, std::memory_order_release);
        if (sleepers_.load(std::memory_order_relaxed) > 0) value_.notify_all();
    }
    void wake_sleepers() {
        std::atomic_thread_fence(std::memory_order_seq_cst);
        wake();
    }

    std::uint64_t fetch_add(std::uint64_t d) {
        const std::uint64_t old = value_.fetch_add(d, std::memory_order_seq_cst);
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
        // Dekker with store() and wake_sleepers(): either the writer sees the sleeper, or the
        // sleeper sees the new value before it waits (both sides are sequentially consistent).
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
    std::atomic<std::uint64_t> word_{0};
    std::atomic<int> sleepers_{0};
};

// One parallel run: `threads` participants, the caller (participant 0) and helpers on the
// arena's workers. The caller starts round r by publishing r; every participant then claims
// partitions, its own first (i % threads == its index, so a partition's data tends to stay in
// one core's cache), then any left, and the caller waits until all n are done (a count of
// finished partitions that only grows: r * n at the end of round r). A claim is a CAS of the
// partition's round from r - 1 to r: each partition runs exactly once per round, and a
// participant that wakes late, or for a round that has passed, finds nothing to claim. No
// participant waits for another to arrive, so the run cannot deadlock when TBB supplies fewer
// workers than asked (the caller then does every partition itself).
//
// Every cache line that two cores write in turn costs a transfer (about 0.2 us on the 2-core
// VM of docs/performance.md) when the second writes it, and the start of a round is on the
// critical path of every window. Hence the count that only grows (the caller need not reset
// it before publishing r), and, when every participant owns one partition, a grace period
// before looking at the other partitions' claims: a look shares the claim's line with the
// looker's core, and the owner's next claim would then wait for it to be invalidated. The
// owner normally claims at once; a look is needed only when it is late (descheduled, or
// never started by TBB).
class Crew {
  public:
    Crew(std::size_t n, int threads, void (*work)(void*, std::size_t, std::uint64_t), void* ctx)
        : n_(n), threads_(threads), work_(work), ctx_(ctx), claimed_(n) {}

    // The caller's part: runs rounds while next() says so.
    void lead(std::optional<std::uint64_t> (*next)(void*), void* next_ctx) {
        for (std::uint64_t r = 1;; ++r) {
            // Its own first partition is claimed before next() (no one else can claim it
            // before the round is published) and run right after publishing, so that no locked
            // instruction makes this thread wait for the lines that next() wrote and the
            // round's line to reach the helpers.
            const bool own = claim(0, r);
            if (failed_.load(std::memory_order_relaxed)) return;
            const std::optional<std::uint64_t> word = next(next_ctx);
            if (!word) return;
            round_.publish(r, *word);
            if (own) execute(0, *word);
            take(0, r, *word);
            round_.wake_sleepers();
            const std::uint64_t all_done = r * n_;
            done_.wait_until([all_done](std::uint64_t v) { return v >= all_done; });
        }
    }

    // A helper's part, until stop().
    void help(int k) {
        std::uint64_t seen = 0;
        for (;;) {
            const std::uint64_t r = round_.wait_until([seen](std::uint64_t v) { return v != seen; });
            if (stopping_.load(std::memory_order_acquire)) return;
            take(k, r, round_.word());
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

    void take(int k, std::uint64_t r, std::uint64_t word) {
        const auto mine = static_cast<std::size_t>(k);
        const auto threads = static_cast<std::size_t>(threads_);
        for (std::size_t i = mine; i < n_; i += threads) run(i, r, word);
        if (n_ == threads && round_finishes_within_grace(r)) return;
        for (std::size_t i = 0; i < n_; ++i) {
            if (i % threads != mine) run(i, r, word);
        }
    }

    // Spins up to kStealGrace for round r to end. The grace covers a window's usual imbalance
    // between partitions (a few us in PHOLD P2), so that a late owner costs little.
    bool round_finishes_within_grace(std::uint64_t r) const {
        static constexpr auto kStealGrace = std::chrono::microseconds(5);
        const std::uint64_t all_done = r * n_;
        const Clock::time_point t0 = Clock::now();
        for (unsigned i = 1;; ++i) {
            if (done_.load() >= all_done) return true;
            cpu_relax();
            if (i % 16 == 0 && Clock::now() - t0 > kStealGrace) return false;
        }
    }

    void run(std::size_t i, std::uint64_t r, std::uint64_t word) {
        if (claim(i, r)) execute(i, word);
    }

    bool claim(std::size_t i, std::uint64_t r) {
        std::uint64_t expected = r - 1;
        if (claimed_[i].round.load(std::memory_order_relaxed) != expected) return false;
        return claimed_[i].round.compare_exchange_strong(expected, r, std::memory_order_acq_rel);
    }

    void execute(std::size_t i, std::uint64_t word) {
        try {
            work_(ctx_, i, word);
        } catch (...) {
            const std::lock_guard lock(error_mutex_);
            if (!error_) error_ = std::current_exception();
            failed_.store(true, std::memory_order_relaxed);
        }
        done_.fetch_add(1);
    }

    const std::size_t n_;
    const int threads_;
    void (*work_)(void*, std::size_t, std::uint64_t);
    void* ctx_;
    Signal round_;      // the round in progress; helpers wait for it to change
    Signal done_;       // partitions finished over all rounds; the caller waits for r * n
    std::atomic<bool> stopping_{false};
    std::vector<Claim> claimed_;
    std::atomic<bool> failed_{false};
    std::mutex error_mutex_;
    std::exception_ptr error_;
};

}  // namespace

void Workers::parallel_rounds(std::size_t n, std::optional<std::uint64_t> (*next)(void*),
                              void* next_ctx, void (*work)(void*, std::size_t, std::uint64_t),
                              void* work_ctx) {
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
