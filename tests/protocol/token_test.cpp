// Tokens (PROTOCOL.md 4): BrandedToken's conversion and restrictions, UtilityBrandedToken's
// internal actors, OST Prime's wrap, unwrap and supply identities; and a branded stake & mint.
#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

TEST(branded_token, conversion_rate_with_decimals) {
    TwoCores t(Economy::Branded);
    const BrandedToken& bt = *t.origin.contracts.find<BrandedToken>(t.branded);
    // 1 OST = 3.5 BT: rate 35, decimals 1 (BT's own example).
    EXPECT_EQ(bt.convert_to_branded(2), 7);
    EXPECT_EQ(bt.convert_to_branded(3), 10);   // 10.5, floored
    EXPECT_EQ(bt.convert_to_value(7), 2);
    EXPECT_EQ(bt.convert_to_value(10), 2);     // 2.857..., floored
    // The fixture's request of 2,000,000 OST minted 7,000,000 BT.
    EXPECT_EQ(t.origin.balance(t.branded, t.staker), 7'000'000);
    EXPECT_EQ(t.origin.balance(t.ost, t.branded), 2'000'000);
}

TEST(branded_token, request_accept_revoke_reject_and_redeem) {
    TwoCores t(Economy::Branded);
    ASSERT_TRUE(t.origin.call(t.staker, Approve{t.ost, t.branded, 1'000}).ok());
    EXPECT_EQ(t.origin.call(t.staker, RequestStake{t.branded, 100, 349}).rejection,
              Rejection::ConversionMismatch);
    ASSERT_TRUE(t.origin.call(t.staker, RequestStake{t.branded, 100, 350}).ok());
    EXPECT_EQ(t.origin.call(t.staker, RequestStake{t.branded, 100, 350}).rejection,
              Rejection::RequestPending);
    const Hash r1 = BrandedToken::stake_request_hash(t.staker, 100, 1);  // global nonce 1
    EXPECT_EQ(t.origin.call(t.stranger, AcceptStakeRequest{t.branded, r1}).rejection, Rejection::NotWorker);
    EXPECT_EQ(t.origin.call(t.stranger, RevokeStakeRequest{t.branded, r1}).rejection,
              Rejection::NotMessageSender);
    const uint256 ost_before = t.origin.balance(t.ost, t.staker);
    ASSERT_TRUE(t.origin.call(t.staker, RevokeStakeRequest{t.branded, r1}).ok());
    EXPECT_EQ(t.origin.balance(t.ost, t.staker), ost_before + 100);
    EXPECT_EQ(t.origin.call(t.worker, AcceptStakeRequest{t.branded, r1}).rejection, Rejection::NoSuchRequest);
    ASSERT_TRUE(t.origin.call(t.staker, RequestStake{t.branded, 200, 700}).ok());
    const Hash r2 = BrandedToken::stake_request_hash(t.staker, 200, 2);
    ASSERT_TRUE(t.origin.call(t.worker, RejectStakeRequest{t.branded, r2}).ok());
    EXPECT_EQ(t.origin.balance(t.ost, t.staker), ost_before + 100);
    // Redeem 10 BT: floor(10 / 3.5) = 2 OST back.
    const uint256 bt_before = t.origin.balance(t.branded, t.staker);
    ASSERT_TRUE(t.origin.call(t.staker, RedeemBranded{t.branded, 10}).ok());
    EXPECT_EQ(t.origin.balance(t.branded, t.staker), bt_before - 10);
    EXPECT_EQ(t.origin.balance(t.ost, t.staker), ost_before + 100 + 2);
}

TEST(branded_token, transfers_need_the_callers_restriction_lifted) {
    TwoCores t(Economy::Branded);
    EXPECT_EQ(t.origin.call(t.staker, Transfer{t.branded, t.stranger, 5}).rejection,
              Rejection::TransferRestricted);
    EXPECT_EQ(t.origin.call(t.staker, LiftRestriction{t.branded, {t.staker}}).rejection,
              Rejection::NotWorker);
    ASSERT_TRUE(t.origin.call(t.worker, LiftRestriction{t.branded, {t.staker}}).ok());
    ASSERT_TRUE(t.origin.call(t.staker, Transfer{t.branded, t.stranger, 5}).ok());
    EXPECT_EQ(t.origin.balance(t.branded, t.stranger), 5);
}

TEST(utility_branded_token, transfers_only_to_internal_actors) {
    TwoCores t(Economy::Branded);
    const Hash secret = secret_of(50);
    const Hash h = t.stake_and_confirm(t.stake_params(1'000'000, hash_lock(secret), 0, 0, 0));
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret}).ok());
    EXPECT_EQ(t.aux.balance(t.ubt, t.beneficiary), 1'000'000);  // minted 1:1 in UBT
    EXPECT_EQ(t.aux.call(t.beneficiary, Transfer{t.ubt, t.stranger, 10}).rejection,
              Rejection::RecipientNotInternal);
    EXPECT_EQ(t.aux.call(t.stranger, RegisterInternalActors{t.ubt, {t.stranger}}).rejection,
              Rejection::NotWorker);
    ASSERT_TRUE(t.aux.call(t.worker, RegisterInternalActors{t.ubt, {t.stranger}}).ok());
    ASSERT_TRUE(t.aux.call(t.beneficiary, Transfer{t.ubt, t.stranger, 10}).ok());
    // The vault on origin holds the staked BT.
    EXPECT_TRUE(t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret}).ok());
    EXPECT_EQ(t.origin.balance(t.branded, t.vault), 1'000'000);
}

TEST(utility_branded_token, confirm_rejects_a_beneficiary_that_is_not_internal) {
    TwoCores t(Economy::Branded);
    StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(51)));
    p.beneficiary = t.stranger;
    const Hash h = t.stake(p);
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    EXPECT_EQ(t.aux.call(t.facilitator,
                         ConfirmStakeIntent{t.co_gateway,
                                            t.intent(p, t.staker, H,
                                                     t.status_proof(t.origin, t.gateway, Box::Outbox, h, H))})
                  .rejection,
              Rejection::BeneficiaryNotInternal);
}

TEST(ost_prime, initialize_wrap_unwrap_and_supply_identities) {
    TwoCores t;
    const OstPrime& prime = *t.aux.contracts.find<OstPrime>(t.ost_prime);
    EXPECT_EQ(t.aux.call(t.org, InitializeOstPrime{t.ost_prime}).rejection,
              Rejection::AlreadyInitialized);
    EXPECT_EQ(t.aux.native(t.ost_prime), prime.tokens_max);
    // Only the co-gateway mints.
    EXPECT_EQ(t.aux.read([&](Exec& x) { return prime.increase_supply(x, t.stranger, t.stranger, 1); }),
              Rejection::NotCoGateway);
    const Hash s = secret_of(60);
    const Hash h = t.stake_and_confirm(t.stake_params(5'000, hash_lock(s), 0, 0, 0));
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, s}).ok());
    EXPECT_EQ(t.aux.native(t.beneficiary), 5'000);
    EXPECT_EQ(t.aux.call(t.beneficiary, Wrap{t.ost_prime}, 0).rejection, Rejection::ZeroAmount);
    EXPECT_EQ(t.aux.call(t.beneficiary, Wrap{t.ost_prime}, 6'000).rejection, Rejection::InsufficientFunds);
    ASSERT_TRUE(t.aux.call(t.beneficiary, Wrap{t.ost_prime}, 3'000).ok());
    EXPECT_EQ(t.aux.native(t.beneficiary), 2'000);
    EXPECT_EQ(t.aux.balance(t.ost_prime, t.beneficiary), 3'000);
    EXPECT_EQ(t.aux.call(t.beneficiary, Unwrap{t.ost_prime, 4'000}).rejection, Rejection::InsufficientBalance);
    ASSERT_TRUE(t.aux.call(t.beneficiary, Unwrap{t.ost_prime, 1'000}).ok());
    EXPECT_EQ(t.aux.native(t.beneficiary), 3'000);
    EXPECT_EQ(t.aux.balance(t.ost_prime, t.beneficiary), 2'000);
    const uint256 supply = t.aux.read([&](Exec& x) { return prime.token.total_supply(x); });
    const uint256 own = t.aux.balance(t.ost_prime, t.ost_prime);
    EXPECT_EQ(t.aux.native(t.ost_prime) + own, prime.tokens_max);
    // totalSupply == ERC20 held by the contract + ERC20 outside == native outside + ERC20 outside.
    EXPECT_EQ(supply, own + 2'000);
    EXPECT_EQ(supply, t.aux.native(t.beneficiary) + 2'000);
}

TEST(utility_branded_token, redeem_and_unstake_returns_branded_tokens) {
    TwoCores t(Economy::Branded);
    const Hash s = secret_of(52);
    const Hash h0 = t.stake_and_confirm(t.stake_params(1'000'000, hash_lock(s), 0, 0, 0));
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h0, s}).ok());
    ASSERT_TRUE(t.origin.call(t.facilitator, ProgressStake{t.gateway, h0, s}).ok());
    // The redeemer needs base coin for the bounty: a genesis-style grant.
    chain::Account funds = t.aux.state.account(t.beneficiary);
    funds.balance += 1'000;
    t.aux.state.put_account(t.beneficiary, funds);
    ASSERT_TRUE(t.aux.call(t.beneficiary, Approve{t.ubt, t.co_gateway, 400'000}).ok());
    const Hash secret = secret_of(53);
    StakeParams p = t.stake_params(400'000, hash_lock(secret), 0, 0, 0);
    p.beneficiary = t.stranger;
    Outcome r = t.aux.call(t.beneficiary, Redeem{t.co_gateway, p}, t.bounty);
    ASSERT_TRUE(r.ok()) << r.reason();
    const Hash h = r.events.back().key;
    const std::uint64_t A = t.aux.height;
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    ASSERT_TRUE(t.origin.call(t.facilitator,
                              ConfirmRedeemIntent{t.gateway, t.intent(p, t.beneficiary, A,
                                                                      t.status_proof(t.aux, t.co_gateway, Box::Outbox, h, A))})
                    .ok());
    ASSERT_TRUE(t.origin.call(t.facilitator, ProgressUnstake{t.gateway, h, secret}).ok());
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressRedeem{t.co_gateway, h, secret}).ok());
    EXPECT_EQ(t.origin.balance(t.branded, t.stranger), 400'000);  // BT out of the vault
    EXPECT_EQ(t.origin.balance(t.branded, t.vault), 600'000);
    const uint256 supply = t.aux.read([&](Exec& x) { return t.aux.contracts.erc20(t.ubt)->total_supply(x); });
    EXPECT_EQ(supply, 600'000);  // UBT burnt by the co-gateway
    EXPECT_EQ(t.aux.native(t.facilitator), t.bounty);
}
