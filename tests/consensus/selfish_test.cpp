// Eyal and Sirer's Algorithm 1, state by state, on a hand-driven host: node 0 is the selfish
// miner, node 7 stands for the honest miners.
#include <gtest/gtest.h>

#include "consensus/selfish.hpp"
#include "test_host.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using chain::BlockId;

namespace {

struct Selfish : ::testing::Test {
    test::TestHost host{0};
    SelfishMiner rule{{600 * engine::kSecond, 0.3}};
    std::uint32_t honest_seq = 0;

    void SetUp() override {
        host.attach(rule);
        rule.start(host);
    }
    BlockId find() {  // the pool finds a block
        host.fire_next(rule);
        return host.produced.back().id;
    }
    BlockId honest(BlockId parent) {  // an honest block arrives
        const std::uint64_t height = host.tree().block(parent).height + 1;
        const BlockId id{7, ++honest_seq};
        host.deliver(rule, BlockMeta{id, parent, height, 0, 7, 1, 0});
        return id;
    }
    std::vector<BlockId> published() const { return host.published; }
};

}  // namespace

TEST_F(Selfish, keeps_its_block_private_and_races_when_matched) {
    const BlockId a = find();
    EXPECT_EQ(rule.lead(), 1);
    EXPECT_TRUE(published().empty());
    honest(chain::kGenesis);  // lead 1 and an honest block: publish, race
    EXPECT_EQ(published(), std::vector<BlockId>{a});
    EXPECT_EQ(rule.lead(), 0);
    const BlockId b = find();  // a block of its own in the race: publish, win
    EXPECT_EQ(host.produced.back().parent, a);
    EXPECT_EQ(published(), (std::vector<BlockId>{a, b}));
}

TEST_F(Selfish, a_race_ends_when_an_honest_block_extends_either_branch) {
    const BlockId a = find();
    honest(chain::kGenesis);
    const BlockId h = honest(a);  // honest power on the pool's branch (gamma)
    EXPECT_EQ(rule.lead(), 0);
    find();
    EXPECT_EQ(host.produced.back().parent, h) << "the pool adopts the longer public chain";
    EXPECT_EQ(published().size(), 1u);
}

TEST_F(Selfish, with_a_lead_of_two_an_honest_block_makes_it_publish_everything) {
    const BlockId a = find();
    const BlockId b = find();
    honest(chain::kGenesis);
    EXPECT_EQ(published(), (std::vector<BlockId>{a, b}));
    EXPECT_EQ(rule.lead(), 0);
}

TEST_F(Selfish, ahead_by_more_it_matches_each_honest_block_until_the_lead_is_two) {
    std::vector<BlockId> mine;
    for (int i = 0; i < 4; ++i) mine.push_back(find());
    const BlockId h1 = honest(chain::kGenesis);
    EXPECT_EQ(published(), std::vector<BlockId>(mine.begin(), mine.begin() + 1));
    const BlockId h2 = honest(h1);
    EXPECT_EQ(published(), std::vector<BlockId>(mine.begin(), mine.begin() + 2));
    EXPECT_EQ(rule.lead(), 2);
    honest(h2);  // lead 2 again: all out
    EXPECT_EQ(published(), mine);
    EXPECT_EQ(rule.lead(), 0) << "its four blocks are the public chain";
}

TEST_F(Selfish, with_no_lead_it_adopts_honest_blocks_and_mines_on_them) {
    const BlockId h = honest(chain::kGenesis);
    find();
    EXPECT_EQ(host.produced.back().parent, h);
    EXPECT_TRUE(published().empty());
    EXPECT_EQ(host.timers.size(), 1u) << "one clock, always running";
}
