// The session-key model of PROTOCOL.md 3.1 (OC TokenHolder.sol): authorise, execute with the
// next nonce within the per-transaction limit, revoke, logout, expiry; in both modes.
#include "account_fixture.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

class session_keys : public ::testing::TestWithParam<SignatureMode> {
protected:
    AccountCore c{GetParam()};
    AccountOutcome authorize(const KeyHolder& key, const uint256& limit, std::uint64_t expiration) {
        const auto sigs = c.approve(DeviceOp::AuthorizeKey,
                                    {address_word(key.address()), eth::to_word(limit), slot(expiration)}, {0, 1});
        return c.call(AuthorizeKey{key.address(), limit, expiration, sigs});
    }
    AccountOutcome execute(const KeyHolder& key, const uint256& amount, const uint256& nonce) {
        const auto sig = key.sign(SessionKeys::execute_digest(c.holder_address, c.merchant, amount, nonce));
        return c.call(ExecuteWithKey{key.address(), c.merchant, amount, nonce, sig});
    }
};
INSTANTIATE_TEST_SUITE_P(modes, session_keys, ::testing::Values(SignatureMode::Ecdsa, SignatureMode::Modeled),
                         [](const auto& i) { return i.param == SignatureMode::Ecdsa ? "ecdsa" : "modeled"; });

TEST_P(session_keys, nonce_limit_and_expiry) {
    const KeyHolder key = KeyHolder::from_seed(tag_hash(0x71), GetParam());
    ASSERT_TRUE(authorize(key, 100, c.height + 10).ok());
    EXPECT_EQ(authorize(key, 100, c.height + 10).rejection, AccountRejection::SessionKeyUsed);
    EXPECT_EQ(execute(key, 10, 1).rejection, AccountRejection::WrongNonce);
    ASSERT_TRUE(execute(key, 10, 0).ok());
    EXPECT_EQ(execute(key, 10, 0).rejection, AccountRejection::WrongNonce);
    // Over the spending limit: TokenRules' temporary allowance (the limit) refuses the transferFrom.
    const auto over = execute(key, 101, 1);
    EXPECT_EQ(over.rejection, AccountRejection::TokenRejected);
    EXPECT_EQ(over.token_rejection, Rejection::InsufficientAllowance);
    ASSERT_TRUE(execute(key, 100, 1).ok());  // no cumulative budget in this model
    EXPECT_EQ(c.balance(c.merchant), 110);
    c.skip(10);
    EXPECT_EQ(execute(key, 1, 2).rejection, AccountRejection::Expired);
}

TEST_P(session_keys, revoke_and_logout) {
    const KeyHolder a = KeyHolder::from_seed(tag_hash(0x72), GetParam());
    const KeyHolder b = KeyHolder::from_seed(tag_hash(0x73), GetParam());
    ASSERT_TRUE(authorize(a, 100, 1'000).ok());
    ASSERT_TRUE(authorize(b, 100, 1'000).ok());
    ASSERT_TRUE(c.call(RevokeKey{a.address(), c.approve(DeviceOp::RevokeKey, {address_word(a.address())}, {0, 2})}).ok());
    EXPECT_EQ(execute(a, 1, 0).rejection, AccountRejection::Revoked);
    ASSERT_TRUE(execute(b, 1, 0).ok());
    ASSERT_TRUE(c.call(Logout{c.approve(DeviceOp::Logout, {}, {1, 2})}).ok());
    EXPECT_EQ(execute(b, 1, 1).rejection, AccountRejection::Revoked);
    EXPECT_EQ(authorize(b, 100, 1'000).rejection, AccountRejection::SessionKeyUsed);
    const KeyHolder fresh = KeyHolder::from_seed(tag_hash(0x74), GetParam());
    ASSERT_TRUE(authorize(fresh, 100, 1'000).ok());
    EXPECT_TRUE(execute(fresh, 1, 0).ok());
}

TEST_P(session_keys, transfers_to_a_non_internal_actor_are_refused_by_the_token) {
    const KeyHolder key = KeyHolder::from_seed(tag_hash(0x75), GetParam());
    ASSERT_TRUE(authorize(key, 100, 1'000).ok());
    const auto sig = key.sign(SessionKeys::execute_digest(c.holder_address, c.relayer, 5, 0));
    const auto out = c.call(ExecuteWithKey{key.address(), c.relayer, 5, 0, sig});
    EXPECT_EQ(out.rejection, AccountRejection::TokenRejected);
    EXPECT_EQ(out.token_rejection, Rejection::RecipientNotInternal);
    EXPECT_EQ(out.reason(), "recipient is not an internal actor");
}
