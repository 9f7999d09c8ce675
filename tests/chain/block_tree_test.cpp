#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <vector>

#include "chain/block_tree.hpp"

using namespace ostsim::chain;

namespace {
BlockId b(std::uint32_t producer, std::uint32_t seq) { return {producer, seq}; }
}  // namespace

TEST(block_tree, heaviest_chain_with_first_seen_ties) {
    BlockTree t;
    EXPECT_TRUE(t.add(b(1, 1), kGenesis, 1).new_head);
    auto tie = t.add(b(2, 1), kGenesis, 1);  // a competing block at height 1
    EXPECT_FALSE(tie.new_head) << "equal weight: the first seen stays head";
    EXPECT_EQ(t.head().id, b(1, 1));
    auto reorg = t.add(b(2, 2), b(2, 1), 1);  // the other branch grows longer
    EXPECT_TRUE(reorg.new_head);
    EXPECT_EQ(reorg.reorg_depth, 1u);
    EXPECT_EQ(t.head().height, 2u);
    EXPECT_EQ(t.size(), 3u);
    EXPECT_EQ(t.stale(), 1u);
    EXPECT_EQ(t.ancestor(b(2, 2), 1), b(2, 1));
    EXPECT_TRUE(t.add(b(2, 2), b(2, 1), 1).known);
}

TEST(block_tree, weight_not_length_decides) {
    BlockTree t;
    t.add(b(1, 1), kGenesis, 1);
    t.add(b(1, 2), b(1, 1), 1);
    t.add(b(1, 3), b(1, 2), 1);
    auto heavy = t.add(b(2, 1), kGenesis, 5);  // one heavier block outweighs three light ones
    EXPECT_TRUE(heavy.new_head);
    EXPECT_EQ(heavy.reorg_depth, 3u);
    EXPECT_EQ(t.head().id, b(2, 1));
}

TEST(block_tree, blocks_wait_for_their_parent) {
    BlockTree t;
    auto w = t.add(b(1, 3), b(1, 2), 1);
    EXPECT_TRUE(w.waiting);
    t.add(b(1, 2), b(1, 1), 1);
    EXPECT_EQ(t.waiting(), 2u);
    EXPECT_EQ(t.size(), 0u);
    auto joined = t.add(b(1, 1), kGenesis, 1);
    EXPECT_EQ(joined.joined, 3u);
    EXPECT_EQ(t.head().id, b(1, 3));
    EXPECT_EQ(t.waiting(), 0u);
    EXPECT_TRUE(t.add(b(1, 3), b(1, 2), 1).known);
    // Joining order: the parent, then the blocks that waited for it.
    EXPECT_EQ(t.joined(0).id, b(1, 1));
    EXPECT_EQ(t.joined(1).id, b(1, 2));
    EXPECT_EQ(t.joined(2).id, b(1, 3));
}

namespace {
// The definition ancestor() shortcuts: follow parents one by one.
BlockId walk_parents(const BlockTree& t, BlockId id, std::uint64_t height) {
    while (t.block(id).height > height) id = t.block(id).parent;
    return id;
}
}  // namespace

TEST(block_tree, ancestor_matches_the_parent_walk_on_random_trees) {
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        BlockTree t;
        std::vector<BlockId> ids{kGenesis};
        // Mostly extend one of the newest blocks (long chains), sometimes fork from any block;
        // trial 0 is a single chain.
        for (std::uint32_t n = 1; n <= 600; ++n) {
            const bool fork = trial > 0 && rng() % 8 == 0;
            const std::size_t back = fork ? rng() % ids.size() : rng() % std::min<std::size_t>(3, ids.size());
            const BlockId parent = trial == 0 ? ids.back() : ids[ids.size() - 1 - back];
            const BlockId id{static_cast<std::uint32_t>(rng() % 5), n};
            t.add(id, parent, 1 + rng() % 3);
            ids.push_back(id);
        }
        for (const BlockId id : ids) {
            const std::uint64_t h = t.block(id).height;
            for (std::uint64_t a = 0; a <= h; a += 1 + rng() % 4) {
                ASSERT_EQ(t.ancestor(id, a), walk_parents(t, id, a)) << "trial " << trial << " height " << a;
            }
            ASSERT_EQ(t.ancestor(id, h), id);
            ASSERT_EQ(t.ancestor(id, 0), kGenesis);
        }
        if (trial == 0) {
            EXPECT_EQ(t.head().height, 600u);
        }
    }
}

TEST(block_tree, ancestor_above_the_block_throws) {
    BlockTree t;
    t.add(b(1, 1), kGenesis, 1);
    EXPECT_THROW(static_cast<void>(t.ancestor(b(1, 1), 2)), std::out_of_range);
}

TEST(block_tree, reorg_depth_from_the_fork_point_on_random_trees) {
    // Each add's reported depth equals the old head's distance to the new head's chain, found
    // by the parent walk.
    std::mt19937_64 rng(11);
    BlockTree t;
    std::vector<BlockId> ids{kGenesis};
    for (std::uint32_t n = 1; n <= 2000; ++n) {
        const BlockId parent = ids[ids.size() - 1 - rng() % std::min<std::size_t>(6, ids.size())];
        const BlockId id{1, n};
        const BlockTree::Block old = t.head();
        const auto change = t.add(id, parent, 1 + rng() % 4);
        ids.push_back(id);
        if (!change.new_head) continue;
        BlockId x = old.id, y = id;
        const std::uint64_t low = std::min(old.height, t.block(id).height);
        x = walk_parents(t, x, low);
        y = walk_parents(t, y, low);
        while (!(x == y)) {
            x = t.block(x).parent;
            y = t.block(y).parent;
        }
        ASSERT_EQ(change.reorg_depth, old.height - t.block(x).height) << "block " << n;
    }
}
