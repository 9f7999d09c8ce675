#include "chain/block_tree.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace ostsim::chain {

BlockTree::BlockTree() {
    Block& g = blocks_.emplace(kGenesis.key(), Block{kGenesis, kGenesis, 0, 0, 0}).first->second;
    g.up = g.jump = &g;
}

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

void BlockTree::join(BlockId first, BlockId first_parent, std::uint64_t first_weight,
                     Change& change) {
    // Iterative: a long run of waiting descendants joins without deep recursion.
    std::vector<std::tuple<BlockId, BlockId, std::uint64_t>> todo{{first, first_parent, first_weight}};
    while (!todo.empty()) {
        auto [id, parent, weight] = todo.back();
        todo.pop_back();
        const Block& p = block(parent);
        Block& b = blocks_.emplace(id.key(), Block{id, parent, p.height + 1,
                                                   p.total_weight + weight, ++arrivals_})
                       .first->second;
        b.up = &p;
        // Jump twice as far as the parent's jump when the parent's two jumps span equal
        // distances, else to the parent: jump lengths form a skew-binary decomposition.
        const Block* j = p.jump;
        b.jump = p.height - j->height == j->height - j->jump->height ? j->jump : &p;
        ++change.joined;
        const Block& h = head();
        if (b.total_weight > h.total_weight) {  // ties: the head seen first stays
            const Block* fork = ancestor(&b, std::min(b.height, h.height));
            const Block* old = ancestor(&h, std::min(b.height, h.height));
            while (fork != old) {
                fork = fork->up;
                old = old->up;
            }
            auto depth = static_cast<std::uint32_t>(h.height - fork->height);
            change.reorg_depth = std::max(change.reorg_depth, depth);
            change.new_head = true;
            head_ = id;
        }
        auto [lo, hi] = orphans_.equal_range(id.key());
        for (auto it = lo; it != hi; ++it) {
            todo.emplace_back(it->second.first, id, it->second.second);
            orphan_ids_.erase(it->second.first.key());
        }
        orphans_.erase(lo, hi);
    }
}

BlockId BlockTree::ancestor(BlockId id, std::uint64_t height) const {
    const Block* b = &block(id);
    if (height > b->height) throw std::out_of_range("BlockTree::ancestor: above the block");
    return ancestor(b, height)->id;
}

const BlockTree::Block* BlockTree::ancestor(const Block* b, std::uint64_t height) {
    while (b->height > height) b = b->jump->height >= height ? b->jump : b->up;
    return b;
}

std::size_t BlockTree::waiting() const { return orphan_ids_.size(); }

}  // namespace ostsim::chain
