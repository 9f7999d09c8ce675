// Calls to users' accounts (TokenHolders) as transactions in a core's blocks, on a ledger driven
// by hand: the call sees its block's timestamp (a session expiring by time ends at the first
// block at or past it), a reverted spend is included and its session key pays the gas, and a
// spend from a key with no coin for gas is left out with the envelope's reason.
#include <gtest/gtest.h>

#include "core/ledger.hpp"
#include "protocol/hash_chain.hpp"

using namespace ostsim;
using namespace ostsim::protocol;

namespace {

Address holder_test_address(std::uint8_t tag) {
    Address a;
    a.bytes[0] = 0xac;
    a.bytes[19] = tag;
    return a;
}

const Address kToken = holder_test_address(1), kRules = holder_test_address(2), kCoGateway = holder_test_address(3), kWorker = holder_test_address(4),
              kHolder = holder_test_address(5), kMerchant = holder_test_address(6), kRelayer = holder_test_address(7);
const chain::uint256 kCoin = chain::uint256(1) << 60;
constexpr std::uint64_t kSecondNs = 1'000'000'000;

Hash key_seed(std::uint8_t tag) { return eth::keccak256(eth::Bytes{tag}); }

struct AccountLedger {
    KeyHolder device = KeyHolder::from_seed(key_seed(1), SignatureMode::Modeled);
    KeyHolder key = KeyHolder::from_seed(key_seed(2), SignatureMode::Modeled);
    KeyHolder unfunded = KeyHolder::from_seed(key_seed(3), SignatureMode::Modeled);
    std::shared_ptr<core::ProtocolGenesis> genesis = make_genesis();
    core::Ledger ledger{std::vector<core::Allocation>{{kRelayer, kCoin}, {key.address(), kCoin}}, 16,
                        genesis};
    const Address producer = core::node_address(0, 0);
    std::uint64_t handle = 0;

    std::shared_ptr<core::ProtocolGenesis> make_genesis() {
        auto g = std::make_shared<core::ProtocolGenesis>();
        g->contracts.add(UtilityBrandedToken{{kToken, TransferRule::InternalRecipient}, kCoGateway,
                                             {{}, {}, {kWorker}}});
        g->accounts.push_back({kToken, kRules, {SignatureMode::Modeled, {}, 1, {}}});
        const Address dev = device.address();
        g->deploy = [dev](Exec& x) {
            const auto& t = *x.contracts().find<UtilityBrandedToken>(kToken);
            t.deploy(x);
            const Address actors[] = {kHolder, kMerchant};
            EXPECT_EQ(t.register_internal_actors(x, kWorker, actors), Rejection::None);
            EXPECT_EQ(t.increase_supply(x, kCoGateway, kHolder, 1'000), Rejection::None);
            const TokenHolder h(kHolder, kToken, kRules, {SignatureMode::Modeled, {}, 1, {}});
            const Address devices[] = {dev};
            EXPECT_EQ(h.devices().setup(x, devices, 1), AccountRejection::None);
        };
        return g;
    }

    chain::Transaction call(const Address& sender, std::uint64_t nonce, AccountBody body) {
        chain::Transaction tx;
        tx.sender = sender;
        tx.to = kHolder;
        tx.nonce = nonce;
        tx.gas_price = 2;
        tx.gas_limit = 300'000;
        tx.call = ++handle;
        ledger.add_call(tx.call, core::AccountTx{0, kHolder, std::move(body)});
        return tx;
    }
};

}  // namespace

TEST(account_calls, see_the_block_timestamp_pay_gas_when_reverted_and_need_coin_for_gas) {
    AccountLedger a;
    const HashChain chain(key_seed(9), 4);
    SessionLimits l;
    l.secrets = 4;
    l.secret_amount = 100;
    l.session_amount = 400;
    l.expiration_time = 20;  // seconds of block time
    const Hash args[] = {address_word(a.key.address()), chain.anchor(), TokenHolder::limits_word(l)};
    const Signatures approval{a.device.sign(TokenHolder::op_digest(kHolder, DeviceOp::OpenSession, args, 0))};
    auto spend = [&](const KeyHolder& k, std::uint64_t nonce, std::uint32_t i) {
        const Hash p = chain.secret(i);
        return a.call(k.address(), nonce,
                      SpendWithSecret{k.address(), kMerchant, 10, p,
                                      k.sign(TokenHolder::spend_digest(kHolder, kMerchant, 10, p))});
    };

    const chain::Transaction block1[] = {a.call(kRelayer, 0, OpenSession{a.key.address(), chain.anchor(), l, approval})};
    const core::Execution x1 = a.ledger.execute(chain::kGenesis, {0, 1}, 1, 10 * kSecondNs, a.producer, 0, block1, 30'000'000);
    ASSERT_EQ(x1.included.size(), 1u);
    EXPECT_TRUE(x1.receipts[0].ok()) << x1.receipts[0].reason();

    const chain::Transaction block2[] = {spend(a.key, 0, 1), spend(a.unfunded, 0, 2)};
    const core::Execution x2 = a.ledger.execute({0, 1}, {0, 2}, 2, 19 * kSecondNs + kSecondNs / 2, a.producer, 0, block2, 30'000'000);
    ASSERT_EQ(x2.included.size(), 1u);
    EXPECT_TRUE(x2.receipts[0].ok()) << x2.receipts[0].reason();
    ASSERT_EQ(x2.rejected.size(), 1u);
    EXPECT_EQ(x2.rejected[0].second, chain::Rejection::InsufficientFunds);

    // Block time 20 s: the session has expired; the spend reverts, is included and pays.
    const chain::uint256 before = a.ledger.account({0, 2}, a.key.address()).balance;
    const chain::Transaction block3[] = {spend(a.key, 1, 2)};
    const core::Execution x3 = a.ledger.execute({0, 2}, {0, 3}, 3, 20 * kSecondNs, a.producer, 0, block3, 30'000'000);
    ASSERT_EQ(x3.included.size(), 1u);
    EXPECT_EQ(x3.receipts[0].account, AccountRejection::ExpiredByTime);
    EXPECT_EQ(x3.receipts[0].reason(), to_string(AccountRejection::ExpiredByTime));
    EXPECT_GT(x3.receipts[0].gas_used, 21'000u);
    EXPECT_EQ(a.ledger.account({0, 3}, a.key.address()).balance,
              before - chain::uint256(x3.receipts[0].gas_used * 2));
    // One spend of 10 went through.
    const Hash balance_slot = mapping_slot(kMerchant, Erc20::kBalancesSlot);
    EXPECT_EQ(a.ledger.storage({0, 3}, kToken, balance_slot).value(), chain::uint256(10));
}
