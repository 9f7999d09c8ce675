#include <gtest/gtest.h>

#include <memory>

#include "consensus/checkpoint_votes.hpp"
#include "consensus/ffg.hpp"
#include "consensus/pow.hpp"
#include "test_host.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using engine::kSecond;

namespace {

// Four validators of stake 1 (more than 2/3: 3 of them), epochs of 2 blocks, over a pow rule
// that never mines and would declare every head final: ffg must keep finality its own.
struct FfgFixture {
    explicit FfgFixture(Behaviour b = {}, std::uint32_t vote_depth = 0)
        : host(0),
          rule(FfgParams{{1, 1, 1, 1}, 2, vote_depth, b},
               std::make_unique<Pow>(PowParams{600 * kSecond, 0.0, 0})) {
        host.attach(rule);
        rule.start(host);
    }
    // Extends the chain from `parent` by `n` blocks of a non-validator; returns the last.
    chain::BlockId extend(chain::BlockId parent, int n) {
        for (int i = 0; i < n; ++i) {
            const BlockMeta& p = host.meta(parent);
            const BlockMeta b{{9, ++seq}, parent, p.height + 1, 0, 9, 1, 0};
            EXPECT_TRUE(host.deliver(rule, b));
            parent = b.id;
        }
        return parent;
    }
    void votes(std::initializer_list<NodeIndex> from, std::uint32_t source_epoch,
               chain::BlockId source, std::uint64_t target_epoch, chain::BlockId target) {
        for (NodeIndex v : from) {
            rule.on_vote(host, Vote{Vote::Checkpoint, v, source_epoch, target_epoch, target, source});
        }
    }
    test::TestHost host;
    Ffg rule;
    std::uint32_t seq = 0;
};

}  // namespace

TEST(ffg_rule, a_validator_votes_from_the_highest_justified_checkpoint_at_each_new_one) {
    FfgFixture f;
    const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
    ASSERT_EQ(f.host.votes.size(), 1u);
    const Vote& v = f.host.votes[0];
    EXPECT_EQ(v.kind, Vote::Checkpoint);
    EXPECT_EQ(v.block, c1);
    EXPECT_EQ(v.height, 1u);
    EXPECT_EQ(v.source, chain::kGenesis);
    EXPECT_EQ(v.round, 0u);
    f.extend(c1, 1);
    EXPECT_EQ(f.host.votes.size(), 1u);  // once per epoch
}

TEST(ffg_rule, a_supermajority_link_justifies_and_its_direct_child_finalises) {
    FfgFixture f;
    const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
    f.votes({1}, 0, chain::kGenesis, 1, c1);
    EXPECT_FALSE(f.rule.justified(c1));  // ours and one more: half
    f.votes({2}, 0, chain::kGenesis, 1, c1);
    EXPECT_TRUE(f.rule.justified(c1));
    EXPECT_TRUE(f.host.finals.empty());  // genesis is final already; pow's finality is swallowed
    const chain::BlockId c2 = f.extend(c1, 2);
    ASSERT_EQ(f.host.votes.size(), 2u);
    EXPECT_EQ(f.host.votes[1].source, c1);
    f.votes({1, 3}, 1, c1, 2, c2);
    EXPECT_TRUE(f.rule.justified(c2));
    ASSERT_EQ(f.host.finals.size(), 1u);
    EXPECT_EQ(f.host.finals[0], c1);
    EXPECT_EQ(f.rule.finalized(), c1);
}

TEST(ffg_rule, votes_that_come_before_their_checkpoint_count_when_it_arrives) {
    FfgFixture f;
    const chain::BlockId b1 = f.extend(chain::kGenesis, 1);
    const chain::BlockId c1{9, 2};
    f.votes({1, 2, 3}, 0, chain::kGenesis, 1, c1);
    EXPECT_FALSE(f.rule.justified(c1));
    EXPECT_EQ(f.extend(b1, 1), c1);
    EXPECT_TRUE(f.rule.justified(c1));
}

TEST(ffg_rule, a_link_over_two_epochs_justifies_without_finalising) {
    FfgFixture f;
    const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
    const chain::BlockId c2 = f.extend(c1, 2);
    f.votes({1, 2, 3}, 0, chain::kGenesis, 2, c2);
    EXPECT_TRUE(f.rule.justified(c2));
    EXPECT_FALSE(f.rule.justified(c1));
    EXPECT_TRUE(f.host.finals.empty());
}

TEST(ffg_rule, blocks_off_the_finalised_checkpoint_are_rejected) {
    FfgFixture f;
    const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
    f.votes({1, 2}, 0, chain::kGenesis, 1, c1);
    const chain::BlockId c2 = f.extend(c1, 2);
    f.votes({1, 2}, 1, c1, 2, c2);
    ASSERT_EQ(f.rule.finalized(), c1);
    const chain::BlockId b1 = f.host.tree().ancestor(c1, 1);
    EXPECT_FALSE(f.rule.valid(f.host, BlockMeta{{8, 1}, b1, 2, 0, 8, 1, 0}));  // a fork below c1
    EXPECT_FALSE(f.rule.valid(f.host, BlockMeta{{8, 2}, chain::kGenesis, 1, 0, 8, 1, 0}));
    EXPECT_TRUE(f.rule.valid(f.host, BlockMeta{{8, 3}, c1, 3, 0, 8, 1, 0}));
}

TEST(ffg_rule, double_and_surround_votes_are_detected_and_duplicates_ignored) {
    CheckpointVotes history;
    const chain::BlockId a{1, 1}, b{1, 2}, c{1, 3}, d{1, 4};
    auto vote = [](std::uint32_t s, chain::BlockId src, std::uint64_t t, chain::BlockId tgt) {
        return Vote{Vote::Checkpoint, 5, s, t, tgt, src};
    };
    auto v = history.add(vote(1, a, 2, b));
    EXPECT_FALSE(v.double_vote || v.surround || v.duplicate);
    EXPECT_TRUE(history.add(vote(1, a, 2, b)).duplicate);
    v = history.add(vote(1, a, 2, c));  // same target epoch, another block
    EXPECT_TRUE(v.double_vote);
    EXPECT_FALSE(v.surround);
    v = history.add(vote(0, chain::kGenesis, 3, d));  // 0 < 1 < 2 < 3: surrounds
    EXPECT_TRUE(v.surround);
    EXPECT_FALSE(v.double_vote);
    v = history.add(vote(2, b, 4, d));  // 0 < 2 < 4 but 4 > 3: neither way
    EXPECT_FALSE(v.surround);
    v = history.add(vote(2, b, 2, d));  // degenerate, but a double vote at epoch 2
    EXPECT_TRUE(v.double_vote);
    CheckpointVotes other;
    other.add(vote(0, chain::kGenesis, 5, d));
    EXPECT_TRUE(other.add(vote(2, b, 3, c)).surround);  // surrounded by the earlier vote
}

TEST(ffg_rule, the_rule_counts_slashable_votes_it_receives) {
    FfgFixture f;
    const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
    const chain::BlockId c2 = f.extend(c1, 2);
    f.votes({1}, 0, chain::kGenesis, 1, c1);
    f.votes({1}, 0, chain::kGenesis, 1, c1);  // a duplicate message: nothing
    f.votes({1}, 0, chain::kGenesis, 2, c2);
    f.votes({1}, 0, chain::kGenesis, 2, f.host.tree().ancestor(c2, 3));  // epoch 2, other block
    EXPECT_EQ(f.rule.double_votes(), 1u);
    EXPECT_EQ(f.rule.surround_votes(), 0u);
}

TEST(ffg_rule, vote_depth_waits_for_blocks_on_top_of_the_checkpoint) {
    FfgFixture f({}, 1);
    const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
    EXPECT_TRUE(f.host.votes.empty());
    f.extend(c1, 1);
    ASSERT_EQ(f.host.votes.size(), 1u);
    EXPECT_EQ(f.host.votes[0].block, c1);
}

TEST(ffg_rule, behaviours) {
    {
        FfgFixture f({Behaviour::Offline});
        f.extend(chain::kGenesis, 4);
        EXPECT_TRUE(f.host.votes.empty());
    }
    {
        FfgFixture f({Behaviour::Slow, 2 * kSecond});
        f.extend(chain::kGenesis, 2);
        EXPECT_TRUE(f.host.votes.empty());
        ASSERT_TRUE(f.host.fire_next(f.rule));
        EXPECT_EQ(f.host.now(), 2 * kSecond);
        EXPECT_EQ(f.host.votes.size(), 1u);
    }
    {
        FfgFixture f({Behaviour::Equivocating});
        const chain::BlockId c1 = f.extend(chain::kGenesis, 2);
        EXPECT_EQ(f.host.votes.size(), 1u);  // from genesis: nothing to double
        f.votes({1, 2}, 0, chain::kGenesis, 1, c1);
        f.extend(c1, 2);
        ASSERT_EQ(f.host.votes.size(), 3u);
        EXPECT_EQ(f.host.votes[1].source, c1);
        EXPECT_EQ(f.host.votes[2].source, chain::kGenesis);
        EXPECT_EQ(f.host.votes[2].block, f.host.votes[1].block);
    }
}
