// Anchor (PROTOCOL.md 2.1, 2.3): strictly increasing heights, non-zero roots, a ring that evicts
// the oldest, and who may anchor.
#include <gtest/gtest.h>

#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

namespace {

Hash root(std::uint8_t i) {
    Hash r;
    r.bytes[0] = 0xa0;
    r.bytes[31] = i;
    return r;
}

struct AnchorCore {
    Core core;
    Address anchor = addr(0x40), org = addr(0x41), consensus = addr(0x42), other = addr(0x43);
    explicit AnchorCore(AnchorRule rule, std::uint64_t ring = 3) {
        const Anchor k{anchor, {org, {}, {}}, consensus, ring, rule};
        core.contracts.add(k);
        core.genesis([&](Exec& x) { k.deploy(x, 10, root(10)); });
    }
    Rejection put(const Address& who, std::uint64_t h, const Hash& r) {
        return core.call(who, AnchorStateRoot{anchor, h, r}).rejection;
    }
    Hash at(std::uint64_t h) {
        return core.read([&](Exec& x) { return Anchor::state_root(x, anchor, h); });
    }
};

}  // namespace

TEST(anchor, heights_strictly_increase_and_roots_are_non_zero) {
    AnchorCore a(AnchorRule::Organization);
    EXPECT_EQ(a.at(10), root(10));  // the constructor's seed
    EXPECT_EQ(a.put(a.other, 11, root(11)), Rejection::NotOrganization);
    EXPECT_EQ(a.put(a.org, 11, Hash{}), Rejection::ZeroStateRoot);
    EXPECT_EQ(a.put(a.org, 10, root(1)), Rejection::HeightNotIncreasing);
    EXPECT_EQ(a.put(a.org, 9, root(1)), Rejection::HeightNotIncreasing);
    EXPECT_EQ(a.put(a.org, 15, root(15)), Rejection::None);  // heights need not be consecutive
    EXPECT_EQ(a.put(a.org, 12, root(12)), Rejection::HeightNotIncreasing);
    EXPECT_EQ(a.at(15), root(15));
    EXPECT_EQ(a.at(12), Hash{});
}

TEST(anchor, the_ring_evicts_the_oldest_root) {
    AnchorCore a(AnchorRule::Organization, 3);
    ASSERT_EQ(a.put(a.org, 20, root(20)), Rejection::None);
    ASSERT_EQ(a.put(a.org, 30, root(30)), Rejection::None);
    EXPECT_EQ(a.at(10), root(10));  // ring: 10, 20, 30
    ASSERT_EQ(a.put(a.org, 40, root(40)), Rejection::None);
    EXPECT_EQ(a.at(10), Hash{});    // 10 evicted
    EXPECT_EQ(a.at(20), root(20));
    ASSERT_EQ(a.put(a.org, 50, root(50)), Rejection::None);
    EXPECT_EQ(a.at(20), Hash{});
    EXPECT_EQ(a.at(30), root(30));
    EXPECT_EQ(a.at(50), root(50));
    const Anchor& k = *a.core.contracts.find<Anchor>(a.anchor);
    EXPECT_EQ(a.core.read([&](Exec& x) { return k.latest_height(x); }), 50u);
}

TEST(anchor, finalized_only_takes_consensus_and_final_heights) {
    AnchorCore a(AnchorRule::FinalizedOnly);
    EXPECT_EQ(a.put(a.org, 11, root(11)), Rejection::NotConsensus);
    EXPECT_EQ(a.put(a.consensus, 11, root(11)), Rejection::NotFinalized);  // nothing known final
    a.core.remote_finalized = {{1, 30}};  // another core's finality is not this anchor's
    EXPECT_EQ(a.put(a.consensus, 11, root(11)), Rejection::NotFinalized);
    a.core.remote_finalized = {{1, 30}, {0, 20}};  // its remote core is core 0
    EXPECT_EQ(a.put(a.consensus, 21, root(21)), Rejection::NotFinalized);
    EXPECT_EQ(a.put(a.consensus, 20, root(20)), Rejection::None);
}

TEST(anchor, a_rejected_anchor_changes_no_state) {
    AnchorCore a(AnchorRule::Organization);
    const Hash before = a.core.root();
    EXPECT_EQ(a.put(a.org, 5, root(5)), Rejection::HeightNotIncreasing);
    EXPECT_EQ(a.core.root(), before);
}
