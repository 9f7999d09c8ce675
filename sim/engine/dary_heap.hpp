// A d-ary min-heap in one contiguous vector: the current day and the far future of a
// partition's calendar queue. Events are small (24 bytes), so a 4-ary heap reads one or two
// cache lines per level and has half the levels of a binary heap.
//
// replace_top() is pop() followed by push() in a single sift-down: a handler that schedules
// one event for its own partition (the common case) costs one sift instead of two.
// Capacity is kept when the heap shrinks, so a steady state allocates nothing.
#pragma once

#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace ostsim::engine {

template <typename T, typename Less, std::size_t Arity = 4>
class DaryHeap {
    static_assert(Arity >= 2);

  public:
    bool empty() const { return v_.empty(); }
    std::size_t size() const { return v_.size(); }
    void reserve(std::size_t n) { v_.reserve(n); }
    void clear() { v_.clear(); }

    // Precondition (asserted): !empty().
    const T& top() const {
        assert(!v_.empty());
        return v_.front();
    }

    void push(const T& x) {
        v_.push_back(x);
        sift_up(v_.size() - 1, x);
    }

    void pop() {
        assert(!v_.empty());
        T last = v_.back();
        v_.pop_back();
        if (!v_.empty()) sift_down(0, last);
    }

    void replace_top(const T& x) {
        assert(!v_.empty());
        sift_down(0, x);
    }

    // Moves every element of `v` into the heap and leaves `v` empty. Into an empty heap this
    // swaps buffers and heapifies in O(n), so capacity circulates instead of being allocated.
    void absorb(std::vector<T>& v) {
        if (!v_.empty()) {
            for (const T& x : v) push(x);
            v.clear();
            return;
        }
        v_.swap(v);
        for (std::size_t i = v_.size() / Arity + 1; i-- > 0;) {
            if (i < v_.size()) sift_down(i, T(v_[i]));
        }
    }

    // The element that will be the top after a pop(): the least of the root's children; null
    // when there is none.
    const T* second() const {
        const std::size_t n = v_.size();
        if (n < 2) return nullptr;
        std::size_t best = 1;
        for (std::size_t c = 2; c <= Arity && c < n; ++c) {
            if (less_(v_[c], v_[best])) best = c;
        }
        return &v_[best];
    }

    // Unordered view of the contents (for draining and statistics).
    const std::vector<T>& items() const { return v_; }

  private:
    // Moves the hole at i up until x fits there.
    void sift_up(std::size_t i, const T& x) {
        while (i > 0) {
            std::size_t parent = (i - 1) / Arity;
            if (!less_(x, v_[parent])) break;
            v_[i] = v_[parent];
            i = parent;
        }
        v_[i] = x;
    }

    // Moves the hole at i down, promoting the least child, until x fits there.
    void sift_down(std::size_t i, const T& x) {
        const std::size_t n = v_.size();
        for (;;) {
            std::size_t first = i * Arity + 1;
            if (first >= n) break;
            std::size_t best = first;
            std::size_t end = first + Arity < n ? first + Arity : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (less_(v_[c], v_[best])) best = c;
            }
            if (!less_(v_[best], x)) break;
            v_[i] = v_[best];
            i = best;
        }
        v_[i] = x;
    }

    std::vector<T> v_;
    [[no_unique_address]] Less less_;
};

}  // namespace ostsim::engine
