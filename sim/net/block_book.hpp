// A node's record of the blocks it holds or has asked for, with the neighbour each came from
// and the neighbours that announced it (neither is announced to: they hold it). Grows with
// every block; a node prunes blocks it no longer relays with forget(). Sizes are not kept: every
// relay message carries its block's size. An entry and its key take 24 bytes, and a large
// network holds one per node and block (docs/performance.md).
#pragma once

#include <cstdint>
#include <utility>

#include "chain/block_tree.hpp"
#include "net/graph.hpp"
#include "net/key_table.hpp"

namespace ostsim::net {

class BlockBook {
  public:
    struct Entry {
        // Bit i: the neighbour at position i of the node's adjacency announced the block
        // (positions from 64 on are not tracked).
        std::uint64_t heard = 0;
        NodeId from = 0;  // who sent or will send it; the node itself for its own blocks
        bool have = false;
        bool announced = false;
    };

    const Entry* find(chain::BlockId id) const {
        return id.key() == recent_key_ ? &recent_ : map_.find(id.key());
    }
    bool has(chain::BlockId id) const {
        const Entry* e = find(id);
        return e && e->have;
    }
    // Notes that neighbours (a mask of adjacency positions) announced the block, and records a
    // request to `from`; false when the block is already held or requested.
    bool request(chain::BlockId id, NodeId from, std::uint64_t announcers) {
        auto [e, fresh] = insert(id, Entry{0, from, false, false});
        e->heard |= announcers;
        return fresh;
    }
    // Records the block as held; false when it already was.
    bool receive(chain::BlockId id, NodeId from) {
        auto [e, fresh] = insert(id, Entry{0, from, true, false});
        if (!fresh && e->have) return false;
        *e = Entry{e->heard, from, true, false};
        return true;
    }
    // Holds the block (recording it if new) and marks it announced; returns its entry, or null
    // when it was announced already.
    const Entry* announce(chain::BlockId id, NodeId self) {
        auto [entry, fresh] = insert(id, Entry{0, self, true, false});
        Entry& e = *entry;
        if (!fresh && !e.have) e = Entry{e.heard, self, true, false};
        if (e.announced) return nullptr;
        e.announced = true;
        return &e;
    }
    void forget(chain::BlockId id) {
        map_.erase(id.key());
        if (id.key() == recent_key_) recent_key_ = kNoKey;
    }
    std::size_t size() const { return map_.size(); }

  private:
    static constexpr std::uint64_t kNoKey = KeyTable<Entry>::kEmpty;

    // The entry of `id`, inserted as `fresh` if absent (.second: it was), made the recent one.
    std::pair<Entry*, bool> insert(chain::BlockId id, const Entry& fresh) {
        if (id.key() == recent_key_) return {&recent_, false};
        if (recent_key_ != kNoKey) {
            if (Entry* back = map_.find(recent_key_)) *back = recent_;  // write it back (it is there)
        }
        const auto [e, added] = map_.insert(id.key(), fresh);
        recent_key_ = id.key();
        recent_ = *e;
        return {&recent_, added};
    }

    static_assert(sizeof(Entry) == 16);
    KeyTable<Entry> map_;  // by BlockId::key(); ~0 and ~0 - 1 are no block's
    // The entry of the block last inserted or looked up for a change, kept beside the relay's
    // other state: while a block spreads a node gets about ten messages about it in a row, and
    // a slot of the table is a cache miss each time (docs/performance.md). The table holds its
    // key too, with a value that is stale until the next insert() writes this one back.
    std::uint64_t recent_key_ = kNoKey;
    Entry recent_{};
};

}  // namespace ostsim::net
