// The engine: LPs grouped into partitions, run in conservative windows on a TBB arena.
//
//   Engine<Counter> eng({.threads = 2, .lookahead = 10 * kMicrosecond});
//   LpId a = eng.add_lp(Counter{});
//   eng.schedule(a, 0);
//   Stats s = eng.run_until(kSecond);
//
// Window w: T = the earliest event over all partitions' reports after window w - 2 (outboxes
// included); every partition handles its events with time < B_w = min(T + lookahead, end + 1,
// half a lookahead after the later of T and B_{w-1}) in parallel, starting as soon as every
// partition has finished window w - 2, so windows overlap by one. Every event handled from
// window w - 1 on is >= T, and a cross-partition event lands at least `lookahead` after its
// sender's clock, so nothing a peer still running window w - 1 sends lands before B_w: no
// partition misses an event for the window it is running. Each LP therefore handles exactly
// the events, in exactly the (time, source, sequence) order, of a sequential run with one heap,
// whatever the partitions or threads. docs/engine.md has the argument in full.
//
// Limits: LPs are added before the first run; a handler's exception (SchedulingError among
// them) leaves the engine unusable; one partition runs all its LPs sequentially.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/config.hpp"
#include "engine/partition.hpp"
#include "engine/stats.hpp"
#include "engine/workers.hpp"

namespace ostsim::engine {

inline constexpr std::uint32_t kAutoPartition = ~std::uint32_t{0};

template <typename Lp>
class Engine {
  public:
    using Payload = typename Lp::Payload;

    explicit Engine(Config config = {}) : config_(normalised(config)), workers_(config_.threads) {
        shared_.lookahead = config_.lookahead;
        stats_.threads = config_.threads;
        stats_.partitions = config_.partitions;
    }

    // Adds an LP in `partition` (default: contiguous blocks of LP ids, fixed at the first run).
    LpId add_lp(Lp lp, std::uint32_t partition = kAutoPartition) {
        if (started_) throw std::logic_error("Engine::add_lp after the first run");
        if (shared_.slots.size() >= kMaxLps) throw_capacity("more than 2^24 LPs");
        if (partition != kAutoPartition && partition >= parts_count()) {
            throw std::out_of_range("Engine::add_lp: no such partition");
        }
        shared_.slots.push_back({std::move(lp), {}});
        shared_.part_of.push_back(partition);
        return static_cast<LpId>(shared_.slots.size() - 1);
    }

    Lp& lp(LpId id) { return shared_.slots.at(id).lp; }
    const Lp& lp(LpId id) const { return shared_.slots.at(id).lp; }
    std::size_t lp_count() const { return shared_.slots.size(); }
    std::uint32_t partition_of(LpId id) {
        start();
        return shared_.part_of.at(id);
    }

    // Schedules an event from outside the run, as if LP `dst` had sent it to itself; time must
    // not be before horizon() (the events up to there are committed).
    void schedule(LpId dst, Time time, const Payload& payload = {}) {
        start();
        if (dst >= shared_.slots.size())
            throw_unknown_lp(SchedulingError::kOutside, dst, lp_count());
        const std::uint32_t p = shared_.part_of[dst];
        if (time < horizon_) {
            throw SchedulingError(SchedulingError::Kind::past,
                                  {SchedulingError::kOutside, p, horizon_, dst, p, time},
                                  config_.lookahead);
        }
        parts_[p].emit(dst, time, dst, time, payload);
    }

    // Handles every event with time <= end; returns the statistics so far.
    const Stats& run_until(Time end) {
        start();
        const auto t0 = std::chrono::steady_clock::now();
        const Time stop = add_saturating(end, 1);
        const Time lookahead = config_.lookahead;
        // Windows of at most half the lookahead: a partition can then run a window ahead of
        // the slowest (see below and docs/engine.md). At least 1 ns, so that time advances.
        const Time half = std::max<Time>(lookahead / 2, 1);
        // A round's word is its window's bound (a time >= 0); a partition reports its next
        // event time (after advancing its calendar, in parallel) and its events.
        auto window = [&](std::size_t i, std::uint64_t bound) {
            Partition<Lp>& p = parts_[i];
            const std::uint64_t events = p.run_window(parts_, static_cast<Time>(bound));
            return Report{static_cast<std::uint64_t>(p.next_time()), events};
        };
        // Window w's bound, from the reports of window w - 2 and the bound of window w - 1
        // (Workers::rounds; computed by every thread). T, the least of those reports, bounds
        // every event handled from window w - 1 on, so nothing sent to a partition in window
        // w - 1, which may still run while window w does, lands before T + L.
        auto bound = [&](const Report* older, std::uint64_t last) -> std::optional<std::uint64_t> {
            const Time previous = static_cast<Time>(last);
            if (previous >= stop) return std::nullopt;  // the last window reached the end
            Time t = kNever;
            for (std::size_t i = 0; i < parts_.size(); ++i) t = std::min(t, static_cast<Time>(older[i].next));
            if (t >= stop) return std::nullopt;
            // One partition needs no lookahead: its whole run is one window.
            if (parts_.size() == 1) return static_cast<std::uint64_t>(stop);
            const Time b = std::min({stop, add_saturating(t, lookahead),
                                     add_saturating(std::max(previous, t), half)});
            return static_cast<std::uint64_t>(b);
        };
        auto account = [&](const Report* reports) { account_window(reports); };
        std::vector<Report> reports(parts_.size());
        for (std::size_t i = 0; i < parts_.size(); ++i) {
            reports[i].next = static_cast<std::uint64_t>(parts_[i].next_time());
        }
        workers_.rounds(reports, static_cast<std::uint64_t>(horizon_), bound, window, account);
        for (auto& p : parts_) p.settle(parts_);
        if (stop > horizon_) horizon_ = stop;
        stats_.wall_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return stats();
    }

    // Runs until no event is pending.
    const Stats& run() { return run_until(kNever - 1); }

    const Stats& stats() {
        stats_.committed = stats_.scheduled = stats_.pending = 0;
        for (const auto& p : parts_) {
            stats_.committed += p.committed();
            stats_.scheduled += p.scheduled();
            stats_.pending += p.pending();
        }
        return stats_;
    }

    // Digest of every LP's committed event sequence, folded in LP order: equal across threads,
    // partitions and repetitions for the same model and seed.
    std::uint64_t digest() const {
        std::uint64_t h = shared_.slots.size();
        for (const LpSlot<Lp>& s : shared_.slots) h = digest_step(h, s.meta.digest, s.meta.seq);
        return h;
    }

    // Every event before this time has been handled; schedule() accepts no earlier time.
    Time horizon() const { return horizon_; }
    const Config& config() const { return config_; }

  private:
    static Config normalised(Config c) {
        if (c.threads < 1) throw std::invalid_argument("Engine: threads must be >= 1");
        if (c.partitions < 0) throw std::invalid_argument("Engine: partitions must be >= 0");
        if (c.partitions == 0) c.partitions = c.threads;
        if (c.partitions > 1 && c.lookahead <= 0) {
            throw std::invalid_argument("Engine: several partitions need a lookahead > 0");
        }
        return c;
    }

    std::uint32_t parts_count() const { return static_cast<std::uint32_t>(config_.partitions); }

    // First use: fixes automatic partitions (contiguous blocks of ids) and creates partitions.
    void start() {
        if (started_) return;
        started_ = true;
        const std::uint64_t n = shared_.slots.size();
        const std::uint64_t count = parts_count();
        for (std::uint64_t i = 0; i < n; ++i) {
            auto& p = shared_.part_of[i];
            if (p == kAutoPartition) p = static_cast<std::uint32_t>(i * count / n);
        }
        parts_.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) parts_.emplace_back(i, parts_count(), &shared_);
    }

    void account_window(const Report* reports) {
        std::uint64_t busiest = 0, sum = 0;
        for (std::size_t i = 0; i < parts_.size(); ++i) {
            busiest = std::max(busiest, reports[i].events);
            sum += reports[i].events;
        }
        ++stats_.windows;
        stats_.busiest_sum += busiest;
        stats_.mean_sum += static_cast<double>(sum) / static_cast<double>(parts_.size());
    }

    Config config_;
    Workers workers_;
    Shared<Lp> shared_;
    std::vector<Partition<Lp>> parts_;
    alignas(64) Stats stats_;  // written by the caller every window: off shared_'s lines
    Time horizon_ = 0;
    bool started_ = false;
};

}  // namespace ostsim::engine
