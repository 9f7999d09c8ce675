// Revocation (PROTOCOL.md 1.4-1.6): the sender declares it, paying 1.5 x bounty to the burner;
// the target confirms it by proof; the source closes it by proof, returning the amount and
// burning the bounty. And the race of 1.1: revocation declared after the target progressed.
#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

TEST(revocation, penalty_is_one_and_a_half_bounties_floor) {
    EXPECT_EQ(GatewayBase::penalty(100), 150);
    EXPECT_EQ(GatewayBase::penalty(10), 15);   // mosaic-chains' bounty "10"
    EXPECT_EQ(GatewayBase::penalty(1), 1);     // bounty * 150 / 100 in integers
    EXPECT_EQ(GatewayBase::penalty(3), 4);
}

TEST(revocation, revert_stake_returns_the_stake_and_burns_penalty_and_bounty) {
    TwoCores t;
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(30)));
    const uint256 start = t.origin.balance(t.ost, t.staker);
    const Hash h = t.stake_and_confirm(p);

    EXPECT_EQ(t.origin.call(t.stranger, RevertStake{t.gateway, h}).rejection,
              Rejection::NotMessageSender);
    // R1: penalty 150 to the burner.
    ASSERT_TRUE(t.origin.call(t.staker, RevertStake{t.gateway, h}).ok());
    EXPECT_EQ(t.origin.balance(t.ost, t.origin_burner), 150);
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Outbox, h), Status::DeclaredRevocation);
    EXPECT_EQ(t.origin.call(t.staker, RevertStake{t.gateway, h}).rejection, Rejection::WrongStatus);
    // The hash lock no longer works on the source side.
    EXPECT_EQ(t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret_of(30)}).rejection,
              Rejection::WrongStatus);

    // R2 on aux: prove outbox == DeclaredRevocation.
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    const eth::Proof revocation = t.status_proof(t.origin, t.gateway, Box::Outbox, h, H);
    const std::uint64_t before = t.aux.height;  // inbox still Declared there
    ASSERT_TRUE(t.aux.call(t.stranger, ConfirmRevertStakeIntent{t.co_gateway, h, H, revocation}).ok());
    EXPECT_EQ(t.status(t.aux, t.co_gateway, Box::Inbox, h), Status::Revoked);
    EXPECT_EQ(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret_of(30)}).rejection,
              Rejection::WrongStatus);

    // R3 on origin: prove inbox == Revoked; a proof of the earlier Declared inbox is refused.
    const std::uint64_t A = t.aux.height;
    ASSERT_TRUE(t.origin.call(t.org, AnchorStateRoot{t.origin_anchor, before, *t.aux.state.root_at(before)}).ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, before).ok());
    EXPECT_EQ(t.origin.call(t.stranger,
                            ProgressRevertStake{t.gateway, h, before,
                                                t.status_proof(t.aux, t.co_gateway, Box::Inbox, h, before)})
                  .rejection,
              Rejection::StorageProofInvalid);
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    ASSERT_TRUE(t.origin.call(t.stranger,
                              ProgressRevertStake{t.gateway, h, A,
                                                  t.status_proof(t.aux, t.co_gateway, Box::Inbox, h, A)})
                    .ok());
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Outbox, h), Status::Revoked);
    // Hand count: the staker is out bounty + penalty = 100 + 150; the burner holds both.
    EXPECT_EQ(t.origin.balance(t.ost, t.staker), start - 250);
    EXPECT_EQ(t.origin.balance(t.ost, t.origin_burner), 250);
    EXPECT_EQ(t.origin.balance(t.ost, t.gateway), 0);
    EXPECT_EQ(t.origin.balance(t.ost, t.vault), 0);
    // The staker may stake again, with nonce 1.
    Outcome again = t.origin.call(t.staker, Stake{t.gateway, t.stake_params(500'000, hash_lock(secret_of(31)), 1)});
    EXPECT_EQ(again.rejection, Rejection::InsufficientAllowance);  // past the nonce rule
}

TEST(revocation, race_after_the_target_progressed_ends_in_progress) {
    TwoCores t;
    const Hash secret = secret_of(32);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret));
    const uint256 start = t.origin.balance(t.ost, t.staker);
    const Hash h = t.stake_and_confirm(p);
    // The facilitator mints on aux; the staker then declares revocation on origin.
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret}).ok());
    ASSERT_TRUE(t.origin.call(t.staker, RevertStake{t.gateway, h}).ok());
    // R2 is impossible: the inbox is Progressed.
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    EXPECT_EQ(t.aux.call(t.stranger, ConfirmRevertStakeIntent{
                                          t.co_gateway, h, H,
                                          t.status_proof(t.origin, t.gateway, Box::Outbox, h, H)})
                  .rejection,
              Rejection::UnknownMessage);  // the mint record is gone
    // The source is closed by proof of the Progressed inbox; Declared would not do any more.
    const std::uint64_t A = t.aux.height;
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    const eth::Proof progressed = t.status_proof(t.aux, t.co_gateway, Box::Inbox, h, A);
    EXPECT_EQ(t.origin.call(t.stranger, ProgressStakeWithProof{t.gateway, h, A, progressed, Status::Declared})
                  .rejection,
              Rejection::ProvenStatusNotAllowed);
    ASSERT_TRUE(t.origin.call(t.stranger, ProgressStakeWithProof{t.gateway, h, A, progressed, Status::Progressed})
                    .ok());
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Outbox, h), Status::Progressed);
    // The staker lost the penalty and the bounty (to the closer); the stake is in the vault.
    EXPECT_EQ(t.origin.balance(t.ost, t.staker), start - 1'000'000 - 100 - 150);
    EXPECT_EQ(t.origin.balance(t.ost, t.stranger), 100);
    EXPECT_EQ(t.origin.balance(t.ost, t.vault), 1'000'000);
    EXPECT_EQ(t.origin.balance(t.ost, t.origin_burner), 150);
}

TEST(revocation, revert_redeem_pays_the_penalty_in_base_coin) {
    TwoCores t;
    const Hash s = secret_of(33);
    const Hash h0 = t.stake_and_confirm(t.stake_params(1'000'000, hash_lock(s), 0, 0, 0));
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h0, s}).ok());
    ASSERT_TRUE(t.aux.call(t.beneficiary, Wrap{t.ost_prime}, 200'000).ok());
    ASSERT_TRUE(t.aux.call(t.beneficiary, Approve{t.ost_prime, t.co_gateway, 200'000}).ok());
    StakeParams p = t.stake_params(200'000, hash_lock(secret_of(34)), 0, 1, 1'000);
    Outcome r = t.aux.call(t.beneficiary, Redeem{t.co_gateway, p}, t.bounty);
    ASSERT_TRUE(r.ok());
    const Hash h = r.events.back().key;
    const std::uint64_t A = t.aux.height;
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    ASSERT_TRUE(t.origin.call(t.facilitator,
                              ConfirmRedeemIntent{t.gateway, t.intent(p, t.beneficiary, A,
                                                                      t.status_proof(t.aux, t.co_gateway, Box::Outbox, h, A))})
                    .ok());
    EXPECT_EQ(t.aux.call(t.beneficiary, RevertRedeem{t.co_gateway, h}, 100).rejection, Rejection::WrongValue);
    EXPECT_EQ(t.aux.call(t.stranger, RevertRedeem{t.co_gateway, h}).rejection,
              Rejection::NotMessageSender);
    ASSERT_TRUE(t.aux.call(t.beneficiary, RevertRedeem{t.co_gateway, h}, 150).ok());
    EXPECT_EQ(t.aux.native(t.aux_burner), 150);
    // Origin confirms the revocation, aux closes it: OST' back to the redeemer, bounty burnt.
    const std::uint64_t A2 = t.aux.height;
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A2).ok());
    ASSERT_TRUE(t.origin.call(t.stranger,
                              ConfirmRevertRedeemIntent{t.gateway, h, A2,
                                                        t.status_proof(t.aux, t.co_gateway, Box::Outbox, h, A2)})
                    .ok());
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    ASSERT_TRUE(t.aux.call(t.stranger, ProgressRevertRedeem{t.co_gateway, h, H,
                                                            t.status_proof(t.origin, t.gateway, Box::Inbox, h, H)})
                    .ok());
    EXPECT_EQ(t.aux.balance(t.ost_prime, t.beneficiary), 200'000);
    EXPECT_EQ(t.aux.native(t.aux_burner), 250);
    EXPECT_EQ(t.aux.native(t.co_gateway), 0);
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Inbox, h), Status::Revoked);
    EXPECT_EQ(t.status(t.aux, t.co_gateway, Box::Outbox, h), Status::Revoked);
    // Progress after revocation on the source side is refused.
    EXPECT_EQ(t.aux.call(t.facilitator, ProgressRedeem{t.co_gateway, h, secret_of(34)}).rejection,
              Rejection::WrongStatus);
}

TEST(revocation, bounty_change_waits_for_its_unlock_height) {
    TwoCores t;
    EXPECT_EQ(t.origin.call(t.stranger, InitiateBountyChange{t.gateway, 500}).rejection,
              Rejection::NotOrganization);
    ASSERT_TRUE(t.origin.call(t.org, InitiateBountyChange{t.gateway, 500}).ok());
    EXPECT_EQ(t.origin.call(t.org, ConfirmBountyChange{t.gateway}).rejection,
              Rejection::BountyChangeLocked);
    t.origin.height += kBountyChangeUnlockPeriod;  // blocks pass
    ASSERT_TRUE(t.origin.call(t.org, ConfirmBountyChange{t.gateway}).ok());
    EXPECT_EQ(t.origin.call(t.org, ConfirmBountyChange{t.gateway}).rejection, Rejection::BountyUnchanged);
    const Gateway& g = *t.origin.contracts.find<Gateway>(t.gateway);
    EXPECT_EQ(t.origin.read([&](Exec& x) { return g.bounty(x); }), 500);
}
