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

struct Callbacks {
    std::optional<std::uint64_t> (*bound)(void*, const Report*);
    void* bound_ctx;
    Report (*work)(void*, std::size_t, std::uint64_t);
    void* work_ctx;
    void (*account)(void*, const Report*);
    void* account_ctx;
};

// One parallel run: `threads` participants, the caller (participant 0) and helpers on the
// arena's workers, with no leader. Partition i belongs to participant i % threads. Round r:
//
//   1. each participant runs its own partitions, then (when there are more partitions than
//      participants) any still unclaimed; a claim is a CAS of the partition's round from
//      r - 1 to r, so each partition runs exactly once per round whoever takes it;
//   2. whoever ran partition i stores its report, with r, in slot r % 2 of i's cache line;
//   3. each participant waits until every partition's slot r % 2 says r, reads the reports,
//      and computes round r + 1's word itself (the caller also accounts the round).
//
// The end of a window thus costs each core one write of its own line and one read of the
// other's, where a leader costs a chain of four transfers (the helper's "done", the leader's
// read of it and of the reports, the leader's "start", the helper's read of that). On PHOLD P2
// at 2 threads this took the time from the last report of a window to the later of the two
// starts of the next from about 0.65 to 0.33 us (docs/performance.md).
//
// Why the slots stay readable: a partition rewrites slot r % 2 in round r + 2, which needs
// every report of round r + 1. A participant that claims a partition for round r + 1 after
// reading round r's slots therefore read them before anyone could rewrite them; any word it
// computes is used only after such a claim. The caller holds partition 0 for the whole run
// (it claims it for round r + 1 right after running it in round r, before its report, when no
// one else can): it reads every round, which its accounting needs, and makes no locked
// instruction at the start of a round. A participant that missed rounds (a helper that TBB
// started late, or whose partition was taken meanwhile) sees a slot holding a later round than
// the one it waits for, and rejoins at the latest round every partition has reported.
//
// Nothing waits for a participant to arrive: when every participant owns one partition and a
// round has not ended kStealGrace after a participant finished its own, it claims the others'
// (only an absent participant's can still be unclaimed), so a run cannot deadlock when TBB
// supplies fewer workers than asked. Waiting participants spin (a window's imbalance is about
// a microsecond, far less than a context switch), then sleep on a futex (C++20 atomic wait):
// an oversubscribed machine still makes progress, and a thread preempted by another process
// can be moved to the idle core. A participant that has stored a report wakes a sleeper it
// sees at once, and checks again with a fence (for one going to sleep just then) only before
// it waits or leaves: a participant that finds its round already complete goes on without
// waiting for its store to reach the other cores.
class Crew {
  public:
    Crew(const std::vector<Report>& initial, int threads, Callbacks cb)
        : n_(initial.size()), threads_(threads), cb_(cb), lines_(n_), claimed_(n_) {
        for (std::size_t i = 0; i < n_; ++i) {
            lines_[i].slot[0].next.store(initial[i].next, std::memory_order_relaxed);
            lines_[i].slot[0].events.store(initial[i].events, std::memory_order_relaxed);
        }
        claimed_[0].round.store(1, std::memory_order_relaxed);  // the caller's, for round 1
    }

    // The caller's part: runs rounds until the word says stop; leaves the last reports in
    // `reports`.
    void lead(std::vector<Report>& reports) {
        Me me{0};
        me.held = 1;
        std::optional<std::uint64_t> word = cb_.bound(cb_.bound_ctx, reports.data());
        for (std::uint64_t r = 1; word; ++r) {
            play(me, r, *word);
            wait_for(me, r, *word);  // partition 0 is the caller's: it never falls behind
            read(r, reports);
            cb_.account(cb_.account_ctx, reports.data());
            if (failed_.load(std::memory_order_relaxed)) break;
            word = cb_.bound(cb_.bound_ctx, reports.data());
        }
        flush(me);
    }

    // A helper's part, until the run ends.
    void help(int k) {
        Me me{k};
        std::vector<Report> reports(n_);
        for (;;) {
            std::uint64_t r = 0;
            if (!join(r, reports)) return;
            for (;; ++r) {
                if (failed_.load(std::memory_order_relaxed)) return flush(me);
                const std::optional<std::uint64_t> word = cb_.bound(cb_.bound_ctx, reports.data());
                if (!word) return flush(me);
                play(me, r + 1, *word);
                const State s = wait_for(me, r + 1, *word);
                if (s == State::stopped) return flush(me);
                if (s == State::behind) break;
                read(r + 1, reports);
            }
        }
    }

    void stop() {
        stopping_.store(true, std::memory_order_seq_cst);
        generation_.fetch_add(1, std::memory_order_seq_cst);
        generation_.notify_all();
    }

    void rethrow() {
        if (error_) std::rethrow_exception(error_);
    }

  private:
    static constexpr auto kSpin = std::chrono::microseconds(50);
    // Covers a window's usual imbalance between partitions (a few us in PHOLD P2).
    static constexpr auto kStealGrace = std::chrono::microseconds(5);

    enum class State { pending, ready, behind, stopped };

    struct Me {
        int k;
        std::uint64_t held = 0;  // the caller: the round for which it holds partition 0
        bool unflushed = false;  // a report stored since the last check for sleepers
    };

    struct Slot {
        std::atomic<std::uint64_t> round{0};
        std::atomic<std::uint64_t> next{0};
        std::atomic<std::uint64_t> events{0};
    };
    struct alignas(64) Line {
        Slot slot[2];  // by round parity
    };
    struct alignas(64) Claim {
        std::atomic<std::uint64_t> round{0};
    };

    // Runs round r's partitions that this participant may take.
    void play(Me& me, std::uint64_t r, std::uint64_t word) {
        const auto mine = static_cast<std::size_t>(me.k);
        const auto threads = static_cast<std::size_t>(threads_);
        for (std::size_t i = mine; i < n_; i += threads) run(me, i, r, word);
        if (n_ != threads) take_others(me, r, word);
    }

    void take_others(Me& me, std::uint64_t r, std::uint64_t word) {
        const auto mine = static_cast<std::size_t>(me.k);
        const auto threads = static_cast<std::size_t>(threads_);
        for (std::size_t i = 0; i < n_; ++i) {
            if (i % threads != mine) run(me, i, r, word);
        }
    }

    void run(Me& me, std::size_t i, std::uint64_t r, std::uint64_t word) {
        const bool held = i == static_cast<std::size_t>(me.k) && me.held == r;
        if (held || claim(i, r)) execute(me, i, r, word);
    }

    bool claim(std::size_t i, std::uint64_t r) {
        std::uint64_t expected = r - 1;
        if (claimed_[i].round.load(std::memory_order_relaxed) != expected) return false;
        return claimed_[i].round.compare_exchange_strong(expected, r, std::memory_order_acq_rel);
    }

    void execute(Me& me, std::size_t i, std::uint64_t r, std::uint64_t word) {
        Report rep;
        try {
            rep = cb_.work(cb_.work_ctx, i, word);
        } catch (...) {
            const std::lock_guard lock(error_mutex_);
            if (!error_) error_ = std::current_exception();
            failed_.store(true, std::memory_order_relaxed);
        }
        if (i == 0 && me.k == 0 && claim(0, r + 1)) me.held = r + 1;
        Slot& s = lines_[i].slot[r & 1];
        s.next.store(rep.next, std::memory_order_relaxed);
        s.events.store(rep.events, std::memory_order_relaxed);
        s.round.store(r, std::memory_order_release);
        // A sleeper that is already asleep is woken now (a participant that finds its round
        // complete would otherwise wake it only a round later, and a sleeper would then run
        // every other round alone); flush() covers one going to sleep right now.
        if (sleepers_.load(std::memory_order_relaxed) > 0) wake();
        me.unflushed = true;
    }

    // Whether every partition has reported round r (behind: one has reported a later round of
    // the same parity, so this participant missed rounds).
    State state(std::uint64_t r) const {
        State s = State::ready;
        for (const Line& line : lines_) {
            const std::uint64_t v = line.slot[r & 1].round.load(std::memory_order_acquire);
            if (v > r) return State::behind;
            if (v < r) s = State::pending;
        }
        return s;
    }

    // Waits until round r is complete; runs the partitions of an absent participant.
    State wait_for(Me& me, std::uint64_t r, std::uint64_t word) {
        State s = state(r);
        if (s != State::pending) return s;
        flush(me);
        bool looked = n_ != static_cast<std::size_t>(threads_);  // play() took them already
        const Clock::time_point t0 = Clock::now();
        for (unsigned i = 1;; ++i) {
            if ((s = state(r)) != State::pending) return s;
            if (stopping_.load(std::memory_order_relaxed)) return State::stopped;
            cpu_relax();
            if (i % 16 != 0) continue;
            const Clock::duration waited = Clock::now() - t0;
            if (!looked && waited > kStealGrace) {
                looked = true;
                take_others(me, r, word);
                flush(me);
            }
            if (waited > kSpin) break;
        }
        // Dekker with flush(): either the reporter sees this sleeper, or this sleeper sees
        // the report before it sleeps (fences on both sides).
        sleepers_.fetch_add(1, std::memory_order_seq_cst);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        for (;;) {
            const std::uint32_t g = generation_.load(std::memory_order_seq_cst);
            if ((s = state(r)) != State::pending) break;
            if (stopping_.load(std::memory_order_seq_cst)) {
                s = State::stopped;
                break;
            }
            generation_.wait(g, std::memory_order_seq_cst);
        }
        sleepers_.fetch_sub(1, std::memory_order_seq_cst);
        return s;
    }

    // Wakes sleepers if this participant stored a report since it last looked.
    void flush(Me& me) {
        if (!me.unflushed) return;
        me.unflushed = false;
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (sleepers_.load(std::memory_order_relaxed) > 0) wake();
    }

    void wake() {
        generation_.fetch_add(1, std::memory_order_seq_cst);
        generation_.notify_all();
    }

    void read(std::uint64_t r, std::vector<Report>& reports) const {
        for (std::size_t i = 0; i < n_; ++i) {
            const Slot& s = lines_[i].slot[r & 1];
            reports[i] = {s.next.load(std::memory_order_relaxed), s.events.load(std::memory_order_relaxed)};
        }
    }

    // Joins at the latest round r that every partition has reported, with its reports.
    bool join(std::uint64_t& r, std::vector<Report>& reports) const {
        for (;;) {
            if (stopping_.load(std::memory_order_acquire)) return false;
            r = ~std::uint64_t{0};
            for (const Line& line : lines_) {
                r = std::min(r, std::max(line.slot[0].round.load(std::memory_order_acquire),
                                         line.slot[1].round.load(std::memory_order_acquire)));
            }
            if (state(r) != State::ready) continue;  // moved on meanwhile
            read(r, reports);
            return true;
        }
    }

    const std::size_t n_;
    const int threads_;
    const Callbacks cb_;
    std::vector<Line> lines_;     // partition i's reports
    std::vector<Claim> claimed_;  // the last round for which partition i was claimed
    alignas(64) std::atomic<bool> stopping_{false};
    std::atomic<bool> failed_{false};
    alignas(64) std::atomic<std::uint32_t> generation_{0};  // bumped to wake sleepers
    std::atomic<int> sleepers_{0};
    std::mutex error_mutex_;
    std::exception_ptr error_;
};

}  // namespace

void Workers::parallel_rounds(std::vector<Report>& reports,
                              std::optional<std::uint64_t> (*bound)(void*, const Report*),
                              void* bound_ctx, Report (*work)(void*, std::size_t, std::uint64_t),
                              void* work_ctx, void (*account)(void*, const Report*),
                              void* account_ctx) {
    // More participants than partitions would only contend for claims.
    const std::size_t n = reports.size();
    const int threads = static_cast<int>(std::min<std::size_t>(n, static_cast<std::size_t>(threads_)));
    Crew crew(reports, threads, {bound, bound_ctx, work, work_ctx, account, account_ctx});
    arena_->arena.execute([&] {
        tbb::task_group helpers;
        // Isolation: a handler that waits on nested TBB work must not pick up a helper task
        // (which would spin for rounds that its own thread has to drive).
        for (int k = 1; k < threads; ++k) {
            helpers.run([&crew, k] { tbb::this_task_arena::isolate([&] { crew.help(k); }); });
        }
        std::exception_ptr failure;
        try {
            tbb::this_task_arena::isolate([&] { crew.lead(reports); });
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
