// The set of undirected edges a generator has placed, for O(1) "already adjacent?" checks
// (boost::edge() on vecS lists is linear in the degree).
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "net/graph.hpp"

namespace ostsim::net {

class EdgeSet {
  public:
    // False when the edge was already present.
    bool insert(NodeId u, NodeId v) { return set_.insert(key(u, v)).second; }
    bool contains(NodeId u, NodeId v) const { return set_.count(key(u, v)) != 0; }
    void erase(NodeId u, NodeId v) { set_.erase(key(u, v)); }
    void clear() { set_.clear(); }
    void reserve(std::size_t n) { set_.reserve(n); }

  private:
    static std::uint64_t key(NodeId u, NodeId v) {
        return std::uint64_t{std::min(u, v)} << 32 | std::max(u, v);
    }
    std::unordered_set<std::uint64_t> set_;
};

}  // namespace ostsim::net
