// TokenRules (OC TokenRules.sol, TokenHolder.executeRule; PROTOCOL.md 3.1): a holder's spend moves
// tokens only by transferFrom under a temporary allowance, within a batch the holder allowed.
#include "account_fixture.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

namespace {

SessionLimits spend_limits() {
    SessionLimits l;
    l.secrets = 4;
    l.secret_amount = 100;
    l.session_amount = 1'000;
    l.expiration_height = 1'000;
    return l;
}

}  // namespace

TEST(token_rules, execute_transfers_needs_the_holders_flag_and_allowance_and_clears_the_flag) {
    AccountCore c(SignatureMode::Modeled);
    const Erc20& token = *c.contracts.erc20(c.ubt);
    const TokenRules& rules = c.holder.token_rules();
    Exec x(c.state, c.contracts, c.gas, c.next_block());
    EXPECT_EQ(rules.execute_transfers(x, token, c.holder_address, c.merchant, 5), Rejection::TransfersNotAllowed);
    rules.allow_transfers(x, c.holder_address);
    token.approve(x, c.holder_address, rules.address, 5);
    EXPECT_EQ(rules.execute_transfers(x, token, c.holder_address, c.merchant, 6), Rejection::InsufficientAllowance);
    rules.allow_transfers(x, c.holder_address);
    EXPECT_EQ(rules.execute_transfers(x, token, c.holder_address, c.merchant, 5), Rejection::None);
    EXPECT_EQ(token.allowance(x, c.holder_address, rules.address), 0);  // consumed
    EXPECT_EQ(token.balance_of(x, c.merchant), 5);
    // One batch per allowance of transfers.
    token.approve(x, c.holder_address, rules.address, 5);
    EXPECT_EQ(rules.execute_transfers(x, token, c.holder_address, c.merchant, 1), Rejection::TransfersNotAllowed);
}

TEST(token_rules, a_spend_leaves_no_allowance_and_no_flag_behind) {
    for (SignatureMode mode : {SignatureMode::Ecdsa, SignatureMode::Modeled}) {
        AccountCore c(mode);
        const HashChain chain(tag_hash(0xa1), 4);
        const KeyHolder key = c.open(chain, spend_limits(), 0xa2);
        const auto out = c.spend(key, chain.secret(1), 60);
        ASSERT_TRUE(out.ok()) << out.reason();
        // Approval(cap), Transfer, Approval(0), in this order.
        ASSERT_EQ(out.events.size(), 3u);
        EXPECT_EQ(out.events[0].name, "Approval");
        EXPECT_EQ(out.events[0].amount, 100);
        EXPECT_EQ(out.events[1].name, "Transfer");
        EXPECT_EQ(out.events[2].amount, 0);
        Exec x(c.state, c.contracts, c.gas, c.last_block());
        EXPECT_EQ(c.contracts.erc20(c.ubt)->allowance(x, c.holder_address, c.token_rules), 0);
        EXPECT_FALSE(c.holder.token_rules().transfers_allowed(x, c.holder_address));
        EXPECT_EQ(c.balance(c.merchant), 60);
    }
}

// A session key's execution over its spending limit is refused by the allowance, and the whole
// call reverts (the nonce stays; see docs/sessions.md on what the contracts do instead).
TEST(token_rules, the_allowance_bounds_a_session_key_execution) {
    AccountCore c(SignatureMode::Modeled);
    const KeyHolder key = KeyHolder::from_seed(tag_hash(0xa3), c.mode);
    const auto sigs = c.approve(DeviceOp::AuthorizeKey, {address_word(key.address()), eth::to_word(uint256(50)), slot(1'000)}, {0, 1});
    ASSERT_TRUE(c.call(AuthorizeKey{key.address(), 50, 1'000, sigs}).ok());
    auto execute = [&](const uint256& amount, const uint256& nonce) {
        const auto sig = key.sign(SessionKeys::execute_digest(c.holder_address, c.merchant, amount, nonce));
        return c.call(ExecuteWithKey{key.address(), c.merchant, amount, nonce, sig});
    };
    const auto over = execute(51, 0);
    EXPECT_EQ(over.rejection, AccountRejection::TokenRejected);
    EXPECT_EQ(over.reason(), "token allowance too low");
    EXPECT_TRUE(execute(50, 0).ok());
    EXPECT_EQ(c.balance(c.merchant), 50);
}
