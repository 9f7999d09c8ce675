// A hash table from 64-bit keys to small values, for the per-node books of a network's relays:
// one contiguous array with linear probing (Fibonacci hashing), tombstones for erased keys, a
// load of at most 3/4. A node's book holds one entry per block it has seen, and thousands of
// nodes each look theirs up on every announcement: a node-based std::unordered_map costs an
// allocation per entry and a cache miss per probe, this one neither.
// Limits: the keys ~0 and ~0 - 1 are reserved (empty and erased slots); pointers returned by
// find() and insert() are valid until the next insert().
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace ostsim::net {

template <class V>
class KeyTable {
  public:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0}, kErased = kEmpty - 1;

    V* find(std::uint64_t key) {
        const std::size_t i = index(key);
        return i == kNone ? nullptr : &slots_[i].value;
    }
    const V* find(std::uint64_t key) const { return const_cast<KeyTable*>(this)->find(key); }

    // The value under key, inserted as `fresh` if absent; .second tells whether it was.
    std::pair<V*, bool> insert(std::uint64_t key, const V& fresh) {
        if (V* v = find(key)) return {v, false};
        if (4 * (used_ + 1) > 3 * slots_.size()) grow();
        std::size_t i = home(key);
        while (slots_[i].key != kEmpty && slots_[i].key != kErased) i = (i + 1) & mask();
        if (slots_[i].key == kEmpty) ++used_;
        slots_[i] = {key, fresh};
        ++size_;
        return {&slots_[i].value, true};
    }

    void erase(std::uint64_t key) {
        if (const std::size_t i = index(key); i != kNone) {
            slots_[i].key = kErased;
            --size_;
        }
    }

    std::size_t size() const { return size_; }

  private:
    struct Slot {
        std::uint64_t key = kEmpty;
        V value{};
    };

    static constexpr std::size_t kNone = ~std::size_t{0};

    std::size_t index(std::uint64_t key) const {
        if (slots_.empty()) return kNone;
        for (std::size_t i = home(key);; i = (i + 1) & mask()) {
            if (slots_[i].key == key) return i;
            if (slots_[i].key == kEmpty) return kNone;
        }
    }
    std::size_t mask() const { return slots_.size() - 1; }
    std::size_t home(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        const std::size_t n = old.empty() ? 16 : 2 * old.size();
        slots_.assign(n, Slot{});
        shift_ = 64;
        for (std::size_t m = n; m > 1; m >>= 1) --shift_;
        used_ = size_ = 0;
        for (const Slot& s : old)
            if (s.key != kEmpty && s.key != kErased) insert(s.key, s.value);
    }

    std::vector<Slot> slots_;
    std::size_t used_ = 0;  // slots not empty (live or erased)
    std::size_t size_ = 0;  // live keys
    int shift_ = 64;
};

}  // namespace ostsim::net
