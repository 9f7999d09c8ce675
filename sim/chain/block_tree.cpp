#include "chain/block_tree.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <tuple>

namespace ostsim::chain {

BlockTree::BlockTree() : blocks_{Block{kGenesis, kGenesis, 0, 0, 0, 0}} { index(0); }

BlockTree::Change BlockTree::add(BlockId id, BlockId parent, std::uint64_t weight) {
    Change change;
    if (contains(id) || orphan_ids_.count(id.key())) {
        change.known = true;
        return change;
    }
    if (!contains(parent)) {
        orphans_.emplace(parent.key(), std::pair{id, weight});
        orphan_ids_.insert(id.key());
        change.waiting = true;
        return change;
    }
    join(id, parent, weight, change);
    return change;
}

void BlockTree::join(BlockId id, BlockId parent, std::uint64_t weight, Change& change) {
    // Iterative: a long run of waiting descendants joins without deep recursion. The list is
    // allocated only when a block had waiting children.
    std::vector<std::tuple<BlockId, BlockId, std::uint64_t>> todo;
    for (;;) {
        attach(id, position(parent), weight, change);
        if (!orphans_.empty()) {
            auto [lo, hi] = orphans_.equal_range(id.key());
            for (auto it = lo; it != hi; ++it) {
                todo.emplace_back(it->second.first, id, it->second.second);
                orphan_ids_.erase(it->second.first.key());
            }
            orphans_.erase(lo, hi);
        }
        if (todo.empty()) return;
        std::tie(id, parent, weight) = todo.back();
        todo.pop_back();
    }
}

void BlockTree::attach(BlockId id, std::uint32_t parent, std::uint64_t weight, Change& change) {
    const Block& p = blocks_[parent];
    const Block& j = blocks_[p.jump];
    // Jump twice as far as the parent's jump when the parent's two jumps span equal
    // distances, else to the parent: jump lengths form a skew-binary decomposition.
    const std::uint32_t jump =
        p.height - j.height == j.height - blocks_[j.jump].height ? j.jump : parent;
    const auto pos = static_cast<std::uint32_t>(blocks_.size());
    blocks_.push_back(Block{id, p.id, p.height + 1, p.total_weight + weight, parent, jump});
    index(pos);
    ++change.joined;
    const Block& b = blocks_[pos];
    const Block& h = blocks_[head_];
    if (b.total_weight > h.total_weight) {  // ties: the head seen first stays
        const std::uint64_t level = std::min(b.height, h.height);
        std::uint32_t fork = ancestor(pos, level);
        std::uint32_t old = ancestor(head_, level);
        while (fork != old) {
            fork = blocks_[fork].up;
            old = blocks_[old].up;
        }
        const auto depth = static_cast<std::uint32_t>(h.height - blocks_[fork].height);
        change.reorg_depth = std::max(change.reorg_depth, depth);
        change.new_head = true;
        head_ = pos;
    }
}

const BlockTree::Block& BlockTree::block(BlockId id) const {
    const std::uint32_t pos = position(id);
    if (pos == kNone) throw std::out_of_range("BlockTree::block: unknown block");
    return blocks_[pos];
}

BlockId BlockTree::ancestor(BlockId id, std::uint64_t height) const {
    const std::uint32_t pos = position(id);
    if (pos == kNone) throw std::out_of_range("BlockTree::ancestor: unknown block");
    if (height > blocks_[pos].height) throw std::out_of_range("BlockTree::ancestor: above the block");
    return blocks_[ancestor(pos, height)].id;
}

std::uint32_t BlockTree::ancestor(std::uint32_t pos, std::uint64_t height) const {
    while (blocks_[pos].height > height) {
        const Block& b = blocks_[pos];
        pos = blocks_[b.jump].height >= height ? b.jump : b.up;
    }
    return pos;
}

std::uint32_t BlockTree::position(BlockId id) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(id.key());; i = (i + 1) & mask) {
        const std::uint32_t pos = slots_[i];
        if (pos == kNone || blocks_[pos].id == id) return pos;
    }
}

void BlockTree::index(std::uint32_t pos) {
    if (2 * blocks_.size() > slots_.size()) {  // grow: keep the load at most 1/2
        const std::size_t n = slots_.empty() ? 16 : 2 * slots_.size();
        slots_.assign(n, kNone);
        shift_ = 64 - std::countr_zero(n);
        for (std::uint32_t p = 0; p < pos; ++p) place(p);
    }
    place(pos);
}

void BlockTree::place(std::uint32_t pos) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(blocks_[pos].id.key());
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = pos;
}

std::size_t BlockTree::waiting() const { return orphan_ids_.size(); }

}  // namespace ostsim::chain
