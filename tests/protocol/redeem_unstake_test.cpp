// Redeem & unstake (PROTOCOL.md 1.6), after a stake & mint has put OST' on the auxiliary core.
#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

namespace {

// Mints OST' to the beneficiary by a completed stake & mint of `amount`.
void mint(TwoCores& t, const uint256& amount) {
    const Hash secret = secret_of(100);
    const Hash h = t.stake_and_confirm(t.stake_params(amount, hash_lock(secret), 0, 0, 0));
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret}).ok());
    ASSERT_TRUE(t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret}).ok());
}

// The redeemer wraps `amount` native OST' and approves the co-gateway; returns redeem params.
StakeParams prepare_redeem(TwoCores& t, const uint256& amount, const Hash& lock,
                           const uint256& nonce = 0) {
    EXPECT_TRUE(t.aux.call(t.beneficiary, Wrap{t.ost_prime}, amount).ok());
    EXPECT_TRUE(t.aux.call(t.beneficiary, Approve{t.ost_prime, t.co_gateway, amount}).ok());
    StakeParams p = t.stake_params(amount, lock, nonce, 1, 50'000);
    p.beneficiary = t.stranger;  // unstaked OST goes to the stranger on origin
    return p;
}

Hash redeem_and_confirm(TwoCores& t, const StakeParams& p) {
    Outcome r = t.aux.call(t.beneficiary, Redeem{t.co_gateway, p}, t.bounty);
    EXPECT_TRUE(r.ok()) << r.reason();
    const Hash h = r.events.back().key;
    const std::uint64_t A = t.aux.height;
    EXPECT_TRUE(t.anchor_aux_on_origin().ok());
    EXPECT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    Outcome c = t.origin.call(
        t.facilitator, ConfirmRedeemIntent{t.gateway, t.intent(p, t.beneficiary, A,
                                                               t.status_proof(t.aux, t.co_gateway, Box::Outbox, h, A))});
    EXPECT_TRUE(c.ok()) << c.reason();
    return h;
}

}  // namespace

TEST(redeem_unstake, completes_with_the_hash_lock_through_real_proofs) {
    TwoCores t;
    mint(t, 1'000'000);
    EXPECT_EQ(t.aux.native(t.beneficiary), 1'000'000);  // gasPrice 0: no reward
    const Hash secret = secret_of(20);
    const uint256 prime_native = t.aux.native(t.ost_prime);
    const StakeParams p = prepare_redeem(t, 400'000, hash_lock(secret));

    const Hash h = redeem_and_confirm(t, p);
    EXPECT_EQ(t.aux.native(t.co_gateway), t.bounty);  // the bounty came as msg.value
    EXPECT_EQ(t.aux.balance(t.ost_prime, t.co_gateway), 400'000);
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Inbox, h), Status::Declared);

    // D4b: the vault releases amount - reward to the beneficiary; reward = 50,000 x 1.
    Outcome unstaked = t.origin.call(t.facilitator, ProgressUnstake{t.gateway, h, secret});
    ASSERT_TRUE(unstaked.ok()) << unstaked.reason();
    EXPECT_EQ(t.origin.balance(t.ost, t.stranger), 400'000 - 50'000);
    EXPECT_EQ(t.origin.balance(t.ost, t.vault), 1'000'000 - 400'000);

    // D4a: the co-gateway burns the redeemed OST' and pays the bounty in base coin.
    const uint256 fac_native = t.aux.native(t.facilitator);
    Outcome redeemed = t.aux.call(t.facilitator, ProgressRedeem{t.co_gateway, h, secret});
    ASSERT_TRUE(redeemed.ok()) << redeemed.reason();
    EXPECT_EQ(t.aux.native(t.facilitator), fac_native + t.bounty);
    EXPECT_EQ(t.aux.balance(t.ost_prime, t.co_gateway), 0);

    // OST Prime's identities (PROTOCOL.md 4.4) and the vault backing the supply.
    const uint256 supply = t.aux.read([&](Exec& x) {
        return t.aux.contracts.erc20(t.ost_prime)->total_supply(x);
    });
    EXPECT_EQ(supply, 600'000);
    EXPECT_EQ(supply, t.origin.balance(t.ost, t.vault));
    const OstPrime& prime = *t.aux.contracts.find<OstPrime>(t.ost_prime);
    EXPECT_EQ(t.aux.native(t.ost_prime) + t.aux.balance(t.ost_prime, t.ost_prime), prime.tokens_max);
    EXPECT_EQ(t.aux.native(t.ost_prime), prime_native + 400'000);  // wrap put native in the pool
}

TEST(redeem_unstake, with_proof_paths_complete_without_the_secret) {
    TwoCores t;
    mint(t, 1'000'000);
    const StakeParams p = prepare_redeem(t, 300'000, hash_lock(secret_of(21)));
    const Hash h = redeem_and_confirm(t, p);
    const std::uint64_t A = t.aux.height;
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    ASSERT_TRUE(t.origin.call(t.facilitator,
                              ProgressUnstakeWithProof{t.gateway, h, A,
                                                       t.status_proof(t.aux, t.co_gateway, Box::Outbox, h, A),
                                                       Status::Declared})
                    .ok());
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    Outcome r = t.aux.call(t.facilitator,
                           ProgressRedeemWithProof{t.co_gateway, h, H,
                                                   t.status_proof(t.origin, t.gateway, Box::Inbox, h, H),
                                                   Status::Progressed});
    ASSERT_TRUE(r.ok()) << r.reason();
    EXPECT_EQ(t.status(t.aux, t.co_gateway, Box::Outbox, h), Status::Progressed);
}

TEST(redeem_unstake, guards) {
    TwoCores t;
    mint(t, 1'000'000);
    const StakeParams p = prepare_redeem(t, 300'000, hash_lock(secret_of(22)));
    auto redeem = [&](const StakeParams& q, const uint256& value) {
        return t.aux.call(t.beneficiary, Redeem{t.co_gateway, q}, value).rejection;
    };
    EXPECT_EQ(redeem(p, t.bounty - 1), Rejection::WrongValue);
    StakeParams cheap = p;
    cheap.gas_limit = 300'000;  // 300,000 = 1 x 300,000
    EXPECT_EQ(redeem(cheap, t.bounty), Rejection::AmountNotAboveMaxReward);
    StakeParams big = p;
    big.amount = 10'000'000;
    EXPECT_EQ(redeem(big, t.bounty), Rejection::InsufficientAllowance);
    EXPECT_EQ(t.aux.native(t.co_gateway), 0);  // the bounty came back with the revert
    EXPECT_EQ(t.aux.call(t.beneficiary, ProgressMint{t.co_gateway, Hash{}, Hash{}}, 1).rejection,
              Rejection::WrongValue);  // not payable
    EXPECT_EQ(redeem(p, t.bounty), Rejection::None);
    StakeParams second = p;
    second.nonce = 1;
    EXPECT_EQ(redeem(second, t.bounty), Rejection::PreviousProcessInFlight);
}
