// Stake & mint between two world states (PROTOCOL.md 1.5): every step, with state roots anchored
// across and proofs from WorldState::prove checked against the anchored root.
#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

TEST(stake_mint, completes_with_the_hash_lock_through_real_proofs) {
    TwoCores t;
    const Hash secret = secret_of(1);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret));
    const uint256 staker_before = t.origin.balance(t.ost, t.staker);

    // S1: amount and bounty move into the gateway.
    const Hash h = t.stake(p);
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Outbox, h), Status::Declared);
    EXPECT_EQ(t.origin.balance(t.ost, t.gateway), 1'000'000 + t.bounty);
    EXPECT_EQ(t.origin.balance(t.ost, t.staker), staker_before - 1'000'000 - t.bounty);
    const std::uint64_t H = t.origin.height;

    // A1, S2: the origin root at H reaches the aux anchor; the gateway account is proven.
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    Outcome proven = t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H);
    ASSERT_TRUE(proven.ok()) << proven.reason();
    EXPECT_EQ(proven.events.back().name, "GatewayProven");

    // S3: confirm with the storage proof of outbox[h] == Declared.
    Outcome confirmed = t.aux.call(
        t.facilitator, ConfirmStakeIntent{t.co_gateway,
                                          t.intent(p, t.staker, H,
                                                   t.status_proof(t.origin, t.gateway, Box::Outbox, h, H))});
    ASSERT_TRUE(confirmed.ok()) << confirmed.reason();
    EXPECT_EQ(confirmed.events.back().key, h);  // the target computed the same message hash
    EXPECT_EQ(t.status(t.aux, t.co_gateway, Box::Inbox, h), Status::Declared);

    // S4b: the secret mints amount - reward to the beneficiary (as native OST') and the reward to
    // the facilitator; with gasLimit 100,000 below the gas actually used, reward = limit x price.
    const uint256 fac_before = t.aux.native(t.facilitator);
    Outcome minted = t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret});
    ASSERT_TRUE(minted.ok()) << minted.reason();
    const uint256 reward = 100'000 * 2;
    EXPECT_EQ(t.aux.native(t.beneficiary), 1'000'000 - reward);
    EXPECT_EQ(t.aux.native(t.facilitator), fac_before + reward);
    EXPECT_EQ(t.status(t.aux, t.co_gateway, Box::Inbox, h), Status::Progressed);

    // S4a: the secret moves the stake into the vault and the bounty to whoever progresses.
    Outcome progressed = t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret});
    ASSERT_TRUE(progressed.ok()) << progressed.reason();
    EXPECT_EQ(t.origin.balance(t.ost, t.vault), 1'000'000);
    EXPECT_EQ(t.origin.balance(t.ost, t.facilitator), t.bounty);
    EXPECT_EQ(t.origin.balance(t.ost, t.gateway), 0);
    EXPECT_EQ(t.status(t.origin, t.gateway, Box::Outbox, h), Status::Progressed);

    // Invariant: OST locked in the vault equals OST' minted (PROTOCOL.md 7).
    const uint256 minted_supply = t.aux.read([&](Exec& x) {
        return t.aux.contracts.erc20(t.ost_prime)->total_supply(x);
    });
    EXPECT_EQ(minted_supply, t.origin.balance(t.ost, t.vault));
}

TEST(stake_mint, reward_is_gas_used_times_price_below_the_gas_limit) {
    TwoCores t;
    const Hash secret = secret_of(2);
    // gasLimit far above what confirm + progress use: reward = (gasConsumed + progress gas) x price.
    const StakeParams p = t.stake_params(9'000'000, hash_lock(secret), 0, 3, 1'000'000);
    const Hash h = t.stake_and_confirm(p);
    const uint256 consumed = t.aux.read([&](Exec& x) {
        return t.aux.contracts.find<CoGateway>(t.co_gateway)->message(x, h).gas_consumed;
    });
    EXPECT_GT(consumed, 50'000);  // proof checking and seven fresh message slots
    Outcome minted = t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret});
    ASSERT_TRUE(minted.ok());
    const uint256 reward = minted.events.back().amount;
    EXPECT_EQ(minted.events.back().name, "RewardPaid");
    // The progress call's own gas up to the fee lies between its overhead and its total.
    EXPECT_GT(reward, (consumed + 3'000) * 3);
    EXPECT_LT(reward, (consumed + minted.gas_used) * 3);
    EXPECT_EQ(t.aux.native(t.beneficiary), 9'000'000 - reward);
}

TEST(stake_mint, with_proof_paths_complete_without_the_secret) {
    TwoCores t;
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(3)));
    const Hash h = t.stake_and_confirm(p);
    // progressMintWithProof: origin outbox proven Declared at an anchored height.
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    Outcome minted = t.aux.call(
        t.stranger, ProgressMintWithProof{t.co_gateway, h, H,
                                          t.status_proof(t.origin, t.gateway, Box::Outbox, h, H),
                                          Status::Declared});
    ASSERT_TRUE(minted.ok()) << minted.reason();
    // progressStakeWithProof: aux inbox proven Progressed at an anchored aux height.
    const std::uint64_t A = t.aux.height;
    ASSERT_TRUE(t.anchor_aux_on_origin().ok());
    ASSERT_TRUE(t.prove(t.aux, t.co_gateway, t.origin, t.gateway, A).ok());
    Outcome staked = t.origin.call(
        t.stranger, ProgressStakeWithProof{t.gateway, h, A,
                                           t.status_proof(t.aux, t.co_gateway, Box::Inbox, h, A),
                                           Status::Progressed});
    ASSERT_TRUE(staked.ok()) << staked.reason();
    EXPECT_EQ(t.origin.balance(t.ost, t.stranger), t.bounty);
    EXPECT_EQ(t.origin.balance(t.ost, t.vault), 1'000'000);
}

TEST(stake_mint, proof_fails_once_the_anchored_root_is_evicted) {
    TwoCores t(Economy::Ost, /*anchor_ring=*/2);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(4)));
    const Hash h = t.stake(p);
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    EXPECT_FALSE(t.aux.read([&](Exec& x) { return Anchor::state_root(x, t.aux_anchor, H); }).is_zero());
    // Two more anchors push H out of a ring of two.
    t.origin.call(t.stranger, Approve{t.ost, t.org, 1});
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    t.origin.call(t.stranger, Approve{t.ost, t.org, 2});
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    EXPECT_TRUE(t.aux.read([&](Exec& x) { return Anchor::state_root(x, t.aux_anchor, H); }).is_zero());
    Outcome proven = t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H);
    EXPECT_EQ(proven.rejection, Rejection::StateRootUnknown);
    // And without a proven storage root the confirmation cannot check its proof.
    Outcome confirmed = t.aux.call(
        t.facilitator, ConfirmStakeIntent{t.co_gateway,
                                          t.intent(p, t.staker, H,
                                                   t.status_proof(t.origin, t.gateway, Box::Outbox, h, H))});
    EXPECT_EQ(confirmed.rejection, Rejection::StorageRootNotProved);
    // A later anchored height still holds the Declared status: the message can be confirmed.
    const std::uint64_t later = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, later).ok());
    EXPECT_TRUE(t.aux.call(t.facilitator,
                           ConfirmStakeIntent{t.co_gateway,
                                              t.intent(p, t.staker, later,
                                                       t.status_proof(t.origin, t.gateway, Box::Outbox, h, later))})
                    .ok());
}

TEST(stake_mint, storage_root_is_dropped_from_the_gateway_ring) {
    TwoCores t(Economy::Ost, 100, /*storage_root_ring=*/1);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(5)));
    const Hash h = t.stake(p);
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    t.origin.call(t.stranger, Approve{t.ost, t.org, 1});  // a new origin block
    const std::uint64_t later = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, later).ok());
    Outcome confirmed = t.aux.call(
        t.facilitator, ConfirmStakeIntent{t.co_gateway,
                                          t.intent(p, t.staker, H,
                                                   t.status_proof(t.origin, t.gateway, Box::Outbox, h, H))});
    EXPECT_EQ(confirmed.rejection, Rejection::StorageRootNotProved);
}

TEST(stake_mint, proof_of_another_status_or_tampered_is_rejected) {
    TwoCores t;
    const Hash secret = secret_of(6);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret));
    const Hash h = t.stake_and_confirm(p);
    const std::uint64_t H = t.origin.height;  // outbox still Declared
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    const eth::Proof declared = t.status_proof(t.origin, t.gateway, Box::Outbox, h, H);
    // Claiming Progressed with a proof of Declared.
    Outcome wrong = t.aux.call(t.stranger, ProgressMintWithProof{t.co_gateway, h, H, declared,
                                                                 Status::Progressed});
    EXPECT_EQ(wrong.rejection, Rejection::StorageProofInvalid);
    // Revoked is not a status progressMintWithProof accepts at all.
    Outcome not_allowed = t.aux.call(t.stranger, ProgressMintWithProof{t.co_gateway, h, H, declared,
                                                                       Status::Revoked});
    EXPECT_EQ(not_allowed.rejection, Rejection::ProvenStatusNotAllowed);
    // A flipped byte in the leaf node.
    eth::Proof tampered = declared;
    tampered.back().back() ^= 0x01;
    Outcome bad = t.aux.call(t.stranger, ProgressMintWithProof{t.co_gateway, h, H, tampered,
                                                               Status::Declared});
    EXPECT_EQ(bad.rejection, Rejection::StorageProofInvalid);
    // A proof for another message hash at the same height.
    Hash other = h;
    other.bytes[0] ^= 0xff;
    Outcome absent = t.aux.call(t.stranger, ProgressMintWithProof{
                                                t.co_gateway, h, H,
                                                t.status_proof(t.origin, t.gateway, Box::Outbox, other, H),
                                                Status::Declared});
    EXPECT_EQ(absent.rejection, Rejection::StorageProofInvalid);
    // A tampered account proof cannot prove a new height.
    t.origin.call(t.stranger, Approve{t.ost, t.org, 1});
    const std::uint64_t H2 = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    auto acc = t.origin.state.prove(H2, t.gateway, {});
    chain::Account forged = acc->account;
    forged.balance += 1;
    Outcome forged_out = t.aux.call(t.facilitator, ProveGateway{t.co_gateway, H2, forged.rlp(),
                                                                acc->account_proof});
    EXPECT_EQ(forged_out.rejection, Rejection::AccountProofInvalid);
    // The state is untouched by every rejection: the hash lock still completes.
    EXPECT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret}).ok());
}

TEST(stake_mint, declaration_guards) {
    TwoCores t;
    const Hash lock = hash_lock(secret_of(7));
    ASSERT_TRUE(t.origin.call(t.staker, Approve{t.ost, t.gateway, 5'000'000}).ok());
    auto stake = [&](StakeParams p) { return t.origin.call(t.staker, Stake{t.gateway, p}).rejection; };
    EXPECT_EQ(stake(t.stake_params(0, lock)), Rejection::ZeroAmount);
    // amount > gasPrice x gasLimit, strictly: 200,000 = 2 x 100,000 is rejected, 200,001 is not.
    EXPECT_EQ(stake(t.stake_params(200'000, lock)), Rejection::AmountNotAboveMaxReward);
    StakeParams no_beneficiary = t.stake_params(1'000, lock, 0, 0, 0);
    no_beneficiary.beneficiary = {};
    EXPECT_EQ(stake(no_beneficiary), Rejection::ZeroAddress);
    EXPECT_EQ(stake(t.stake_params(1'000, lock, /*nonce=*/1, 0, 0)), Rejection::WrongNonce);
    EXPECT_EQ(stake(t.stake_params(200'001, lock)), Rejection::None);
    // One message in flight per sender: the next nonce waits for the first to finish...
    EXPECT_EQ(stake(t.stake_params(300'000, lock, 1)), Rejection::PreviousProcessInFlight);
    // ... and the same nonce is no longer expected.
    EXPECT_EQ(stake(t.stake_params(300'000, lock, 0)), Rejection::WrongNonce);
    // Allowance and balance are checked by the token; the gateway's writes are undone.
    ASSERT_TRUE(t.origin.call(t.org, DeactivateGateway{t.gateway}).ok());
    EXPECT_EQ(stake(t.stake_params(300'000, lock, 1)), Rejection::GatewayNotActivated);
    EXPECT_EQ(t.origin.call(t.stranger, ActivateGateway{t.gateway, t.co_gateway}).rejection,
              Rejection::NotOrganization);
}

TEST(stake_mint, failed_token_pull_undoes_the_declaration) {
    TwoCores t;
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(8)));
    const Hash root_before = t.origin.root();
    Outcome out = t.origin.call(t.staker, Stake{t.gateway, p});  // no approval
    EXPECT_EQ(out.rejection, Rejection::InsufficientAllowance);
    EXPECT_GT(out.gas_used, 21'000u);
    EXPECT_EQ(t.origin.root(), root_before);  // every write undone
    EXPECT_TRUE(out.events.empty());
}

TEST(stake_mint, progress_guards) {
    TwoCores t;
    const Hash secret = secret_of(9);
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret));
    const Hash h = t.stake_and_confirm(p);
    EXPECT_EQ(t.origin.call(t.stranger, ProgressStake{t.gateway, h, secret_of(10)}).rejection,
              Rejection::WrongSecret);
    EXPECT_EQ(t.aux.call(t.stranger, ProgressMint{t.co_gateway, h, secret_of(10)}).rejection,
              Rejection::WrongSecret);
    Hash unknown = h;
    unknown.bytes[5] ^= 1;
    EXPECT_EQ(t.origin.call(t.stranger, ProgressStake{t.gateway, unknown, secret}).rejection,
              Rejection::WrongStatus);
    EXPECT_EQ(t.aux.call(t.stranger, ProgressMintWithProof{t.co_gateway, unknown, 1, {Bytes{1}}, Status::Declared})
                  .rejection,
              Rejection::UnknownMessage);
    ASSERT_TRUE(t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret}).ok());
    EXPECT_EQ(t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret}).rejection,
              Rejection::WrongStatus);
    ASSERT_TRUE(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret}).ok());
    EXPECT_EQ(t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret}).rejection,
              Rejection::WrongStatus);
    // The staker's next stake is now allowed, with nonce 1.
    EXPECT_EQ(t.origin.call(t.staker, Stake{t.gateway, t.stake_params(1'000, hash_lock(secret), 1, 0, 0)})
                  .rejection,
              Rejection::InsufficientAllowance);
}

TEST(stake_mint, confirmation_guards) {
    TwoCores t;
    const StakeParams p = t.stake_params(1'000'000, hash_lock(secret_of(11)));
    const Hash h = t.stake(p);
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    ASSERT_TRUE(t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H).ok());
    const eth::Proof proof = t.status_proof(t.origin, t.gateway, Box::Outbox, h, H);
    auto confirm = [&](IntentParams ip) {
        return t.aux.call(t.facilitator, ConfirmStakeIntent{t.co_gateway, ip}).rejection;
    };
    IntentParams ip = t.intent(p, t.staker, H, proof);
    ip.sender = {};
    EXPECT_EQ(confirm(ip), Rejection::ZeroAddress);
    ip = t.intent(p, t.staker, H, {});
    EXPECT_EQ(confirm(ip), Rejection::StorageProofInvalid);
    ip = t.intent(p, t.staker, H, proof);
    ip.amount += 1;  // another message hash: the proof is of absence
    EXPECT_EQ(confirm(ip), Rejection::StorageProofInvalid);
    ip = t.intent(p, t.staker, H, proof);
    ip.nonce = 1;
    EXPECT_EQ(confirm(ip), Rejection::WrongNonce);
    ip = t.intent(p, t.staker, H + 1, proof);  // never proven there
    EXPECT_EQ(confirm(ip), Rejection::StorageRootNotProved);
    ip = t.intent(p, t.staker, H, proof);
    ip.gas_limit = 500'000;  // amount 1,000,000 = 2 x 500,000
    EXPECT_EQ(confirm(ip), Rejection::AmountNotAboveMaxReward);
    EXPECT_EQ(confirm(t.intent(p, t.staker, H, proof)), Rejection::None);
    EXPECT_EQ(confirm(t.intent(p, t.staker, H, proof)), Rejection::WrongNonce);
}

TEST(stake_mint, proving_an_already_proven_height_is_a_no_op) {
    TwoCores t;
    t.stake(t.stake_params(1'000'000, hash_lock(secret_of(12))));
    const std::uint64_t H = t.origin.height;
    ASSERT_TRUE(t.anchor_origin_on_aux().ok());
    Outcome first = t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H);
    Outcome again = t.prove(t.origin, t.gateway, t.aux, t.co_gateway, H);
    ASSERT_TRUE(first.ok() && again.ok());
    EXPECT_LT(again.gas_used, first.gas_used - 20'000);  // no proof check, no store
}
