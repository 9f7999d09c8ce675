// The seed's hash-chain sessions (PROTOCOL.md 3.5): the chain, in-order spends checked with
// keccak256, and every rule's rejection with its reason, in both signature modes.
#include "account_fixture.hpp"

#include "eth/keccak.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

TEST(hash_chain, each_secret_is_the_keccak_of_the_next) {
    const HashChain chain(Hash{}, 3);  // seed s_3 = 32 zero bytes
    // keccak256(32 zero bytes), the well-known slot-0 mapping base of Solidity.
    EXPECT_EQ(chain.secret(2).hex(), "0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563");
    for (std::uint32_t i = 0; i < 3; ++i) EXPECT_EQ(chain.secret(i), eth::keccak256(chain.secret(i + 1)));
    EXPECT_EQ(chain.anchor(), chain.secret(0));
    EXPECT_EQ(chain.size(), 3u);
}

class sessions : public ::testing::TestWithParam<SignatureMode> {};
INSTANTIATE_TEST_SUITE_P(modes, sessions, ::testing::Values(SignatureMode::Ecdsa, SignatureMode::Modeled),
                         [](const auto& i) { return i.param == SignatureMode::Ecdsa ? "ecdsa" : "modeled"; });

namespace {
SessionLimits limits(std::uint32_t n) {
    SessionLimits l;
    l.secrets = n;
    l.secret_amount = 100;
    l.session_amount = 250;  // below n x per-secret limit
    l.expiration_height = 1'000;
    return l;
}
}  // namespace

TEST_P(sessions, spends_present_the_next_preimage_and_move_the_token) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x51), 5);
    const KeyHolder key = c.open(chain, limits(5), 0x61);
    const auto first = c.spend(key, chain.secret(1), 60);
    ASSERT_TRUE(first.ok()) << first.reason();
    ASSERT_TRUE(c.spend(key, chain.secret(2), 100).ok());
    EXPECT_EQ(c.balance(c.merchant), 160);
    EXPECT_EQ(c.balance(c.holder_address), AccountCore::kFunds - 160);
    // Replaying the last secret, an older one, or skipping one (max_skip 0).
    EXPECT_EQ(c.spend(key, chain.secret(2), 1).rejection, AccountRejection::ReplayedSecret);
    EXPECT_EQ(c.spend(key, chain.secret(1), 1).rejection, AccountRejection::WrongPreimage);
    EXPECT_EQ(c.spend(key, chain.secret(4), 1).rejection, AccountRejection::WrongPreimage);
    EXPECT_EQ(c.spend(key, tag_hash(0x99), 1).rejection, AccountRejection::WrongPreimage);
    EXPECT_EQ(c.spend(key, chain.secret(3), 101).rejection, AccountRejection::OverSecretLimit);
    EXPECT_EQ(c.spend(key, chain.secret(3), 101).reason(), "amount over the per-secret limit");
    EXPECT_EQ(c.spend(key, chain.secret(3), 91).rejection, AccountRejection::OverSessionLimit);
    // Spending the budget exactly ends the session (end_when_budget_spent).
    ASSERT_TRUE(c.spend(key, chain.secret(3), 90).ok());
    EXPECT_EQ(c.spend(key, chain.secret(4), 0).rejection, AccountRejection::Exhausted);
    EXPECT_EQ(c.balance(c.merchant), 250);
}

TEST_P(sessions, a_rejected_spend_changes_nothing_and_pays_its_gas) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x52), 3);
    const KeyHolder key = c.open(chain, limits(3), 0x62);
    const Hash before = *c.state.root_at(c.height);
    const auto out = c.spend(key, chain.secret(2), 10);
    EXPECT_EQ(out.rejection, AccountRejection::WrongPreimage);
    EXPECT_GT(out.gas_used, c.gas.transaction);
    EXPECT_EQ(*c.state.root_at(c.height), before);
    // The same secret is still usable.
    EXPECT_TRUE(c.spend(key, chain.secret(1), 10).ok());
}

TEST_P(sessions, a_spend_signed_by_another_key_or_for_another_amount_is_refused) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x53), 3);
    const KeyHolder key = c.open(chain, limits(3), 0x63);
    const KeyHolder other = KeyHolder::from_seed(tag_hash(0x77), GetParam());
    auto sig = other.sign(TokenHolder::spend_digest(c.holder_address, c.merchant, 10, chain.secret(1)));
    EXPECT_EQ(c.call(SpendWithSecret{key.address(), c.merchant, 10, chain.secret(1), sig}).rejection,
              AccountRejection::BadSignature);
    sig = key.sign(TokenHolder::spend_digest(c.holder_address, c.merchant, 10, chain.secret(1)));
    EXPECT_EQ(c.call(SpendWithSecret{key.address(), c.merchant, 20, chain.secret(1), sig}).rejection,
              AccountRejection::BadSignature);
    EXPECT_TRUE(c.call(SpendWithSecret{key.address(), c.merchant, 10, chain.secret(1), sig}).ok());
}

TEST_P(sessions, exhaustion_of_secrets_ends_the_session) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x54), 2);
    SessionLimits l = limits(2);
    l.session_amount = 10'000;
    const KeyHolder key = c.open(chain, l, 0x64);
    ASSERT_TRUE(c.spend(key, chain.secret(1), 1).ok());
    ASSERT_TRUE(c.spend(key, chain.secret(2), 1).ok());
    EXPECT_EQ(c.spend(key, eth::keccak256(tag_hash(0)), 1).rejection, AccountRejection::Exhausted);
    // The key is never authorised again.
    const HashChain next(tag_hash(0x55), 2);
    EXPECT_EQ(c.call(OpenSession{key.address(), next.anchor(), l,
                                 c.approve_session(key.address(), next.anchor(), l)}).rejection,
              AccountRejection::SessionKeyUsed);
}

TEST_P(sessions, expiry_by_height_and_by_secret_lifetime) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x56), 4);
    SessionLimits l = limits(4);
    l.expiration_height = c.height + 10;
    l.secret_lifetime = 4;
    const KeyHolder key = c.open(chain, l, 0x66);
    c.skip(2);
    ASSERT_TRUE(c.spend(key, chain.secret(1), 1).ok());
    c.skip(3);  // next block is 4 after the last spend
    EXPECT_EQ(c.spend(key, chain.secret(2), 1).rejection, AccountRejection::Expired);

    AccountCore d(GetParam());
    SessionLimits m = limits(4);
    m.expiration_height = d.height + 3;
    const KeyHolder k2 = d.open(chain, m, 0x67);
    ASSERT_TRUE(d.spend(k2, chain.secret(1), 1).ok());  // block height + 2 < expiration
    EXPECT_EQ(d.spend(k2, chain.secret(2), 1).rejection, AccountRejection::Expired);
}

// The seed's "expiration (block height or time)": a timestamp limit alone, one that a stalled
// core reaches with no new height, and both set (whichever comes first).
TEST_P(sessions, expiry_by_block_timestamp) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x5c), 6);
    SessionLimits l = limits(6);
    l.expiration_height = 0;  // no height limit
    l.expiration_time = c.time_s + 10 * AccountCore::kBlockSeconds;
    const KeyHolder key = c.open(chain, l, 0x6e);
    c.skip(7);  // the next block's timestamp is 9 intervals after the opening's: still valid
    ASSERT_TRUE(c.spend(key, chain.secret(1), 1).ok());
    const auto late = c.spend(key, chain.secret(2), 1);  // exactly expiration_time: expired
    EXPECT_EQ(late.rejection, AccountRejection::ExpiredByTime);
    EXPECT_EQ(late.reason(), "session expiration time passed");

    AccountCore d(GetParam());
    SessionLimits both = limits(6);
    both.expiration_height = d.height + 100;
    both.expiration_time = d.time_s + 3'600;
    const KeyHolder k2 = d.open(chain, both, 0x6f);
    ASSERT_TRUE(d.spend(k2, chain.secret(1), 1).ok());
    d.stall(3'600);  // an hour with no block: the height limit is far, the time limit passed
    EXPECT_EQ(d.spend(k2, chain.secret(2), 1).rejection, AccountRejection::ExpiredByTime);

    AccountCore e(GetParam());
    SessionLimits height_first = both;
    height_first.expiration_height = e.height + 3;
    height_first.expiration_time = e.time_s + 3'600;
    const KeyHolder k3 = e.open(chain, height_first, 0x70);
    e.skip(1);
    EXPECT_EQ(e.spend(k3, chain.secret(1), 1).rejection, AccountRejection::Expired);
}

TEST_P(sessions, a_session_needs_an_expiry_in_the_future) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x5d), 3);
    const KeyHolder key = KeyHolder::from_seed(tag_hash(0x71), GetParam());
    auto open = [&](const SessionLimits& l) {
        return c.call(OpenSession{key.address(), chain.anchor(), l,
                                  c.approve_session(key.address(), chain.anchor(), l)});
    };
    SessionLimits never = limits(3);
    never.expiration_height = 0;
    EXPECT_EQ(open(never).rejection, AccountRejection::BadLimits);
    SessionLimits past_time = limits(3);
    past_time.expiration_time = c.time_s + AccountCore::kBlockSeconds;  // the opening block's own time
    EXPECT_EQ(open(past_time).rejection, AccountRejection::BadLimits);
    SessionLimits time_only = never;
    time_only.expiration_time = c.time_s + 2 * AccountCore::kBlockSeconds;
    EXPECT_TRUE(open(time_only).ok());
}

TEST_P(sessions, at_most_m_spends_per_window) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x57), 6);
    SessionLimits l = limits(6);
    l.session_amount = 10'000;
    l.spends_per_window = 2;
    l.window_blocks = 10;
    const KeyHolder key = c.open(chain, l, 0x68);
    c.skip(10 - (c.height + 1) % 10);  // next call opens a window
    ASSERT_TRUE(c.spend(key, chain.secret(1), 1).ok());
    ASSERT_TRUE(c.spend(key, chain.secret(2), 1).ok());
    EXPECT_EQ(c.spend(key, chain.secret(3), 1).rejection, AccountRejection::TooFrequent);
    c.skip(10 - (c.height + 1) % 10);
    EXPECT_TRUE(c.spend(key, chain.secret(3), 1).ok());
}

TEST_P(sessions, revocation_by_a_device_ends_the_session) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x58), 3);
    const KeyHolder key = c.open(chain, limits(3), 0x69);
    ASSERT_TRUE(c.spend(key, chain.secret(1), 1).ok());
    const auto sigs = c.approve(DeviceOp::RevokeSession, {address_word(key.address())}, {2});
    ASSERT_TRUE(c.call(RevokeSession{key.address(), sigs}).ok());
    EXPECT_EQ(c.spend(key, chain.secret(2), 1).rejection, AccountRejection::Revoked);
}

TEST_P(sessions, opening_needs_a_device_signature_over_these_limits) {
    AccountCore c(GetParam());
    const HashChain chain(tag_hash(0x59), 3);
    const KeyHolder key = KeyHolder::from_seed(tag_hash(0x6a), GetParam());
    const SessionLimits l = limits(3);
    SessionLimits wider = l;
    wider.session_amount = 10'000;
    // Signed for other limits: recovers to no device.
    EXPECT_EQ(c.call(OpenSession{key.address(), chain.anchor(), wider,
                                 c.approve_session(key.address(), chain.anchor(), l)}).rejection,
              AccountRejection::NotDevice);
    const KeyHolder stranger = KeyHolder::from_seed(tag_hash(0x6b), GetParam());
    const Hash digest = TokenHolder::op_digest(c.holder_address, DeviceOp::OpenSession,
                                               std::vector<Hash>{address_word(key.address()), chain.anchor(),
                                                                 TokenHolder::limits_word(l)},
                                               c.nonce());
    EXPECT_EQ(c.call(OpenSession{key.address(), chain.anchor(), l, {stranger.sign(digest)}}).rejection,
              AccountRejection::NotDevice);
    SessionLimits past = l;
    past.expiration_height = c.height;
    EXPECT_EQ(c.call(OpenSession{key.address(), chain.anchor(), past,
                                 c.approve_session(key.address(), chain.anchor(), past)}).rejection,
              AccountRejection::BadLimits);
    EXPECT_TRUE(c.call(OpenSession{key.address(), chain.anchor(), l,
                                   c.approve_session(key.address(), chain.anchor(), l)}).ok());
}

TEST_P(sessions, skipped_preimages_up_to_max_skip) {
    AccountCore c(GetParam(), SessionPolicy{2, true});
    const HashChain chain(tag_hash(0x5a), 8);
    SessionLimits l = limits(8);
    l.session_amount = 10'000;
    const KeyHolder key = c.open(chain, l, 0x6c);
    const auto skip2 = c.spend(key, chain.secret(3), 1);  // s_1, s_2 lost
    ASSERT_TRUE(skip2.ok()) << skip2.reason();
    EXPECT_EQ(c.spend(key, chain.secret(1), 1).rejection, AccountRejection::WrongPreimage);
    EXPECT_EQ(c.spend(key, chain.secret(7), 1).rejection, AccountRejection::WrongPreimage);  // skips 3
    ASSERT_TRUE(c.spend(key, chain.secret(5), 1).ok());
    // s_8 is the last secret (skipping 2): the session ends with it.
    ASSERT_TRUE(c.spend(key, chain.secret(8), 1).ok());
    EXPECT_EQ(c.spend(key, tag_hash(1), 1).rejection, AccountRejection::Exhausted);
}

TEST(sessions_modes, the_same_script_has_the_same_outcomes_and_gas_in_both_modes) {
    auto script = [](SignatureMode mode) {
        AccountCore c(mode);
        const HashChain chain(tag_hash(0x5b), 4);
        const KeyHolder key = c.open(chain, limits(4), 0x6d);
        std::vector<std::pair<AccountRejection, std::uint64_t>> log;
        for (auto [i, amount] : {std::pair{1u, 50}, {1u, 50}, {3u, 50}, {2u, 120}, {2u, 100}, {3u, 90}, {4u, 20}}) {
            const auto out = c.spend(key, chain.secret(i), amount);
            log.push_back({out.rejection, out.gas_used});
        }
        return std::make_pair(log, *c.state.root_at(c.height));
    };
    const auto ecdsa = script(SignatureMode::Ecdsa);
    const auto modeled = script(SignatureMode::Modeled);
    EXPECT_EQ(ecdsa.first, modeled.first);
    EXPECT_EQ(ecdsa.second, modeled.second);
    EXPECT_EQ(ecdsa.first[1].first, AccountRejection::ReplayedSecret);
    EXPECT_EQ(ecdsa.first[6].first, AccountRejection::OverSessionLimit);
}
