// Gas metering: storage fees by EIP-2200's cases, the refund cap, calldata, out-of-gas, and that
// a proof costs the nodes it carries.
#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

namespace {

struct Metered {
    chain::WorldState state;
    Contracts contracts;
    GasSchedule gas;
    Address c = addr(0x70);
    Exec exec() { return Exec(state, contracts, gas, {1, {}}); }
};

}  // namespace

TEST(gas, sstore_follows_eip_2200) {
    Metered m;
    {
        Exec x = m.exec();
        x.store(m.c, slot(1), 5);      // 0 -> 5, clean: 20,000
        EXPECT_EQ(x.used(), 20'000u);
        x.store(m.c, slot(1), 6);      // dirty: 800
        EXPECT_EQ(x.used(), 20'800u);
        x.store(m.c, slot(1), 0);      // dirty back to the original zero: refund 19,200
        EXPECT_EQ(x.used(), 21'600u);
        EXPECT_EQ(x.refund(), 19'200u);
    }
    m.state.set_storage(m.c, slot(2), 7);
    {
        Exec x = m.exec();
        x.store(m.c, slot(2), 0);      // clean non-zero -> 0: 5,000 and refund 15,000
        EXPECT_EQ(x.used(), 5'000u);
        EXPECT_EQ(x.refund(), 15'000u);
        x.store(m.c, slot(2), 3);      // dirty, un-clearing: refund taken back
        EXPECT_EQ(x.refund(), 0u);
        x.store(m.c, slot(2), 3);      // no change: 800
        EXPECT_EQ(x.used(), 6'600u);
        EXPECT_EQ(x.load(m.c, slot(2)), 3);
        EXPECT_EQ(x.used(), 7'400u);   // SLOAD 800
        x.revert();
        EXPECT_EQ(m.state.storage(m.c, slot(2)), 7);
    }
}

TEST(gas, calldata_counts_zero_and_non_zero_bytes) {
    GasSchedule g;
    const Bytes b{0, 0, 1, 0xff};
    EXPECT_EQ(g.calldata_gas(b), 2 * 4 + 2 * 16u);
    EXPECT_EQ(g.keccak_gas(32), 36u);
    EXPECT_EQ(g.keccak_gas(33), 42u);
}

TEST(gas, out_of_gas_uses_the_limit_and_changes_nothing) {
    TwoCores t;
    const Hash before = t.origin.root();
    Outcome out = t.origin.call(t.staker, Approve{t.ost, t.gateway, 5}, 0, 30'000);
    EXPECT_EQ(out.rejection, Rejection::OutOfGas);
    EXPECT_EQ(out.gas_used, 30'000u);
    EXPECT_EQ(t.origin.root(), before);
    Outcome fits = t.origin.call(t.staker, Approve{t.ost, t.gateway, 5}, 0, 60'000);
    EXPECT_TRUE(fits.ok());
    // 21,000 + selector 64 + 2 words x 350 + overhead 3,000 + SSTORE 20,000 + log 375 + 3 x 375 + 8 x 32.
    EXPECT_EQ(fits.gas_used, 21'000u + 64 + 700 + 3'000 + 20'000 + 375 + 1'125 + 256);
}

TEST(gas, a_longer_proof_costs_more) {
    TwoCores t;
    const Hash secret = secret_of(80);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret));
    const Hash h = t.stake(p);
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    Outcome proven = t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H);
    ASSERT_TRUE(proven.ok());
    auto acc = t.origin.state.prove(H, t.gateway, {});
    std::uint64_t proof_bytes = 0;
    for (const Bytes& n : acc->account_proof) proof_bytes += n.size();
    // At least the calldata of every proof byte (4 gas) and a keccak per node.
    EXPECT_GT(proven.gas_used, 21'000 + 4 * proof_bytes + 30 * acc->account_proof.size());
    eth::Proof proof = t.status_proof(t.origin, t.gateway, Box::Outbox, h, H);
    Outcome short_proof = t.aux.call(t.facilitator, ConfirmStakeIntent{t.co_gateway, t.intent(p, t.staker, H, proof)});
    ASSERT_TRUE(short_proof.ok());
    // The same call with a redundant extra node (verification ignores it) costs more.
    TwoCores u;
    const Hash h2 = u.stake(p);
    ASSERT_EQ(h2, h);
    ASSERT_TRUE(u.anchor_origin_on_aux().ok());
    ASSERT_TRUE(u.prove(u.origin, u.gateway, u.aux, u.co_gateway, H).ok());
    eth::Proof longer = proof;
    longer.push_back(acc->account_proof.front());
    Outcome long_proof = u.aux.call(u.facilitator, ConfirmStakeIntent{u.co_gateway, u.intent(p, u.staker, H, longer)});
    ASSERT_TRUE(long_proof.ok()) << long_proof.reason();
    EXPECT_GT(long_proof.gas_used, short_proof.gas_used);
}
