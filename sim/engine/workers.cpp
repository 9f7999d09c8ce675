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
    std::optional<std::uint64_t> (*bound)(void*, const Report*, std::uint64_t);
    void* bound_ctx;
    Report (*work)(void*, std::size_t, std::uint64_t);
    void* work_ctx;
    void (*account)(void*, const Report*);
    void* account_ctx;
};

// One parallel run: `threads` participants, the caller (participant 0) and helpers on the
// arena's workers, with no leader. Partition i belongs to participant i % threads. Rounds are
// numbered from 2: the initial reports stand for rounds 0 and 1. Before round r a participant
//
//   1. waits until every partition's slot r % 4 says r - 2 (round r - 2 is complete), reads
//      those reports (the caller accounts the round) and computes round r's word from them
//      and from round r - 1's word, which it computed itself;
//   2. runs its own partitions' round r, then (when there are more partitions than
//      participants) any others whose round r is still unclaimed. Partition 0 is the
//      caller's alone; any other is claimed by a compare-and-swap of its state from "round
//      r - 1 done" to "round r running", so it runs each round exactly once, in order,
//      whoever takes it;
//   3. whoever ran partition i stores its report, its word and r in slot r % 4 of i's lines.
//
// So a participant that finished round r - 1 starts round r while a slower one still runs
// round r - 1: a window's imbalance between partitions is a wait only when it adds up to a
// whole window, and a participant rarely waits for another's report to cross to its core.
//
// Why the slots stay readable: slot r % 4 is rewritten in round r + 4, which starts only once
// every partition has finished round r + 2. A helper that read round r's slots and then claims
// a partition for round r + 2 (possible only before that partition has finished it) therefore
// read them intact, and it uses the words it computed only while its claims succeed; when none does (others ran its
// partitions, as when TBB started it late or it was descheduled) it rejoins at the latest
// round every partition has reported, whose word the slots hold. The caller needs no claim:
// no partition can run round r + 2 before partition 0 has run round r.
//
// Nothing waits for a participant to arrive: when a participant has waited kStealGrace for a
// round to complete, it runs the partitions of that round that no one has claimed (only an
// absent participant's can be), so a run cannot deadlock when TBB supplies fewer workers than
// asked. Having found one, it looks at once in its next wait, until a look finds none: with
// more threads than cores an owner is often descheduled for many rounds, and waiting the grace
// in each of them made PHOLD P2 at 4 threads on 2 cores 25 % slower. Waiting participants spin
// (a window's imbalance is about a microsecond, far less than a context switch), then sleep on
// a futex (C++20 atomic wait): an oversubscribed machine still makes progress, and a thread
// preempted by another process can be moved to the idle core. A participant that has stored a report wakes a sleeper it sees at once, and checks
// again with a fence (for one going to sleep just then) only before it waits or leaves: a
// participant that finds its round already complete goes on without waiting for its store to
// reach the other cores.
class Crew {
  public:
    Crew(const std::vector<Report>& initial, std::uint64_t first, int threads, Callbacks cb)
        : n_(initial.size()), threads_(threads), cb_(cb), lines_(n_), claims_(n_) {
        for (std::size_t i = 0; i < n_; ++i) {
            for (std::uint64_t r = 0; r < kFirst; ++r) {
                Slot& s = lines_[i].slot[r];
                s.next.store(initial[i].next, std::memory_order_relaxed);
                s.events.store(initial[i].events, std::memory_order_relaxed);
                s.word.store(first, std::memory_order_relaxed);
                s.round.store(r, std::memory_order_relaxed);
            }
            claims_[i].state.store(done(kFirst - 1), std::memory_order_relaxed);
        }
    }

    // The caller's part: runs rounds until a word says stop, accounts every round it ran, and
    // leaves the last round's reports in `reports`.
    void lead(std::vector<Report>& reports) {
        Me me{0};
        std::uint64_t last = lines_[0].slot[kFirst - 1].word.load(std::memory_order_relaxed);
        std::uint64_t r = kFirst;
        for (;; ++r) {
            wait_for(me, r - 2);  // partition 0 is the caller's: it is never behind
            read(r - 2, reports);
            if (r - 2 >= kFirst) cb_.account(cb_.account_ctx, reports.data());
            if (failed_.load(std::memory_order_relaxed)) return flush(me);
            const std::optional<std::uint64_t> word = cb_.bound(cb_.bound_ctx, reports.data(), last);
            if (!word) break;
            last = *word;
            me.words[r & 3] = last;
            play(me, r, last);
        }
        if (r - 1 >= kFirst) {  // round r - 1 ran (or runs) everywhere: account it too
            wait_for(me, r - 1);
            read(r - 1, reports);
            cb_.account(cb_.account_ctx, reports.data());
        }
        flush(me);
    }

    // A helper's part, until the run ends.
    void help(int k) {
        Me me{k};
        std::vector<Report> reports(n_);
        for (std::uint64_t r = 0, last = 0;;) {
            if (!join(me, r, last)) return flush(me);
            for (;; ++r) {
                if (failed_.load(std::memory_order_relaxed)) return flush(me);
                const State s = wait_for(me, r - 2);
                if (s == State::stopped) return flush(me);
                if (s == State::behind) break;
                read(r - 2, reports);
                const std::optional<std::uint64_t> word = cb_.bound(cb_.bound_ctx, reports.data(), last);
                if (!word) return flush(me);
                last = *word;
                me.words[r & 3] = last;
                if (play(me, r, last) == 0) {
                    // Others ran this round's partitions: rejoin once it is complete.
                    if (wait_for(me, r, false) == State::stopped) return flush(me);
                    break;
                }
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
    static constexpr std::uint64_t kFirst = 2;  // rounds 0 and 1 are the initial state
    static constexpr auto kSpin = std::chrono::microseconds(50);
    // Covers a window's usual imbalance between partitions (a few us in PHOLD P2).
    static constexpr auto kStealGrace = std::chrono::microseconds(5);

    enum class State { pending, ready, behind, stopped };

    struct Me {
        int k;
        std::uint64_t words[4] = {};  // the words this participant computed, by round % 4
        bool unflushed = false;       // a report stored since the last check for sleepers
        // Its last look at others' partitions found one to run: their owner is likely
        // descheduled (more threads than cores), so the next wait looks at once.
        bool eager = false;
    };

    struct Slot {
        std::atomic<std::uint64_t> round{0};
        std::atomic<std::uint64_t> next{0};
        std::atomic<std::uint64_t> events{0};
        std::atomic<std::uint64_t> word{0};
    };
    struct alignas(64) Line {
        Slot slot[4];  // by round % 4
    };
    // A partition's progress: 2r while some participant runs its round r, 2r + 1 once done.
    struct alignas(64) Claim {
        std::atomic<std::uint64_t> state{0};
    };
    static constexpr std::uint64_t running(std::uint64_t r) { return 2 * r; }
    static constexpr std::uint64_t done(std::uint64_t r) { return 2 * r + 1; }

    // Runs round r's partitions that this participant may take; returns how many it ran.
    std::size_t play(Me& me, std::uint64_t r, std::uint64_t word) {
        const auto mine = static_cast<std::size_t>(me.k);
        const auto threads = static_cast<std::size_t>(threads_);
        std::size_t ran = 0;
        for (std::size_t i = mine; i < n_; i += threads) ran += run(me, i, r, word);
        if (n_ != threads) ran += take_others(me, r, word);
        return ran;
    }

    std::size_t take_others(Me& me, std::uint64_t r, std::uint64_t word) {
        const auto mine = static_cast<std::size_t>(me.k);
        const auto threads = static_cast<std::size_t>(threads_);
        std::size_t ran = 0;
        for (std::size_t i = 1; i < n_; ++i) {
            if (i % threads != mine) ran += run(me, i, r, word);
        }
        return ran;
    }

    bool run(Me& me, std::size_t i, std::uint64_t r, std::uint64_t word) {
        if (i == 0 ? me.k != 0 : !claim(i, r)) return false;
        execute(me, i, r, word);
        return true;
    }

    bool claim(std::size_t i, std::uint64_t r) {
        std::uint64_t expected = done(r - 1);
        if (claims_[i].state.load(std::memory_order_relaxed) != expected) return false;
        return claims_[i].state.compare_exchange_strong(expected, running(r), std::memory_order_acq_rel);
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
        Slot& s = lines_[i].slot[r & 3];
        s.next.store(rep.next, std::memory_order_relaxed);
        s.events.store(rep.events, std::memory_order_relaxed);
        s.word.store(word, std::memory_order_relaxed);
        s.round.store(r, std::memory_order_release);
        if (i != 0) claims_[i].state.store(done(r), std::memory_order_release);
        // A sleeper that is already asleep is woken now (a participant that finds its round
        // complete would otherwise wake it only a round later, and a sleeper would then run
        // every other round alone); flush() covers one going to sleep right now.
        if (sleepers_.load(std::memory_order_relaxed) > 0) wake();
        me.unflushed = true;
    }

    // Whether every partition has reported round r (behind: one has reported a later round
    // with the same slot, so this participant missed rounds).
    State state(std::uint64_t r) const {
        State s = State::ready;
        for (const Line& line : lines_) {
            const std::uint64_t v = line.slot[r & 3].round.load(std::memory_order_acquire);
            if (v > r) return State::behind;
            if (v < r) s = State::pending;
        }
        return s;
    }

    // Waits until round r is complete; after kStealGrace (at once when eager), runs its
    // unclaimed partitions (with the word this participant computed for it) when `steal`.
    State wait_for(Me& me, std::uint64_t r, bool steal = true) {
        State s = state(r);
        if (s != State::pending) return s;
        flush(me);
        bool looked = !steal;
        const Clock::time_point t0 = Clock::now();
        for (unsigned i = 1;; ++i) {
            if ((s = state(r)) != State::pending) return s;
            if (stopping_.load(std::memory_order_relaxed)) return State::stopped;
            cpu_relax();
            if (i % 16 != 0) continue;
            const Clock::duration waited = Clock::now() - t0;
            if (!looked && (me.eager || waited > kStealGrace)) {
                looked = true;
                me.eager = take_others(me, r, me.words[r & 3]) > 0;
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
            const Slot& s = lines_[i].slot[r & 3];
            reports[i] = {s.next.load(std::memory_order_relaxed), s.events.load(std::memory_order_relaxed)};
        }
    }

    // Finds the latest round R that every partition has reported: the helper goes on with
    // round R + 1 (`next`), knowing round R's word (`last`) from the slots. False once the run
    // is stopping.
    bool join(Me& me, std::uint64_t& next, std::uint64_t& last) {
        for (;;) {
            if (stopping_.load(std::memory_order_acquire)) return false;
            std::uint64_t r = ~std::uint64_t{0};
            for (const Line& line : lines_) {
                std::uint64_t latest = 0;
                for (const Slot& s : line.slot) latest = std::max(latest, s.round.load(std::memory_order_acquire));
                r = std::min(r, latest);
            }
            last = lines_[0].slot[r & 3].word.load(std::memory_order_relaxed);
            if (state(r) != State::ready) {  // moved on meanwhile
                cpu_relax();
                continue;
            }
            me.words[r & 3] = last;
            next = r + 1;
            return true;
        }
    }

    const std::size_t n_;
    const int threads_;
    const Callbacks cb_;
    std::vector<Line> lines_;    // partition i's reports
    std::vector<Claim> claims_;  // partition i's progress (partition 0: unused)
    alignas(64) std::atomic<bool> stopping_{false};
    std::atomic<bool> failed_{false};
    alignas(64) std::atomic<std::uint32_t> generation_{0};  // bumped to wake sleepers
    std::atomic<int> sleepers_{0};
    std::mutex error_mutex_;
    std::exception_ptr error_;
};

}  // namespace

void Workers::parallel_rounds(std::vector<Report>& reports, std::uint64_t first,
                              std::optional<std::uint64_t> (*bound)(void*, const Report*, std::uint64_t),
                              void* bound_ctx, Report (*work)(void*, std::size_t, std::uint64_t),
                              void* work_ctx, void (*account)(void*, const Report*),
                              void* account_ctx) {
    // More participants than partitions would only contend for claims.
    const std::size_t n = reports.size();
    const int threads = static_cast<int>(std::min<std::size_t>(n, static_cast<std::size_t>(threads_)));
    Crew crew(reports, first, threads, {bound, bound_ctx, work, work_ctx, account, account_ctx});
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
