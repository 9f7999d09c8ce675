// The double-spend attack step by step on a hand-driven host: node 0 attacks, node 7 stands for
// the honest miners, the merchant ships at z = 2.
#include <gtest/gtest.h>

#include "consensus/double_spend.hpp"
#include "test_host.hpp"

using namespace ostsim;
using namespace ostsim::consensus;
using chain::BlockId;

namespace {

struct Attack {
    test::TestHost host{0};
    DoubleSpender rule;
    std::uint32_t honest_seq = 0;

    explicit Attack(DoubleSpendParams p) : rule(p) {
        host.attach(rule);
        rule.start(host);
    }
    BlockId find() {
        host.fire_next(rule);
        return host.produced.back().id;
    }
    BlockId honest(BlockId parent) {
        const BlockId id{7, ++honest_seq};
        host.deliver(rule, BlockMeta{id, parent, host.tree().block(parent).height + 1, 0, 7, 1, 0});
        return id;
    }
};

DoubleSpendParams params(bool premine, std::uint32_t behind, std::uint32_t horizon = 0) {
    return {{600 * engine::kSecond, 0.3}, 2, premine, behind, horizon};
}

}  // namespace

TEST(double_spend, premines_on_the_moving_head_then_pays) {
    Attack a(params(true, 5));
    const BlockId h = a.honest(chain::kGenesis);
    EXPECT_FALSE(a.rule.racing());
    a.find();
    EXPECT_EQ(a.host.produced.back().parent, h);
    EXPECT_TRUE(a.rule.racing()) << "the premined block sends the payment";
}

TEST(double_spend, releases_only_when_longer_after_z_confirmations) {
    Attack a(params(true, 5));
    const BlockId p0 = a.find();                   // premined
    const BlockId h1 = a.honest(chain::kGenesis);  // the payment block
    const BlockId p1 = a.find();                   // 2 against 1, not shipped yet
    EXPECT_TRUE(a.host.published.empty());
    a.honest(h1);  // shipped; 2 against 2
    EXPECT_TRUE(a.host.published.empty());
    const BlockId p2 = a.find();  // 3 against 2
    EXPECT_EQ(a.host.published, (std::vector<BlockId>{p0, p1, p2}));
    EXPECT_EQ(a.rule.counts().succeeded, 1u);
    EXPECT_EQ(a.rule.counts().attacks, 1u);
    a.find();  // the next attack premines on its own released tip
    EXPECT_EQ(a.host.produced.back().parent, p2);
}

TEST(double_spend, already_longer_when_the_merchant_ships_releases_then) {
    Attack a(params(true, 5));
    a.find();
    a.find();
    a.find();  // 3 private blocks
    const BlockId h1 = a.honest(chain::kGenesis);
    EXPECT_TRUE(a.host.published.empty());
    a.honest(h1);  // shipped at 2; 3 > 2
    EXPECT_EQ(a.host.published.size(), 3u);
}

TEST(double_spend, gives_up_when_behind_by_g) {
    Attack a(params(true, 3));
    a.find();
    BlockId h = chain::kGenesis;
    for (int i = 0; i < 3; ++i) h = a.honest(h);
    EXPECT_EQ(a.rule.counts().attacks, 0u) << "behind by 2";
    h = a.honest(h);
    EXPECT_EQ(a.rule.counts().attacks, 1u);
    EXPECT_EQ(a.rule.counts().succeeded, 0u);
    EXPECT_TRUE(a.host.published.empty());
    EXPECT_FALSE(a.rule.racing());
    a.find();
    EXPECT_EQ(a.host.produced.back().parent, h) << "a new attack from the public head";
}

TEST(double_spend, gives_up_at_the_horizon) {
    Attack a(params(true, 0, 3));
    a.find();
    const BlockId h1 = a.honest(chain::kGenesis);
    a.find();
    a.find();      // 3 against 1
    a.honest(h1);  // shipped, 3 > 2: released before the horizon
    EXPECT_EQ(a.rule.counts().succeeded, 1u);
    Attack b(params(true, 0, 3));
    b.find();
    BlockId h = chain::kGenesis;
    for (int i = 0; i < 2; ++i) h = b.honest(h);
    EXPECT_EQ(b.rule.counts().attacks, 0u);
    b.honest(h);  // three honest blocks past the fork
    EXPECT_EQ(b.rule.counts().attacks, 1u);
    EXPECT_EQ(b.rule.counts().succeeded, 0u);
}

TEST(double_spend, without_premining_the_race_starts_at_once) {
    Attack a(params(false, 5));
    EXPECT_TRUE(a.rule.racing());
    const BlockId h1 = a.honest(chain::kGenesis);
    const BlockId p0 = a.find();
    EXPECT_EQ(a.host.produced.back().parent, chain::kGenesis) << "forked before the payment";
    a.honest(h1);  // shipped: 1 against 2
    const BlockId p1 = a.find();
    EXPECT_TRUE(a.host.published.empty()) << "2 against 2 is not longer";
    const BlockId p2 = a.find();
    EXPECT_EQ(a.host.published, (std::vector<BlockId>{p0, p1, p2}));
}
