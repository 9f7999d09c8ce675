// Every block a node has seen, forks included, and the head its fork choice picks: the chain of
// greatest cumulative weight (work for pow, difficulty 2/1 for clique's in-turn/out-of-turn
// signers), ties going to the block seen first, as Bitcoin and geth break them.
//
// Blocks are named by BlockId, (producer, producer's sequence number): deterministic, and
// small enough to travel in an event. A block whose parent is unknown waits, and joins the
// tree when its parent arrives.
#pragma once

#include <cstdint>
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
        std::uint64_t height = 0;
        std::uint64_t total_weight = 0;  // the chain's cumulative weight up to this block
        // Links for ancestor(), as positions in the tree's store: the parent, and a jump
        // pointer (Myers' skew-binary scheme, "An applicative random-access stack", 1983) that
        // reaches any height in O(log n) steps. Genesis, at position 0, links to itself.
        std::uint32_t up = 0;
        std::uint32_t jump = 0;
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

    Change add(BlockId id, BlockId parent, std::uint64_t weight);
    bool contains(BlockId id) const { return position(id) != kNone; }
    // The block `id`; throws std::out_of_range when the tree does not hold it. References are
    // valid until the next add().
    const Block& block(BlockId id) const;
    const Block& head() const { return blocks_[head_]; }
    // The i-th block to have entered the tree (i < size(), genesis excluded): blocks join in the
    // order they are added, a waiting block when its parent does.
    const Block& joined(std::size_t i) const { return blocks_[i + 1]; }
    // The ancestor of `id` at `height` (height <= the block's height), in O(log height) steps:
    // finality rules ask for it on every head change.
    BlockId ancestor(BlockId id, std::uint64_t height) const;
    // Blocks in the tree, genesis excluded, and how many are off the head's chain.
    std::size_t size() const { return blocks_.size() - 1; }
    std::size_t stale() const { return size() - head().height; }
    std::size_t waiting() const;

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};

    void join(BlockId id, BlockId parent, std::uint64_t weight, Change& change);
    void attach(BlockId id, std::uint32_t parent, std::uint64_t weight, Change& change);
    std::uint32_t ancestor(std::uint32_t pos, std::uint64_t height) const;
    // The position of block `id`, or kNone.
    std::uint32_t position(BlockId id) const;
    void index(std::uint32_t pos);  // enters blocks_[pos] in the table, growing it
    void place(std::uint32_t pos);  // the same, the table having room
    std::size_t home(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
    }

    // Every node of a large network holds its own tree of every block: blocks sit side by side
    // in arrival order (40 bytes each), found through an open-addressing table of their
    // positions (linear probing, Fibonacci hashing, load at most 1/2, 4 bytes a slot), not a
    // node-based map (an allocation and about 80 bytes per block).
    std::vector<Block> blocks_;
    std::vector<std::uint32_t> slots_;  // positions in blocks_; kNone: empty
    int shift_ = 64;
    std::unordered_multimap<std::uint64_t, std::pair<BlockId, std::uint64_t>> orphans_;  // by parent
    std::unordered_set<std::uint64_t> orphan_ids_;
    std::uint32_t head_ = 0;  // position
};

}  // namespace ostsim::chain
