// Gas metering: storage fees by EIP-2200's cases, the refund cap, calldata, out-of-gas, and that
// a proof costs the nodes it carries.
#include "two_cores.hpp"

#include "protocol/account_rejection.hpp"

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

// Exec::settle, which both dispatchers (protocol::apply, the account calls' apply) end a call
// with, for both rejection types: the refund cap, a REVERT's gas, out of gas.
namespace {

template <typename R>
void check_settle(R reverted_reason) {
    Metered m;
    m.state.set_storage(m.c, slot(1), 7);
    m.state.set_storage(m.c, slot(2), 7);
    auto clear_two = [&](Exec& x) {  // 2 x (SSTORE reset 5,000), refund 2 x 15,000
        x.store(m.c, slot(1), 0);
        x.store(m.c, slot(2), 0);
    };
    {
        Exec x = m.exec();
        clear_two(x);
        const auto s = x.settle(R::None, 21'000, 100'000);
        EXPECT_EQ(s.rejection, R::None);
        // total 31,000; refund 30,000 capped at 31,000 / 2.
        EXPECT_EQ(s.gas_used, 31'000u - 15'500);
        EXPECT_EQ(m.state.storage(m.c, slot(1)), 0);
    }
    m.state.set_storage(m.c, slot(1), 7);
    m.state.set_storage(m.c, slot(2), 7);
    {
        Exec x = m.exec();
        clear_two(x);
        const auto s = x.settle(reverted_reason, 21'000, 100'000);
        EXPECT_EQ(s.rejection, reverted_reason);
        EXPECT_EQ(s.gas_used, 31'000u);  // spent so far, no refund
        EXPECT_EQ(m.state.storage(m.c, slot(1)), 7);
        EXPECT_TRUE(x.take_events().empty());
    }
    {
        Exec x = m.exec();
        clear_two(x);
        const auto s = x.settle(R::None, 21'000, 30'999);
        EXPECT_EQ(s.rejection, R::OutOfGas);
        EXPECT_EQ(s.gas_used, 30'999u);  // the whole limit
        EXPECT_EQ(m.state.storage(m.c, slot(2)), 7);
    }
}

}  // namespace

TEST(gas, settle_caps_refunds_and_charges_reverts_for_both_dispatchers) {
    check_settle(Rejection::InsufficientBalance);
    check_settle(AccountRejection::NoSession);
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
    Outcome invalid = t.origin.call(t.staker, Approve{t.ost, t.gateway, 5}, 0, 21'000);
    EXPECT_EQ(invalid.rejection, Rejection::IntrinsicGas);
    EXPECT_EQ(invalid.gas_used, 0u);
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

// Independent reference: the gas limits OST Platform sent with each step (OpenST/platform-api
// lib/globalConstant/contract.js @ d00a175), which the real contracts' gas had to fit, and the one
// gas use it records beside them, progressMint's 88,842.
TEST(gas, metered_steps_fit_the_limits_the_deployed_platform_used) {
    TwoCores t;
    const Hash secret = secret_of(81);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret), 0, 1, 500'000);
    ASSERT_TRUE(t.origin.call(t.staker, Approve{t.ost, t.gateway, 2'000'000}).ok());
    Outcome stake = t.origin.call(t.staker, Stake{t.gateway, p});
    ASSERT_TRUE(stake.ok());
    const Hash h = stake.events.back().key;
    const std::uint64_t H = t.origin.height;
    Outcome anchor = t.anchor_origin_on_aux();
    Outcome prove = t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H);
    Outcome confirm = t.aux.call(t.facilitator, ConfirmStakeIntent{t.co_gateway,
                                                                   t.intent(p, t.staker, H,
                                                                            t.status_proof(t.origin, t.gateway, Box::Outbox, h, H))});
    Outcome mint = t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret});
    Outcome progress = t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret});
    Outcome transfer = t.origin.call(t.staker, Transfer{t.ost, t.stranger, 5});
    for (const Outcome* o : {&anchor, &prove, &confirm, &mint, &progress, &transfer}) ASSERT_TRUE(o->ok());
    EXPECT_LE(stake.gas_used, 400'000u);       // stakeSTGas
    EXPECT_LE(anchor.gas_used, 100'000u);      // commitStateRootGas
    EXPECT_LE(prove.gas_used, 7'000'000u);     // proveGatewayOnAuxGas
    EXPECT_LE(confirm.gas_used, 7'000'000u);   // confirmStakeIntentGas
    EXPECT_LE(mint.gas_used, 200'000u);        // progressMintGas
    EXPECT_LE(progress.gas_used, 200'000u);    // progressStakeGas
    EXPECT_LE(transfer.gas_used, 60'000u);     // transferOstGas
    EXPECT_NEAR(static_cast<double>(mint.gas_used), 88'842.0, 0.15 * 88'842.0);
    // Work a metered call cannot skip: a fresh seven-word message costs 7 x 20,000 in SSTOREs.
    EXPECT_GT(stake.gas_used, 21'000u + 7 * 20'000);
    EXPECT_GT(confirm.gas_used, 21'000u + 7 * 20'000);
}
