// The times blocks reached a node, or became final there, read as (block, time) pairs.
//
// A network of 10,000 nodes holds one record per block per node, so only the times are stored:
// the blocks are found in the node's block tree, which holds them in arrival order (arrivals),
// or as the ancestors of the last final block (finals, heights 1, 2, ...). That halves the
// records (16 -> 8 bytes; docs/performance.md, SimBlock section).
#pragma once

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "chain/block_tree.hpp"
#include "engine/time.hpp"

namespace ostsim::core {

struct Arrival {
    chain::BlockId id;
    engine::Time time;
};

// A read-only sequence of Arrival over a node's state; valid while the node lives, and it sees
// the node's later records.
class Arrivals {
  public:
    Arrivals() = default;
    // Arrival order: the i-th block to join `tree`.
    Arrivals(const chain::BlockTree& tree, const std::vector<engine::Time>& times)
        : tree_(&tree), times_(&times) {}
    // A chain from height 1: the i-th is the ancestor of *tip at height i + 1.
    Arrivals(const chain::BlockTree& tree, const std::vector<engine::Time>& times, const chain::BlockId& tip)
        : tree_(&tree), times_(&times), tip_(&tip) {}

    std::size_t size() const { return times_->size(); }
    bool empty() const { return times_->empty(); }
    Arrival operator[](std::size_t i) const {
        return {tip_ ? tree_->ancestor(*tip_, i + 1) : tree_->joined(i).id, (*times_)[i]};
    }
    Arrival at(std::size_t i) const {
        if (i >= size()) throw std::out_of_range("Arrivals::at");
        return (*this)[i];
    }
    Arrival back() const { return (*this)[size() - 1]; }

    class iterator;  // holds a copy of the view: valid after a temporary view is gone
    iterator begin() const;
    iterator end() const;

  private:
    const chain::BlockTree* tree_ = nullptr;
    const std::vector<engine::Time>* times_ = nullptr;
    const chain::BlockId* tip_ = nullptr;
};

class Arrivals::iterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Arrival;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Arrival;
    iterator() = default;
    iterator(const Arrivals& a, std::size_t i) : a_(a), i_(i) {}
    Arrival operator*() const { return a_[i_]; }
    iterator& operator++() {
        ++i_;
        return *this;
    }
    iterator operator++(int) {
        iterator old = *this;
        ++i_;
        return old;
    }
    friend bool operator==(const iterator& x, const iterator& y) { return x.i_ == y.i_; }

  private:
    Arrivals a_{};
    std::size_t i_ = 0;
};

inline Arrivals::iterator Arrivals::begin() const { return {*this, 0}; }
inline Arrivals::iterator Arrivals::end() const { return {*this, size()}; }

}  // namespace ostsim::core
