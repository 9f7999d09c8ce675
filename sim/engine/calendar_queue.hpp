// The pending-event set of a partition: a calendar queue (Brown 1988) whose current day is a
// small d-ary heap. Time is cut into days of 2^shift ns; a ring of `kDays` unsorted buckets
// holds the days after the current one, and a heap holds what lies beyond the ring.
//
//   push: an event for the current day (or earlier) goes into the near heap; one for a later
//         day in the ring is appended to its bucket (O(1)); one beyond the ring, to `far_`.
//   pop:  from the near heap; when it empties, the next non-empty bucket becomes the near
//         heap (heapified in O(k)); empty stretches are jumped over, not stepped through.
//
// With k events a day, an event costs an append plus a pop from a k-element heap that stays
// in L1, instead of a pop from a heap of all pending events (measured in docs/performance.md).
// The day length adapts: every kAdaptEvery days (or sooner, when days are crowded) the mean
// events per visited day is compared with kTarget and, when off by more than 4x, every event
// is re-filed with a new shift (O(n), rare once the density settles). A single day that comes
// due with more than kCrowded events re-files at once by that day's own density: in bursty
// models (a block's spread after minutes of quiet, whose few events made the days long) the
// mean lags behind, and the near heap would otherwise grow to a heap of the whole burst.
//
// Buffers of emptied days are kept for reuse only up to kSpareCapacity events: a buffer that
// held a crowded day returns its memory instead of making every later day as large.
//
// Order is exact: days partition time, and within a day the heap orders by (time, tie).
// Limit: times must be >= 0 (the engine's clock starts at 0).
#pragma once

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/dary_heap.hpp"
#include "engine/time.hpp"

namespace ostsim::engine {

template <typename T, typename Less>
class CalendarQueue {
  public:
    static constexpr std::int64_t kDays = 8192;        // ring length, a power of two
    static constexpr std::uint64_t kTarget = 48;       // events per day the adaptation aims at
    static constexpr std::uint64_t kAdaptEvery = 256;  // days visited between adaptations
    static constexpr std::uint64_t kCrowded = 64 * kTarget;      // one day's events that re-file
    static constexpr std::size_t kSpareCapacity = 4 * kTarget;  // largest buffer kept for reuse

    CalendarQueue() : ring_(static_cast<std::size_t>(kDays)) {}

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    // The earliest event. Precondition: !empty(). Advances the calendar, hence not const.
    const T& top() {
        if (near_.empty()) advance();
        return near_.top();
    }

    void push(const T& x) {
        ++size_;
        file(x);
    }

    // Precondition: !empty(), and top() was called since the last change.
    void pop() {
        --size_;
        near_.pop();
    }

    // pop() then push(x), as one sift when x belongs to the current day.
    void replace_top(const T& x) {
        if (day_of(x.time) <= day_) {
            near_.replace_top(x);
        } else {
            near_.pop();
            file_later(x);
        }
    }

    // The event after the top when it is already in the current day (null otherwise): a hint
    // for prefetching; events pushed in the meantime may come first.
    const T* next_hint() const { return near_.second(); }

    // Every event, in no particular order (for tests and re-filing).
    template <typename F>
    void for_each(F&& f) const {
        for (const T& x : near_.items()) f(x);
        for (const auto& b : ring_)
            for (const T& x : b) f(x);
        for (const T& x : far_.items()) f(x);
    }

    int shift() const { return shift_; }

  private:
    std::int64_t day_of(Time t) const { return t >> shift_; }

    void file(const T& x) {
        if (day_of(x.time) <= day_) {
            near_.push(x);
        } else {
            file_later(x);
        }
    }

    void file_later(const T& x) {
        const std::int64_t d = day_of(x.time);
        if (d < day_ + kDays) {
            auto& bucket = ring_[static_cast<std::size_t>(d & (kDays - 1))];
            if (bucket.capacity() == 0 && !spare_.empty()) {
                bucket.swap(spare_.back());
                spare_.pop_back();
            }
            bucket.push_back(x);
            ++in_ring_;
        } else {
            far_.push(x);
        }
    }

    // Makes the next non-empty day current. Precondition: near_ is empty and size_ > 0.
    void advance() {
        assert(size_ > 0);
        for (;;) {
            if (in_ring_ == 0) {
                // Nothing in the ring: jump to the day before the earliest far event.
                day_ = std::max(day_, day_of(far_.top().time) - 1);
            }
            ++day_;
            ++days_visited_;
            // Events that the ring's far end has just reached leave far_.
            while (!far_.empty() && day_of(far_.top().time) < day_ + kDays) {
                const T x = far_.top();
                far_.pop();
                if (day_of(x.time) <= day_) {
                    near_.push(x);
                } else {
                    file_later(x);
                }
            }
            auto& bucket = ring_[static_cast<std::size_t>(day_ & (kDays - 1))];
            std::uint64_t today = 0;
            if (!bucket.empty()) {
                today = bucket.size();
                in_ring_ -= bucket.size();
                events_loaded_ += bucket.size();
                near_.absorb(bucket);  // bucket now holds near_'s old, empty buffer
                retire(std::exchange(bucket, {}));
            }
            if (today > kCrowded) {
                adapt(today);
            } else if (days_visited_ >= kAdaptEvery ||
                       events_loaded_ >= kAdaptEvery * kTarget * 4) {
                adapt(std::max<std::uint64_t>(events_loaded_ / days_visited_, 1));
            }
            if (!near_.empty()) return;
        }
    }

    // Keeps an emptied buffer for a later day, or frees it when it is large.
    void retire(std::vector<T>&& buffer) {
        if (buffer.capacity() != 0 && buffer.capacity() <= kSpareCapacity) {
            spare_.push_back(std::move(buffer));
        }
    }

    // Re-files everything with a day length that gives about kTarget events a day, given
    // `per_day` events a day at the current length.
    void adapt(std::uint64_t per_day) {
        days_visited_ = events_loaded_ = 0;
        if (per_day * 4 >= kTarget && per_day <= kTarget * 4) return;
        const int delta = std::bit_width(per_day) - std::bit_width(kTarget);
        const int shift = std::clamp(shift_ - delta, 0, 50);
        if (shift == shift_) return;
        std::vector<T> all;
        all.reserve(size_);
        Time earliest = kNever;
        for_each([&](const T& x) {
            all.push_back(x);
            earliest = std::min(earliest, x.time);
        });
        near_.clear();
        far_.clear();
        for (auto& b : ring_) b.clear();
        in_ring_ = 0;
        shift_ = shift;
        day_ = day_of(earliest);  // any day keeps the order exact; this one fills near_ at once
        for (const T& x : all) file(x);
    }

    int shift_ = 20;  // days of about 1 ms until the first adaptation
    std::int64_t day_ = -1;
    std::size_t size_ = 0;
    std::size_t in_ring_ = 0;
    std::uint64_t days_visited_ = 0;
    std::uint64_t events_loaded_ = 0;
    DaryHeap<T, Less, 4> near_;
    std::vector<std::vector<T>> ring_;
    DaryHeap<T, Less, 4> far_;
    // Empty buffers for buckets that receive their first event: only non-empty days hold
    // memory, so a partition's footprint follows its pending events, not the ring's length.
    std::vector<std::vector<T>> spare_;
};

}  // namespace ostsim::engine
