// Every block a node has seen, forks included, and the head its fork choice picks: the chain of
// greatest cumulative weight (work for pow, difficulty 2/1 for clique's in-turn/out-of-turn
// signers), ties going to the block seen first, as Bitcoin and geth break them.
//
// Blocks are named by BlockId, (producer, producer's sequence number): deterministic, and
// small enough to travel in an event. A block whose parent is unknown waits, and joins the
// tree when its parent arrives.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ostsim::chain {

struct BlockId {
    std::uint32_t producer = 0;
    std::uint32_t seq = 0;
    std::uint64_t key() const { return std::uint64_t{producer} << 32 | seq; }
    friend bool operator==(BlockId, BlockId) = default;
};
inline constexpr BlockId kGenesis{~std::uint32_t{0}, 0};

class BlockTree {
public:
    struct Block {
        BlockId id;
        BlockId parent;
        std::uint64_t height;
        std::uint64_t total_weight;  // the chain's cumulative weight up to this block
        std::uint64_t order;         // arrival order, for first-seen ties
        // Links for ancestor(): the parent, and a jump pointer (Myers' skew-binary scheme,
        // "An applicative random-access stack", 1983) that reaches any height in O(log n)
        // steps. Map nodes do not move, so the pointers stay valid; genesis points to itself.
        const Block* up = nullptr;
        const Block* jump = nullptr;
    };
    // What adding a block did to the head.
    struct Change {
        bool known = false;        // already in the tree or waiting
        bool waiting = false;      // parent unknown: held back
        bool new_head = false;
        std::uint32_t reorg_depth = 0;  // blocks of the old head's chain left behind
        std::uint32_t joined = 0;       // blocks that entered the tree (this one and waiters)
    };

    BlockTree();
    // Blocks link to each other by address: a copy would point into the original.
    BlockTree(const BlockTree&) = delete;
    BlockTree& operator=(const BlockTree&) = delete;
    BlockTree(BlockTree&&) = default;
    BlockTree& operator=(BlockTree&&) = default;

    Change add(BlockId id, BlockId parent, std::uint64_t weight);
    bool contains(BlockId id) const { return blocks_.count(id.key()) != 0; }
    const Block& block(BlockId id) const { return blocks_.at(id.key()); }
    const Block& head() const { return block(head_); }
    // The ancestor of `id` at `height` (height <= the block's height), in O(log height) steps:
    // finality rules ask for it on every head change.
    BlockId ancestor(BlockId id, std::uint64_t height) const;
    // Blocks in the tree, genesis excluded, and how many are off the head's chain.
    std::size_t size() const { return blocks_.size() - 1; }
    std::size_t stale() const { return size() - head().height; }
    std::size_t waiting() const;

private:
    void join(BlockId id, BlockId parent, std::uint64_t weight, Change& change);
    static const Block* ancestor(const Block* b, std::uint64_t height);

    std::unordered_map<std::uint64_t, Block> blocks_;
    std::unordered_multimap<std::uint64_t, std::pair<BlockId, std::uint64_t>> orphans_;  // by parent
    std::unordered_set<std::uint64_t> orphan_ids_;
    BlockId head_ = kGenesis;
    std::uint64_t arrivals_ = 0;
};

}  // namespace ostsim::chain
