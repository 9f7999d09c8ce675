// The pricer rule (PROTOCOL.md 3.1, OC PricerRule.sol): fiat-denominated session spends converted
// at the oracle price within the acceptance margin; expected amounts computed by hand from
// tokens = pay x rate x 10^oracleDecimals / 10^rateDecimals / price (two floor divisions).
#include "account_fixture.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

namespace {

PricerRule rule(const Address& worker) {
    PricerRule r;
    r.oracle = Address::from_hex("0x00000000000000000000000000000000000000ce").value();
    r.conversion_rate = 35;  // 1 OST = 3.5 BT (BT's own example)
    r.conversion_rate_decimals = 1;
    r.oracle_decimals = 2;   // price in cents
    r.acceptance_margin = 1;
    r.organization.workers = {worker};
    return r;
}

}  // namespace

TEST(pricer_rule, conversion_floors_twice_in_the_contracts_order) {
    const PricerRule r = rule({});
    // 1 USD (100 cents) at 0.02 USD per OST: 50 OST = 175 BT, i.e. 17,500 at two decimals.
    EXPECT_EQ(r.tokens(100, 2), 17'500);
    // 100 x 35 x 100 / 10 = 35,000; / 3 = 11,666.67 -> 11,666.
    EXPECT_EQ(r.tokens(100, 3), 11'666);
    // 1 x 35 x 100 / 10 = 350; / 700 = 0.5 -> 0.
    EXPECT_EQ(r.tokens(1, 700), 0);
}

class pricer : public ::testing::TestWithParam<SignatureMode> {};
INSTANTIATE_TEST_SUITE_P(modes, pricer, ::testing::Values(SignatureMode::Ecdsa, SignatureMode::Modeled),
                         [](const auto& i) { return i.param == SignatureMode::Ecdsa ? "ecdsa" : "modeled"; });

TEST_P(pricer, fiat_spends_convert_at_the_oracle_price_within_the_margin) {
    const Address worker = Address::from_hex("0x00000000000000000000000000000000000000f1").value();
    AccountCore c(GetParam(), {}, rule(worker));
    const HashChain chain(tag_hash(0x81), 5);
    SessionLimits l;
    l.secrets = 5;
    l.secret_amount = 20'000;  // token units: the limits bound what leaves the account
    l.session_amount = 30'000;
    l.expiration_height = 1'000;
    const KeyHolder key = c.open(chain, l, 0x82);
    auto spend = [&](std::uint32_t i, const uint256& cents, const uint256& intended) {
        const auto sig = key.sign(TokenHolder::fiat_spend_digest(c.holder_address, c.merchant, cents, intended,
                                                                 chain.secret(i)));
        return c.call(SpendFiatWithSecret{key.address(), c.merchant, cents, intended, chain.secret(i), sig});
    };
    EXPECT_EQ(spend(1, 100, 2).rejection, AccountRejection::NoPrice);  // no price published yet
    EXPECT_EQ(c.call_from(c.relayer, SetPrice{2, c.height + 100}).rejection, AccountRejection::NotWorker);
    ASSERT_TRUE(c.call_from(worker, SetPrice{2, c.height + 100}).ok());
    EXPECT_EQ(spend(1, 100, 4).rejection, AccountRejection::PriceOutsideMargin);
    const auto ok = spend(1, 100, 3);  // within the margin of 1 cent
    ASSERT_TRUE(ok.ok()) << ok.reason();
    EXPECT_EQ(c.balance(c.merchant), 17'500);
    EXPECT_EQ(spend(2, 200, 2).rejection, AccountRejection::OverSecretLimit);   // 35,000 tokens
    EXPECT_EQ(spend(2, 100, 2).rejection, AccountRejection::OverSessionLimit);  // 17,500 more
    ASSERT_TRUE(c.call_from(worker, SetPrice{3, c.height + 3}).ok());  // valid for 2 blocks
    const auto second = spend(2, 30, 3);  // 30 x 35 x 100 / 10 / 3 = 3,500
    ASSERT_TRUE(second.ok()) << second.reason();
    EXPECT_EQ(c.balance(c.merchant), 21'000);
    EXPECT_EQ(spend(3, 30, 3).rejection, AccountRejection::NoPrice);  // the price expired
}
