// Contract calls as transactions in a core's blocks, on one core's ledger driven by hand: calls
// pay for the gas they use, a reverted call is still included and pays, a call below its
// intrinsic gas is left out, the block gas limit bounds how many fit, and every header's state
// root is the one a replay on a fresh world state gives.
#include <gtest/gtest.h>

#include "core/ledger.hpp"
#include "protocol/storage_layout.hpp"
#include "world/world.hpp"

using namespace ostsim;
using namespace ostsim::protocol;

namespace {

Address addr(std::uint8_t tag) {
    Address a;
    a.bytes[0] = 0xca;
    a.bytes[19] = tag;
    return a;
}

const Address kOst = addr(1), kAnchor = addr(2), kOrg = addr(0x20), kAlice = addr(0x21),
              kBob = addr(0x22);
const chain::uint256 kEther = chain::uint256(1) << 60;
constexpr std::uint64_t kPrice = 3;
constexpr std::uint64_t kCallGas = 100'000;

std::shared_ptr<core::ProtocolGenesis> protocol_genesis() {
    auto g = std::make_shared<core::ProtocolGenesis>();
    const Anchor anchor{kAnchor, Organization{kOrg, {}, {}}, {}, 10, AnchorRule::Organization};
    g->contracts.add(Erc20{kOst, TransferRule::Open});
    g->contracts.add(anchor);
    g->deploy = [anchor](Exec& x) {
        anchor.deploy(x, 0, eth::keccak256(eth::as_bytes("remote genesis")));
        x.contracts().erc20(kOst)->mint(x, kAlice, 1'000);
    };
    return g;
}

const std::vector<core::Allocation> kFunded{{kAlice, kEther}, {kOrg, kEther}};

// The transaction of call `handle`, whose body the ledger knows.
chain::Transaction call_tx(const Address& sender, const Address& to, std::uint64_t nonce,
                           std::uint64_t handle, std::uint64_t gas_limit = kCallGas) {
    chain::Transaction tx;
    tx.sender = sender;
    tx.to = to;
    tx.nonce = nonce;
    tx.gas_price = kPrice;
    tx.gas_limit = gas_limit;
    tx.call = handle;
    return tx;
}

chain::uint256 ost_balance_slot_value(core::Ledger& l, chain::BlockId id, const Address& a) {
    return l.storage(id, kOst, mapping_slot(a, Erc20::kBalancesSlot)).value();
}

// Replays blocks of calls on a fresh world state, charging fees by hand rather than through
// the ledger's envelope code: returns each block's state root.
std::vector<chain::Hash> replay(const core::ProtocolGenesis& g,
                                const std::vector<std::vector<std::pair<chain::Transaction, Body>>>& blocks,
                                const Address& producer) {
    chain::WorldState s;
    for (const core::Allocation& a : kFunded) {
        chain::Account acc;
        acc.balance = a.balance;
        s.put_account(a.address, acc);
    }
    {
        Exec x(s, g.contracts, g.gas, {0, {}});
        g.deploy(x);
    }
    std::vector<chain::Hash> roots{s.commit(0)};
    for (std::size_t h = 0; h < blocks.size(); ++h) {
        for (const auto& [tx, body] : blocks[h]) {
            const Outcome o = apply(g.contracts, s, {tx.sender, tx.value, tx.gas_price, tx.gas_limit, body},
                                    {h + 1, {}}, g.gas);
            chain::Account from = s.account(tx.sender);
            from.nonce += 1;
            from.balance -= chain::uint256(o.gas_used * tx.gas_price);
            s.put_account(tx.sender, from);
            chain::Account miner = s.account(producer);
            miner.balance += chain::uint256(o.gas_used * tx.gas_price);
            s.put_account(producer, miner);
        }
        roots.push_back(s.commit(h + 1));
    }
    return roots;
}

}  // namespace

TEST(contract_calls, are_included_pay_gas_record_reverts_and_replay_to_the_header_roots) {
    auto g = protocol_genesis();
    core::Ledger l(kFunded, 64, g);
    const Address producer = core::node_address(0, 0);
    const Body pay{Transfer{kOst, kBob, 300}}, overdraw{Transfer{kOst, kBob, 5'000}},
        anchor{AnchorStateRoot{kAnchor, 1, eth::keccak256(eth::as_bytes("remote 1"))}},
        pay_again{Transfer{kOst, kBob, 100}}, bob_pays{Transfer{kOst, kAlice, 1}};
    l.add_call(1, pay);
    l.add_call(2, overdraw);
    l.add_call(3, anchor);
    l.add_call(4, bob_pays);
    l.add_call(5, pay_again);
    EXPECT_THROW(l.add_call(1, pay), std::logic_error);

    const chain::Transaction t1 = call_tx(kAlice, kOst, 0, 1), t2 = call_tx(kAlice, kOst, 1, 2),
                             t3 = call_tx(kOrg, kAnchor, 0, 3),
                             t4 = call_tx(kBob, kOst, 0, 4, chain::kTransferGas);  // below intrinsic
    const chain::BlockId b1{0, 1}, b2{0, 2};
    const std::vector<chain::Transaction> block1{t1, t2, t3, t4};
    const core::Execution x = l.execute(chain::kGenesis, b1, 1, 0, producer, 0, block1, 30'000'000);

    ASSERT_EQ(x.included.size(), 3u);
    ASSERT_EQ(x.rejected.size(), 1u);
    EXPECT_TRUE(x.rejected[0].first.same_content(t4));
    EXPECT_EQ(x.rejected[0].second, chain::Rejection::IntrinsicGas);
    ASSERT_EQ(x.reverted.size(), 1u);
    EXPECT_TRUE(x.reverted[0].first.same_content(t2));
    EXPECT_EQ(x.reverted[0].second, protocol::Rejection::InsufficientBalance);
    // The successful transfer's and the anchoring's events; none of the reverted call's.
    EXPECT_FALSE(x.events.empty());

    // Every fee went to the producer; senders paid gas used, not gas limit, and bumped nonces.
    const chain::Account miner = l.account(b1, producer), alice = l.account(b1, kAlice),
                         org = l.account(b1, kOrg);
    EXPECT_EQ(miner.balance, chain::uint256(x.gas_used * kPrice));
    EXPECT_EQ(kEther - alice.balance + (kEther - org.balance), miner.balance);
    EXPECT_EQ(alice.nonce, 2u);
    EXPECT_EQ(org.nonce, 1u);
    EXPECT_EQ(l.account(b1, kBob).nonce, 0u);
    // The reverted call paid for more than its intrinsic gas but not its whole limit.
    const std::uint64_t alice_gas = static_cast<std::uint64_t>((kEther - alice.balance) / kPrice);
    EXPECT_GT(alice_gas, 2 * intrinsic_gas({kAlice, 0, kPrice, kCallGas, overdraw}, g->gas));
    EXPECT_LT(alice_gas, 2 * kCallGas);
    EXPECT_EQ(ost_balance_slot_value(l, b1, kBob), 300);
    EXPECT_EQ(ost_balance_slot_value(l, b1, kAlice), 700);

    const std::vector<chain::Transaction> block2{call_tx(kAlice, kOst, 2, 5)};
    const core::Execution y = l.execute(b1, b2, 2, 0, producer, 0, block2, 30'000'000);
    EXPECT_EQ(y.included.size(), 1u);
    EXPECT_EQ(ost_balance_slot_value(l, b2, kBob), 400);
    EXPECT_EQ(ost_balance_slot_value(l, b1, kBob), 300);  // the older block's state is intact

    const auto roots = replay(*g, {{{t1, pay}, {t2, overdraw}, {t3, anchor}}, {{block2[0], pay_again}}},
                              producer);
    EXPECT_EQ(roots[0], l.genesis_root());
    EXPECT_EQ(roots[1], x.state_root);
    EXPECT_EQ(roots[2], y.state_root);
}

TEST(contract_calls, the_block_gas_limit_bounds_how_many_fit) {
    core::Ledger l(kFunded, 64, protocol_genesis());
    std::vector<chain::Transaction> txs;
    for (std::uint64_t i = 0; i < 10; ++i) {
        l.add_call(i + 1, Transfer{kOst, kBob, 1});
        txs.push_back(call_tx(kAlice, kOst, i, i + 1));
    }
    // A call fits while its gas limit is at most the block's gas limit less the gas used so far
    // (what calls used, not their limits): they stop once less than one limit is left.
    const std::uint64_t block_limit = 3 * kCallGas + kCallGas / 2;
    const core::Execution x = l.execute(chain::kGenesis, {0, 1}, 1, 0, core::node_address(0, 0), 0, txs,
                                        block_limit);
    const std::size_t n = x.included.size();
    EXPECT_GT(n, 3u);
    EXPECT_LT(n, 10u);
    EXPECT_LE(x.gas_used, block_limit);
    EXPECT_LT(block_limit - x.gas_used, kCallGas);
    ASSERT_EQ(x.rejected.size(), 10 - n);
    for (const auto& [tx, why] : x.rejected) EXPECT_EQ(why, chain::Rejection::BlockGasExceeded);
    EXPECT_EQ(ost_balance_slot_value(l, {0, 1}, kBob), n);
    // The producer got exactly the gas used, at the price.
    EXPECT_EQ(l.account({0, 1}, core::node_address(0, 0)).balance, chain::uint256(x.gas_used * kPrice));
}

// Until actors submit calls, a world's core with the contracts runs transfers only; deploying
// them changes its genesis root and keeps its run the same at any thread count.
// The ledger credits a block's call fees to its producer once, after the block's calls
// (Ledger::ProducerFees), unless the producer itself sends a transaction: here it spends fees
// it earned earlier in the same block, which it could not afford had they not been credited.
TEST(contract_calls, a_producer_spends_fees_earned_earlier_in_the_same_block) {
    core::Ledger l(kFunded, 64, protocol_genesis());
    const Address producer = core::node_address(0, 0);
    l.add_call(1, Transfer{kOst, kBob, 5});
    const chain::Transaction call = call_tx(kAlice, kOst, 0, 1);
    chain::Transaction spend;  // a plain transfer of all but the producer's own gas
    spend.sender = producer;
    spend.to = kBob;
    spend.gas_price = kPrice;
    spend.gas_limit = chain::kTransferGas;
    const std::vector<chain::Transaction> block{call, spend};
    const core::Execution probe = l.execute(chain::kGenesis, {0, 1}, 1, 0, producer, 0,
                                            std::span(block).first(1), 30'000'000);
    const chain::uint256 fee = chain::uint256(probe.gas_used * kPrice);
    spend.value = fee - chain::uint256(chain::kTransferGas * kPrice);
    const std::vector<chain::Transaction> both{call, spend};
    const core::Execution x = l.execute(chain::kGenesis, {0, 2}, 1, 0, producer, 0, both, 30'000'000);
    ASSERT_EQ(x.included.size(), 2u);
    ASSERT_TRUE(x.rejected.empty());
    // It paid its own gas to itself: all it holds is that fee.
    EXPECT_EQ(l.account({0, 2}, producer).balance, chain::uint256(chain::kTransferGas * kPrice));
    EXPECT_EQ(l.account({0, 2}, producer).nonce, 1u);
    EXPECT_EQ(l.account({0, 2}, kBob).balance, spend.value);
}

TEST(contract_calls, a_core_with_the_contracts_runs_the_same_at_1_and_2_threads) {
    const auto run = [](int threads, bool contracts) {
        world::WorldSpec w;
        w.seed = 3;
        w.threads = threads;
        w.duration = 120 * engine::kSecond;
        world::CoreSpec c;
        c.params.name = "c";
        c.params.delay = 50 * engine::kMillisecond;
        c.params.demand.accounts = 20;
        c.params.demand.balance = kEther;
        c.params.demand.rate = 2;
        c.params.demand.value = 1000;
        if (contracts) c.params.protocol = protocol_genesis();
        c.nodes = 4;
        c.rule = world::PowSpec{5 * engine::kSecond, 3, 0};
        w.cores.push_back(c);
        world::World x(w);
        x.run_until(w.duration);
        return std::pair{x.digest(), x.core(0).genesis().header.state_root};
    };
    const auto one = run(1, true), two = run(2, true);
    EXPECT_EQ(one.first, two.first);
    EXPECT_EQ(one.second, two.second);
    EXPECT_NE(one.second, run(1, false).second);
}

TEST(world_state, storage_at_reads_a_retained_version_without_moving_the_working_state) {
    chain::WorldState s(8);
    const Hash slot = eth::to_word(7);
    s.set_storage(kOst, slot, 11);
    s.commit(1);
    s.set_storage(kOst, slot, 22);
    s.commit(2);
    s.set_storage(kOst, slot, 33);  // uncommitted working change
    EXPECT_EQ(s.storage_at(1, kOst, slot), chain::uint256(11));
    EXPECT_EQ(s.storage_at(2, kOst, slot), chain::uint256(22));
    EXPECT_EQ(s.storage_at(2, kBob, slot), chain::uint256(0));  // no such account
    EXPECT_EQ(s.storage_at(2, kOst, eth::to_word(8)), chain::uint256(0));
    EXPECT_FALSE(s.storage_at(3, kOst, slot).has_value());  // no such version
    EXPECT_EQ(s.storage(kOst, slot), 33);
}
