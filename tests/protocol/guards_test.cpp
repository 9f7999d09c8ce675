// The remaining guards, and determinism: the same calls give the same roots and gas.
#include "two_cores.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

TEST(guards, calls_to_the_wrong_contract_kind) {
    TwoCores t;
    EXPECT_EQ(t.origin.call(t.staker, Stake{t.ost, {}}).rejection, Rejection::NoSuchContract);
    EXPECT_EQ(t.origin.call(t.staker, Transfer{t.gateway, t.stranger, 1}).rejection,
              Rejection::NoSuchContract);
    EXPECT_EQ(t.aux.call(t.org, AnchorStateRoot{t.co_gateway, 5, secret_of(1)}).rejection,
              Rejection::NoSuchContract);
    EXPECT_EQ(t.origin.call(t.stranger, ConfirmStakeIntent{t.gateway, {}}).rejection,
              Rejection::NoSuchContract);  // confirmStakeIntent is the co-gateway's
}

TEST(guards, activation) {
    TwoCores t;
    EXPECT_EQ(t.origin.call(t.org, ActivateGateway{t.gateway, t.co_gateway}).rejection,
              Rejection::GatewayAlreadyActivated);
    ASSERT_TRUE(t.origin.call(t.org, DeactivateGateway{t.gateway}).ok());
    EXPECT_EQ(t.origin.call(t.org, DeactivateGateway{t.gateway}).rejection,
              Rejection::GatewayNotActivated);
    EXPECT_EQ(t.origin.call(t.org, ActivateGateway{t.gateway, Address{}}).rejection,
              Rejection::ZeroAddress);
    ASSERT_TRUE(t.origin.call(t.org, ActivateGateway{t.gateway, t.co_gateway}).ok());
}

TEST(guards, ost_prime_before_initialisation) {
    Core aux;
    const Address prime_at = addr(0x90), co = addr(0x91), user = addr(0x92);
    const OstPrime prime{{prime_at, TransferRule::Open}, co};
    aux.contracts.add(prime);
    aux.genesis([&](Exec&) {
        chain::Account a;
        a.balance = 1'000;
        aux.state.put_account(user, a);
    });
    EXPECT_EQ(aux.call(user, Wrap{prime_at}, 10).rejection, Rejection::NotInitialized);
    EXPECT_EQ(aux.call(user, Unwrap{prime_at, 10}).rejection, Rejection::NotInitialized);
    EXPECT_EQ(aux.call(user, InitializeOstPrime{prime_at}, 999).rejection, Rejection::WrongValue);
    EXPECT_EQ(aux.read([&](Exec& x) { return prime.increase_supply(x, co, user, 1); }),
              Rejection::NotInitialized);
    EXPECT_EQ(aux.native(user), 1'000);  // the rejected calls' msg.value came back
}

TEST(guards, revocation_steps_need_their_records_and_statuses) {
    TwoCores t;
    const Hash secret = secret_of(40);
    const Hash h = t.stake_and_confirm(t.stake_params(1'000'000, hash_lock(secret)));
    Hash unknown = h;
    unknown.bytes[3] ^= 1;
    const eth::Proof any{Bytes{0xc0}};
    EXPECT_EQ(t.origin.call(t.staker, RevertStake{t.gateway, unknown}).rejection, Rejection::UnknownMessage);
    EXPECT_EQ(t.origin.call(t.stranger, ProgressRevertStake{t.gateway, unknown, 1, any}).rejection,
              Rejection::UnknownMessage);
    EXPECT_EQ(t.origin.call(t.stranger, ProgressRevertStake{t.gateway, h, 1, any}).rejection,
              Rejection::WrongStatus);  // not DeclaredRevocation
    EXPECT_EQ(t.aux.call(t.stranger, ConfirmRevertStakeIntent{t.co_gateway, unknown, 1, any}).rejection,
              Rejection::UnknownMessage);
    EXPECT_EQ(t.aux.call(t.stranger, ConfirmRevertStakeIntent{t.co_gateway, h, 1, any}).rejection,
              Rejection::StorageRootNotProved);
    EXPECT_EQ(t.origin.call(t.stranger, ConfirmRevertRedeemIntent{t.gateway, h, 1, any}).rejection,
              Rejection::UnknownMessage);
    EXPECT_EQ(t.aux.call(t.stranger, ProgressRevertRedeem{t.co_gateway, h, 1, any}).rejection,
              Rejection::UnknownMessage);
    EXPECT_EQ(t.aux.call(t.stranger, RevertRedeem{t.co_gateway, h}).rejection, Rejection::UnknownMessage);
    EXPECT_EQ(t.origin.call(t.stranger, ProgressUnstake{t.gateway, h, secret}).rejection,
              Rejection::WrongStatus);
    EXPECT_EQ(t.aux.call(t.stranger, ProgressRedeem{t.co_gateway, h, secret}).rejection,
              Rejection::WrongStatus);
}

TEST(guards, same_calls_same_roots_and_gas) {
    auto run = [] {
        TwoCores t;
        const Hash secret = secret_of(41);
        const Hash h = t.stake_and_confirm(t.stake_params(1'000'000, hash_lock(secret)));
        Outcome m = t.aux.call(t.facilitator, ProgressMint{t.co_gateway, h, secret});
        Outcome s = t.origin.call(t.facilitator, ProgressStake{t.gateway, h, secret});
        return std::make_tuple(t.origin.root(), t.aux.root(), m.gas_used, s.gas_used, m.events);
    };
    EXPECT_EQ(run(), run());
}
