#include <gtest/gtest.h>

#include "consensus/bft.hpp"
#include "test_host.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using engine::kMillisecond;
using engine::kSecond;

namespace {

// Four validators of power 1: more than 2/3 is 3 of them. Proposers: height 1 round r is
// validator r, height 2 round 0 is validator 1.
BftParams four(Behaviour b = {}) {
    BftParams p;
    p.powers = {1, 1, 1, 1};
    p.behaviour = b;
    return p;
}

Vote vote(Vote::Kind kind, NodeIndex from, std::uint32_t round, chain::BlockId block,
          std::uint64_t height = 1) {
    return {kind, from, round, height, block, {}};
}

BlockMeta proposal(NodeIndex proposer, std::uint32_t seq, std::uint32_t round,
                   chain::BlockId parent = chain::kGenesis, std::uint64_t height = 1) {
    return {{proposer, seq}, parent, height, 0, proposer, 1, round};
}

struct Fixture {
    explicit Fixture(NodeIndex self, BftParams p = four()) : host(self), rule(std::move(p)) {
        host.attach(rule);
        rule.start(host);
    }
    void votes(Vote::Kind kind, std::initializer_list<NodeIndex> from, std::uint32_t round,
               chain::BlockId block) {
        for (NodeIndex v : from) rule.on_vote(host, vote(kind, v, round, block));
    }
    const Vote& last_vote() const { return host.votes.back(); }
    test::TestHost host;
    Bft rule;
};

}  // namespace

TEST(bft_rule, proposer_proposes_and_commits_with_two_thirds_of_precommits) {
    Fixture f(0);
    ASSERT_EQ(f.host.produced.size(), 1u);
    const chain::BlockId b = f.host.produced[0].id;
    EXPECT_EQ(f.host.produced[0].seal, 0u);  // made in round 0
    ASSERT_EQ(f.host.votes.size(), 1u);
    EXPECT_EQ(f.last_vote().kind, Vote::Prevote);
    EXPECT_EQ(f.last_vote().block, b);

    f.votes(Vote::Prevote, {1}, 0, b);
    EXPECT_EQ(f.host.votes.size(), 1u);  // two of four: no polka yet
    f.votes(Vote::Prevote, {2}, 0, b);
    ASSERT_EQ(f.host.votes.size(), 2u);
    EXPECT_EQ(f.last_vote().kind, Vote::Precommit);
    EXPECT_EQ(f.last_vote().block, b);

    f.votes(Vote::Precommit, {1, 2}, 0, b);
    ASSERT_EQ(f.host.finals.size(), 1u);
    EXPECT_EQ(f.host.finals[0], b);
    EXPECT_EQ(f.rule.height(), 2u);
    EXPECT_TRUE(f.host.stalls.empty());
}

TEST(bft_rule, next_height_starts_after_the_commit_timeout_on_the_committed_block) {
    Fixture f(1);  // proposer of height 2, round 0
    const BlockMeta b = proposal(0, 1, 0);
    f.host.deliver(f.rule, b);
    f.votes(Vote::Prevote, {0, 2}, 0, b.id);
    f.votes(Vote::Precommit, {0, 2}, 0, b.id);
    ASSERT_EQ(f.host.finals.size(), 1u);
    while (f.host.produced.empty()) ASSERT_TRUE(f.host.fire_next(f.rule));
    EXPECT_EQ(f.host.now(), 1 * kSecond);  // the commit timeout after the commit at 0
    ASSERT_EQ(f.host.produced.size(), 1u);
    EXPECT_EQ(f.host.produced[0].parent, b.id);
    EXPECT_EQ(f.host.produced[0].height, 2u);
}

TEST(bft_rule, missing_proposal_times_out_to_nil_and_the_next_round) {
    Fixture f(1);
    ASSERT_TRUE(f.host.fire_next(f.rule));  // propose timeout, 3 s
    EXPECT_EQ(f.host.now(), 3 * kSecond);
    ASSERT_EQ(f.host.votes.size(), 1u);
    EXPECT_EQ(f.last_vote().block, kNil);
    f.votes(Vote::Prevote, {2, 3}, 0, kNil);
    ASSERT_EQ(f.host.votes.size(), 2u);
    EXPECT_EQ(f.last_vote().kind, Vote::Precommit);
    EXPECT_EQ(f.last_vote().block, kNil);
    f.votes(Vote::Precommit, {2, 3}, 0, kNil);
    // The precommit timeout (1 s) starts with 2/3 of precommits: round 1 at 4 s, ours to propose.
    while (f.rule.round() == 0) ASSERT_TRUE(f.host.fire_next(f.rule));
    EXPECT_EQ(f.host.now(), 4 * kSecond);
    ASSERT_EQ(f.host.stalls.size(), 1u);
    EXPECT_EQ(f.host.stalls[0], (std::pair<std::uint64_t, std::uint32_t>{1, 0}));
    ASSERT_EQ(f.host.produced.size(), 1u);
    EXPECT_EQ(f.host.produced[0].seal, 1u);
}

TEST(bft_rule, timeouts_grow_by_their_delta_per_round) {
    Fixture f(2);
    // Round 0 ends by the nil path; round 1's propose timeout is 3.5 s after it starts.
    ASSERT_TRUE(f.host.fire_next(f.rule));
    f.votes(Vote::Prevote, {0, 3}, 0, kNil);
    f.votes(Vote::Precommit, {0, 3}, 0, kNil);
    while (f.rule.round() == 0) ASSERT_TRUE(f.host.fire_next(f.rule));  // precommit timeout
    const engine::Time start = f.host.now();
    while (f.last_vote().round == 0) ASSERT_TRUE(f.host.fire_next(f.rule));  // stale ones first
    EXPECT_EQ(f.host.now() - start, 3500 * kMillisecond);
    EXPECT_EQ(f.last_vote().round, 1u);
}

TEST(bft_rule, a_locked_validator_prevotes_nil_on_a_new_block_and_its_lock_on_a_reproposal) {
    Fixture f(2);
    const BlockMeta a = proposal(0, 1, 0);
    f.host.deliver(f.rule, a);
    f.votes(Vote::Prevote, {0, 1}, 0, a.id);  // a polka: locked on a
    ASSERT_EQ(f.last_vote().kind, Vote::Precommit);
    ASSERT_EQ(f.last_vote().block, a.id);
    f.votes(Vote::Precommit, {0, 1}, 0, kNil);  // no decision; the timeout starts
    while (f.rule.round() == 0) ASSERT_TRUE(f.host.fire_next(f.rule));  // precommit timeout
    f.host.deliver(f.rule, proposal(1, 1, 1));  // a new block: locked, so nil
    EXPECT_EQ(f.last_vote().kind, Vote::Prevote);
    EXPECT_EQ(f.last_vote().block, kNil);
    f.votes(Vote::Prevote, {0, 1}, 1, kNil);
    f.votes(Vote::Precommit, {0, 1}, 1, kNil);
    while (f.rule.round() == 1) ASSERT_TRUE(f.host.fire_next(f.rule));
    // Round 2 is ours: we propose the valid value again, by prevoting it.
    ASSERT_EQ(f.rule.round(), 2u);
    EXPECT_EQ(f.host.produced.size(), 0u);
    EXPECT_EQ(f.last_vote().kind, Vote::Prevote);
    EXPECT_EQ(f.last_vote().round, 2u);
    EXPECT_EQ(f.last_vote().block, a.id);
}

TEST(bft_rule, a_reproposal_is_prevoted_only_with_a_polka_seen_for_it) {
    Fixture f(3);
    const BlockMeta a = proposal(0, 1, 0);
    f.host.deliver(f.rule, a);
    ASSERT_EQ(f.last_vote().block, a.id);
    f.votes(Vote::Prevote, {1}, 0, a.id);  // 2 of 4: no polka here
    f.votes(Vote::Prevote, {2}, 0, kNil);  // 3 voted: the prevote timeout runs
    ASSERT_TRUE(f.host.fire_next(f.rule));  // prevote timeout: precommit nil
    EXPECT_EQ(f.last_vote().block, kNil);
    f.votes(Vote::Precommit, {0, 1}, 0, kNil);
    while (f.rule.round() == 0) ASSERT_TRUE(f.host.fire_next(f.rule));
    // Round 1's proposer (1) prevotes a again: without a polka for a we wait.
    const std::size_t cast = f.host.votes.size();
    f.votes(Vote::Prevote, {1}, 1, a.id);
    EXPECT_EQ(f.host.votes.size(), cast);
    f.votes(Vote::Prevote, {2}, 0, a.id);  // 2 voted nil: evidence, and not counted
    EXPECT_EQ(f.rule.evidence(), 1u);
    EXPECT_EQ(f.host.votes.size(), cast);
    f.votes(Vote::Prevote, {0}, 0, a.id);  // a late round-0 prevote completes a's polka
    ASSERT_EQ(f.host.votes.size(), cast + 1);
    EXPECT_EQ(f.last_vote().round, 1u);
    EXPECT_EQ(f.last_vote().block, a.id);
}

TEST(bft_rule, f_plus_one_votes_of_a_later_round_move_a_node_there) {
    Fixture f(3);
    f.votes(Vote::Prevote, {1}, 2, kNil);
    EXPECT_EQ(f.rule.round(), 0u);  // a quarter: not more than a third
    f.votes(Vote::Precommit, {2}, 2, kNil);
    EXPECT_EQ(f.rule.round(), 2u);
    ASSERT_EQ(f.host.stalls.size(), 1u);  // round 0 ended undecided
}

TEST(bft_rule, with_half_offline_the_round_waits_for_good_and_reports_stalls) {
    Fixture f(1);
    ASSERT_TRUE(f.host.fire_next(f.rule));  // propose timeout: nil
    f.votes(Vote::Prevote, {2}, 0, kNil);   // 2 of 4 vote: no prevote timeout can start
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(f.host.fire_next(f.rule));
    EXPECT_EQ(f.rule.round(), 0u);
    // One stall per nominal round length, 3 s + 1 s + 1 s.
    ASSERT_EQ(f.host.stalls.size(), 4u);
    EXPECT_EQ(f.host.now(), 4 * 5 * kSecond);
    EXPECT_TRUE(f.host.finals.empty());
}

TEST(bft_rule, commit_waits_for_the_block_its_precommits_name) {
    Fixture f(3);
    const BlockMeta a = proposal(0, 1, 0);
    f.votes(Vote::Precommit, {0, 1, 2}, 0, a.id);
    EXPECT_TRUE(f.host.finals.empty());
    f.host.deliver(f.rule, a);
    ASSERT_EQ(f.host.finals.size(), 1u);
    EXPECT_EQ(f.host.finals[0], a.id);
}

TEST(bft_rule, votes_for_the_next_height_wait_for_it) {
    Fixture f(3);
    const BlockMeta a = proposal(0, 1, 0);
    f.host.deliver(f.rule, a);
    const BlockMeta b = proposal(1, 1, 0, a.id, 2);  // height 2's proposal, early
    f.host.deliver(f.rule, b);
    for (NodeIndex v : {0u, 1u, 2u}) f.rule.on_vote(f.host, vote(Vote::Precommit, v, 0, b.id, 2));
    EXPECT_TRUE(f.host.finals.empty());
    f.votes(Vote::Precommit, {0, 1, 2}, 0, a.id);
    ASSERT_EQ(f.host.finals.size(), 2u);  // a, then b at once with its stored precommits
    EXPECT_EQ(f.host.finals[1], b.id);
}

TEST(bft_rule, valid_rejects_outsiders_and_blocks_off_the_committed_chain) {
    Fixture f(3);
    EXPECT_FALSE(f.rule.valid(f.host, proposal(4, 1, 0)));
    const BlockMeta a = proposal(0, 1, 0), other = proposal(1, 1, 0);
    f.host.deliver(f.rule, a);
    f.host.deliver(f.rule, other);
    f.votes(Vote::Precommit, {0, 1, 2}, 0, a.id);
    ASSERT_EQ(f.host.finals.size(), 1u);
    EXPECT_TRUE(f.rule.valid(f.host, proposal(1, 2, 0, a.id, 2)));
    EXPECT_FALSE(f.rule.valid(f.host, proposal(1, 2, 0, other.id, 2)));
}

TEST(bft_rule, behaviours) {
    {  // offline: nothing at all
        Fixture f(0, four({Behaviour::Offline}));
        EXPECT_TRUE(f.host.timers.empty());
        EXPECT_TRUE(f.host.produced.empty());
    }
    {  // slow: the proposal and the votes come late
        Fixture f(0, four({Behaviour::Slow, 1 * kSecond}));
        EXPECT_TRUE(f.host.produced.empty());
        ASSERT_TRUE(f.host.fire_next(f.rule));
        ASSERT_EQ(f.host.produced.size(), 1u);
        EXPECT_EQ(f.host.produced[0].timestamp, 1 * kSecond);
        EXPECT_TRUE(f.host.votes.empty());
        ASSERT_TRUE(f.host.fire_next(f.rule));
        ASSERT_EQ(f.host.votes.size(), 1u);
        EXPECT_EQ(f.host.now(), 2 * kSecond);
    }
    {  // equivocating proposer: two blocks, a vote for each
        Fixture f(0, four({Behaviour::Equivocating}));
        ASSERT_EQ(f.host.produced.size(), 2u);
        ASSERT_EQ(f.host.votes.size(), 2u);
        EXPECT_EQ(f.host.votes[0].block, f.host.produced[0].id);
        EXPECT_EQ(f.host.votes[1].block, f.host.produced[1].id);
    }
    {  // equivocating voter: nil beside each block vote
        Fixture f(1, four({Behaviour::Equivocating}));
        f.host.deliver(f.rule, proposal(0, 1, 0));
        ASSERT_EQ(f.host.votes.size(), 2u);
        EXPECT_EQ(f.host.votes[1].block, kNil);
        EXPECT_EQ(f.host.votes[1].kind, Vote::Prevote);
    }
}
