// A node's record of the blocks it holds or has asked for, with each block's size and the
// neighbour it came from (not announced back to). Grows with every block; a node prunes blocks
// it no longer relays with forget().
#pragma once

#include <cstdint>
#include <unordered_map>

#include "chain/block_tree.hpp"
#include "net/graph.hpp"

namespace ostsim::net {

class BlockBook {
  public:
    struct Entry {
        std::uint32_t bytes = 0;
        NodeId from = 0;  // who sent or will send it; the node itself for its own blocks
        bool have = false;
        bool announced = false;
    };

    const Entry* find(chain::BlockId id) const {
        auto it = map_.find(id.key());
        return it == map_.end() ? nullptr : &it->second;
    }
    bool has(chain::BlockId id) const {
        const Entry* e = find(id);
        return e && e->have;
    }
    // Records a request to `from`; false when the block is already held or requested.
    bool request(chain::BlockId id, NodeId from) {
        return map_.try_emplace(id.key(), Entry{0, from, false, false}).second;
    }
    // Records the block as held; false when it already was.
    bool receive(chain::BlockId id, std::uint32_t bytes, NodeId from) {
        auto [it, fresh] = map_.try_emplace(id.key(), Entry{bytes, from, true, false});
        if (!fresh && it->second.have) return false;
        it->second = Entry{bytes, from, true, false};
        return true;
    }
    // Holds the block (recording it if new) and marks it announced; returns its entry, or null
    // when it was announced already.
    const Entry* announce(chain::BlockId id, std::uint32_t bytes, NodeId self) {
        auto [it, fresh] = map_.try_emplace(id.key(), Entry{bytes, self, true, false});
        Entry& e = it->second;
        if (!fresh && !e.have) e = Entry{bytes, self, true, false};
        if (e.announced) return nullptr;
        e.announced = true;
        return &e;
    }
    void forget(chain::BlockId id) { map_.erase(id.key()); }
    std::size_t size() const { return map_.size(); }

  private:
    std::unordered_map<std::uint64_t, Entry> map_;
};

}  // namespace ostsim::net
