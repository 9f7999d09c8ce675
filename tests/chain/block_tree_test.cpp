#include <gtest/gtest.h>

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
}
