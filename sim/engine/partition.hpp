// A partition: a set of LPs with one pending-event set, run by one thread at a time. Within a
// window it handles its events in (time, source, sequence) order; events for other partitions
// go to outboxes that their owners drain two windows later, before they handle anything at or
// after the earliest of those events.
//
// Outboxes come in four sets, by window number mod 4: in window w a partition appends to its
// set w while its peers, which may be a window behind or ahead (the engine's windows overlap
// by one, see Workers), drain their inboxes of window w - 2; sets w - 1 and w - 2 may still be
// undrained, and set w was drained before window w began. No lock is taken.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/calendar_queue.hpp"
#include "engine/context.hpp"
#include "engine/digest.hpp"
#include "engine/errors.hpp"
#include "engine/event.hpp"

namespace ostsim::engine {

// Per-LP bookkeeping the engine owns: the next sequence number and the commit digest.
struct LpMeta {
    std::uint64_t seq = 0;
    std::uint64_t digest = 0;
};

// An LP and the engine's bookkeeping for it, side by side on cache lines of their own: every
// event reads and writes both (the meta lands on the line of the LP's end, which the window
// loop prefetches), and LPs that different threads run never share a line. With the meta in a
// separate array of 16-byte entries, four LPs shared each line, so two threads whose partitions
// interleave LP ids (a network split by region) wrote to the same lines.
template <typename Lp>
struct alignas(64) LpSlot {
    Lp lp;
    LpMeta meta;
};

// State shared by all partitions; read-only during a window except for the slots of LPs that
// the running partition owns. On lines of its own: every event reads it on every thread, and
// a neighbour written between windows (the engine's statistics) would cost each thread a miss
// per window (measured in docs/performance.md).
template <typename Lp>
struct alignas(64) Shared {
    std::vector<LpSlot<Lp>> slots;
    std::vector<std::uint32_t> part_of;
    Time lookahead = 0;
};

template <typename Lp>
class alignas(64) Partition {
  public:
    using Payload = typename Lp::Payload;
    using Ev = Event<Payload>;

    Partition(std::uint32_t id, std::uint32_t count, Shared<Lp>* shared)
        : id_(id), shared_(shared) {
        for (auto& set : out_) set.resize(count);
    }

    std::uint32_t id() const { return id_; }

    // Earliest event this partition holds or has sent to peers that may not have filed it.
    Time next_time() {
        Time t = heap_.empty() ? kNever : heap_.top().time;
        for (int back = 0; back < kUnfiled; ++back) {
            for (const Box& box : out_[set(back)]) t = std::min(t, box.earliest);
        }
        return t;
    }

    // Handles, in order, every event with time < bound, and files what the peers sent two
    // windows ago; returns how many events it handled. Every partition runs every window, so
    // window numbers stay in step.
    //
    // The peers' events are filed only when the window reaches the earliest of them (each box
    // knows its earliest): their lines were written on the peers' cores, and the events before
    // that time (most of a window in PHOLD) are handled while the prefetched lines arrive.
    // Handling stays in (time, source, sequence) order: nothing earlier than that time is
    // missing from the calendar.
    std::uint64_t run_window(std::vector<Partition>& all, Time bound) {
        ++window_;
        const int in = set(kUnfiled);  // the peers wrote it two windows ago
        const Time first_in = look_at_inbox(all, in);
        // The peers drained these boxes two windows ago. Emptied by their sender, not by the
        // receiver: a box's header then stays in this core's cache between windows, and the
        // receiver only reads it.
        for (Box& box : out_[set(0)]) {
            box.events.clear();
            box.earliest = kNever;
        }
        Context<Lp> ctx(this, bound);
        std::uint64_t n = 0;
        Time limit = std::min(bound, first_in);
        for (bool received = false;; received = true) {
            while (!heap_.empty() && heap_.top().time < limit) {
                const Ev ev = heap_.top();
                top_free_ = true;
                ctx.now_ = ev.time;
                ctx.self_ = ev.dst;
                if (const Ev* next = heap_.next_hint()) prefetch(next->dst);
                LpSlot<Lp>& slot = shared_->slots[ev.dst];
                slot.meta.digest =
                    digest_step(slot.meta.digest, static_cast<std::uint64_t>(ev.time), ev.tie);
                slot.lp.handle(ctx, ev);
                if (top_free_) heap_.pop();
                ++n;
            }
            top_free_ = false;
            if (received) break;
            receive(all, in);
            limit = bound;
        }
        committed_ += n;
        return n;
    }

    // Schedules an event; called by Context::send and by the engine between runs.
    void emit(LpId src, Time now, LpId dst, Time time, const Payload& payload) {
        Shared<Lp>& sh = *shared_;
        if (dst >= sh.part_of.size()) throw_unknown_lp(src, dst, sh.part_of.size());
        const std::uint32_t dp = sh.part_of[dst];
        if (time < now) fail(SchedulingError::Kind::past, src, now, dst, dp, time);
        LpMeta& m = sh.slots[src].meta;
        if (m.seq == kMaxSeq) throw_capacity("an LP sent 2^40 events");
        const Ev e{time, make_tie(src, m.seq++), dst, payload};
        ++scheduled_;
        if (dp == id_) {
            if (top_free_) {
                heap_.replace_top(e);
                top_free_ = false;
            } else {
                heap_.push(e);
            }
            return;
        }
        if (time - now < sh.lookahead) {
            fail(SchedulingError::Kind::lookahead, src, now, dst, dp, time);
        }
        Box& box = out_[set(0)][dp];
        box.events.push_back(e);
        box.earliest = std::min(box.earliest, time);
    }

    std::uint64_t committed() const { return committed_; }
    std::uint64_t scheduled() const { return scheduled_; }
    // Events held: in the heap, and sent to peers that have not received them yet.
    std::size_t pending() const {
        std::size_t n = heap_.size();
        for (int back = 0; back < kUnfiled; ++back) {
            for (const auto& box : out_[set(back)]) n += box.events.size();
        }
        return n;
    }

    // Files every event the peers have sent this partition and not yet filed (between runs,
    // on one thread): a run starts with nothing in flight.
    void settle(std::vector<Partition>& all) {
        for (auto& p : all) {
            for (int back = 0; back < kUnfiled; ++back) {
                Box& box = p.out_[p.set(back)][id_];
                for (const Ev& e : box.events) heap_.push(e);
                box.events.clear();
                box.earliest = kNever;
            }
        }
    }

  private:
    // Outbox sets whose events the peers may not have filed yet: those of this window and the
    // last (peers file a set two windows after it was written).
    static constexpr int kUnfiled = 2;

    // The outbox set of the window `back` windows before the current one.
    int set(int back) const { return static_cast<int>((window_ - static_cast<std::uint64_t>(back)) & 3); }

    // Starts loading the head of an LP that is likely handled next, while this one runs: in a
    // large model every event lands on a cold LP, and its first cache misses dominate. Only its
    // first lines (where a model keeps what every event reads) and its last (where a
    // std::variant of LP kinds keeps its index, in libstdc++, and the slot its meta): prefetching
    // all of a 1,200-byte LP stalled on the CPU's fill buffers, 12 % of the SimBlock benchmark's
    // time (docs/performance.md).
    void prefetch(LpId id) const {
        const LpSlot<Lp>& slot = shared_->slots[id];
        const char* lp = reinterpret_cast<const char*>(&slot.lp);
        for (std::size_t off = 0; off < std::min<std::size_t>(sizeof(Lp), kPrefetchBytes); off += 64) {
            __builtin_prefetch(lp + off);
        }
        if constexpr (sizeof(Lp) > kPrefetchBytes) __builtin_prefetch(lp + sizeof(Lp) - 1);
        __builtin_prefetch(&slot.meta);
    }
    static constexpr std::size_t kPrefetchBytes = 256;

    // The earliest event the peers sent this partition in outbox set `in` (kNever: none);
    // starts loading those events. This and receive() run once a window and stay out of line:
    // inlined, they kept run_window() from being inlined into the engine's window step, and
    // the 1-thread run (one window around the whole loop) lost 2 - 3 %.
    [[gnu::noinline]] Time look_at_inbox(const std::vector<Partition>& all, int in) const {
        Time first = kNever;
        for (const auto& p : all) {
            const Box& box = p.out_[in][id_];
            first = std::min(first, box.earliest);
            const char* begin = reinterpret_cast<const char*>(box.events.data());
            const char* end = begin + box.events.size() * sizeof(Ev);
            for (const char* line = begin; line < end; line += 64) __builtin_prefetch(line);
        }
        return first;
    }

    [[gnu::noinline]] void receive(std::vector<Partition>& all, int in) {
        for (auto& p : all) {
            for (const Ev& e : p.out_[in][id_].events) heap_.push(e);
        }
    }

    [[noreturn]] void fail(SchedulingError::Kind kind, LpId src, Time now, LpId dst,
                           std::uint32_t dp, Time time) const {
        throw SchedulingError(kind, {src, id_, now, dst, dp, time}, shared_->lookahead);
    }

    std::uint32_t id_;
    Shared<Lp>* shared_;
    CalendarQueue<Ev, EarlierEvent> heap_;  // the pending-event set
    // An outbox on a cache line of its own: its sender appends to it while other threads
    // append to or drain neighbouring boxes, which would otherwise share the line.
    struct alignas(64) Box {
        std::vector<Ev> events;
        Time earliest = kNever;  // of `events`
    };
    // [window mod 4][destination partition]. Peers read these headers every window; on a line
    // of their own they stay in every core's cache, where beside the counters below (written
    // every event) each window cost the reader a miss and the owner a line to win back.
    alignas(64) std::vector<Box> out_[4];
    alignas(64) std::uint64_t window_ = 0;  // windows run
    bool top_free_ = false;  // the event being handled is still the heap's top, free to replace
    std::uint64_t committed_ = 0;
    std::uint64_t scheduled_ = 0;
};

}  // namespace ostsim::engine
