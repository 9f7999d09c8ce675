// A pow core with transfer demand: blocks carry real transactions whose effects give every
// header's state root, the block gas limit bounds throughput, and fees respond to congestion.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "chain/state_transition.hpp"
#include "core/node.hpp"
#include "world/results.hpp"
#include "world/world.hpp"

using namespace ostsim;
using engine::kSecond;

namespace {

world::WorldSpec spec(double rate, std::uint64_t gas_limit, core::PricePolicy policy,
                      int threads = 1) {
    world::WorldSpec w;
    w.seed = 5;
    w.threads = threads;
    w.duration = 600 * kSecond;
    world::CoreSpec c;
    c.params.name = "c";
    c.params.delay = 50 * engine::kMillisecond;
    c.params.gas_limit = gas_limit;
    c.params.block_reward = 2;
    c.params.demand.accounts = 200;
    c.params.demand.balance = chain::uint256(1) << 80;
    c.params.demand.rate = rate;
    c.params.demand.value = 1000;
    c.params.demand.policy = policy;
    c.nodes = 6;
    c.rule = world::PowSpec{5 * kSecond, 3, 0};
    w.cores.push_back(c);
    return w;
}

// Replays node 0's main chain on a fresh world state, independent of the core's ledger:
// every header's state root must be the replayed one.
void expect_roots_replay(const world::World& w) {
    const core::Node& n = w.node(0, 0);
    std::vector<chain::BlockId> chain_ids;
    for (chain::BlockId b = n.tree().head().id; !(b == chain::kGenesis); b = n.tree().block(b).parent)
        chain_ids.push_back(b);
    chain::WorldState s;
    const core::TransferDemand& d = w.core(0).params().demand;
    for (std::uint32_t i = 0; i < d.accounts; ++i) {
        chain::Account a;
        a.balance = d.balance;
        s.put_account(core::demand_account(0, i), a);
    }
    EXPECT_EQ(s.commit(0), w.core(0).genesis().header.state_root);
    std::uint64_t version = 1;
    for (auto it = chain_ids.rbegin(); it != chain_ids.rend(); ++it) {
        const core::Block& b = n.block(*it);
        chain::Account miner = s.account(b.header.producer);
        miner.balance += w.core(0).params().block_reward;
        s.put_account(b.header.producer, miner);
        std::uint64_t gas = 0;
        for (const auto& tx : b.txs) {
            const auto o = chain::apply_transaction(s, tx, b.header.producer, b.header.gas_limit - gas);
            ASSERT_TRUE(o.ok()) << to_string(o.rejection);
            gas += o.gas_used;
        }
        EXPECT_EQ(gas, b.header.gas_used);
        ASSERT_EQ(s.commit(version++), b.header.state_root) << "height " << b.meta.height;
    }
}

}  // namespace

TEST(transfers, every_state_root_is_the_replayed_state_and_demand_below_capacity_is_served) {
    world::World w(spec(4, 8'000'000, core::PricePolicy::Fixed));
    w.run_until(600 * kSecond);
    const world::CoreResult r = world::core_result(w, 0, 600 * kSecond);
    expect_roots_replay(w);
    std::uint64_t submitted = 0;
    for (std::uint32_t i = 0; i < 6; ++i) submitted += w.node(0, i).counters().submitted;
    // A Poisson count of mean 2400: within 4 sigma.
    EXPECT_NEAR(static_cast<double>(submitted), 2400, 4 * std::sqrt(2400.0));
    // All but those of the last few blocks are in: at most a minute of demand is pending.
    EXPECT_GE(r.transactions + 4 * 60, submitted);
    EXPECT_NEAR(r.throughput_tps, 4.0, 0.5);
}

TEST(transfers, throughput_is_bounded_by_the_block_gas_limit) {
    // 10 transfers per block fit; demand is 20 per second at 5 s blocks: 100 per block.
    const std::uint64_t gas_limit = 10 * chain::kTransferGas;
    world::World w(spec(20, gas_limit, core::PricePolicy::LogNormal));
    w.run_until(600 * kSecond);
    const world::CoreResult r = world::core_result(w, 0, 600 * kSecond);
    expect_roots_replay(w);
    for (const auto& b : r.blocks) EXPECT_LE(b.block->header.gas_used, gas_limit);
    // Capacity: 10 per main-chain block.
    EXPECT_NEAR(static_cast<double>(r.transactions), 10.0 * static_cast<double>(r.main),
                0.05 * 10.0 * static_cast<double>(r.main));
    // Under congestion higher bids go first, within each sender's nonce order (a sender's
    // next transaction carries whatever it bid): more than half of the included bids are above
    // the median bid. Under no preference the share is binomial around 0.5 with sd < 0.02.
    std::uint64_t above = 0, all = 0;
    for (const auto& b : r.blocks)
        if (b.main)
            for (const auto& tx : b.block->txs) {
                ++all;
                above += tx.gas_price > 1'000'000'000;
            }
    ASSERT_GT(all, 1000u);
    EXPECT_GT(static_cast<double>(above) / static_cast<double>(all), 0.56);
}

TEST(transfers, the_oracle_raises_prices_and_prices_out_senders_under_congestion) {
    const std::uint64_t gas_limit = 10 * chain::kTransferGas;
    world::World w(spec(20, gas_limit, core::PricePolicy::Oracle));
    w.run_until(600 * kSecond);
    std::uint64_t priced_out = 0, submitted = 0;
    for (std::uint32_t i = 0; i < 6; ++i) {
        priced_out += w.node(0, i).counters().priced_out;
        submitted += w.node(0, i).counters().submitted;
    }
    EXPECT_GT(priced_out, submitted / 10) << "demand falls as fees rise";
    const world::CoreResult r = world::core_result(w, 0, 600 * kSecond);
    std::uint64_t late_min = ~std::uint64_t{0};
    for (const auto& b : r.blocks)
        if (b.main && b.block->meta.timestamp > 300 * kSecond)
            for (const auto& tx : b.block->txs) late_min = std::min(late_min, tx.gas_price);
    EXPECT_GT(late_min, 1'000'000'000u) << "the cheapest included price rose above the base";
}

TEST(transfers, same_seed_same_blocks_at_any_thread_count) {
    world::World one(spec(20, 10 * chain::kTransferGas, core::PricePolicy::Oracle, 1));
    world::World two(spec(20, 10 * chain::kTransferGas, core::PricePolicy::Oracle, 2));
    one.run_until(200 * kSecond);
    two.run_until(200 * kSecond);
    EXPECT_EQ(one.digest(), two.digest());
    EXPECT_EQ(one.node(0, 0).tree().head().id, two.node(0, 0).tree().head().id);
    EXPECT_EQ(one.node(0, 0).block(one.node(0, 0).tree().head().id).header.state_root,
              two.node(0, 0).block(two.node(0, 0).tree().head().id).header.state_root);
}

// Without transaction gossip a transaction is in its submitting node's pool only: every
// main-chain block holds only its producer's submissions, and a transaction waits for its node's
// turn to win a block - with 6 equal miners about 6 block intervals instead of about one.
TEST(transfers, without_gossip_only_the_submitting_node_includes_a_transaction) {
    struct Outcome {
        double foreign_share;  // of included transactions, in another node's block
        double delay_s;
        std::uint64_t digest;
    };
    const auto run = [](bool gossip) {
        world::WorldSpec s = spec(2, 8'000'000, core::PricePolicy::Fixed);
        s.cores[0].params.tx_gossip = gossip;
        world::World w(s);
        w.run_until(600 * kSecond);
        const world::CoreResult r = world::core_result(w, 0, 600 * kSecond);
        std::map<std::uint64_t, std::uint32_t> producer;  // main chain: height -> producer
        for (const auto& b : r.blocks)
            if (b.main) producer[b.block->meta.height] = b.block->meta.producer;
        std::uint64_t foreign = 0, included = 0;
        for (const auto& t : r.txs) {
            if (t.included < 0) continue;
            ++included;
            foreign += producer.at(t.height) != t.node;
        }
        EXPECT_GT(included, 500u);
        return Outcome{static_cast<double>(foreign) / static_cast<double>(included),
                       r.transfers.inclusion_delay_s, w.digest()};
    };
    const Outcome on = run(true), off = run(false);
    EXPECT_EQ(off.foreign_share, 0.0);
    // Gossiped, a transaction goes into whichever block comes next: 5 in 6 from another node.
    EXPECT_NEAR(on.foreign_share, 5.0 / 6.0, 0.1);
    EXPECT_GT(off.delay_s, 3 * on.delay_s);
    EXPECT_NE(on.digest, off.digest);
}
