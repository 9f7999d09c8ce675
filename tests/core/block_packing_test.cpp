// Block building as geth's miner does it, through the real ledger: the mempool offers a
// transaction while its gas limit fits in the gas left, and the gas left shrinks by the gas the
// transaction used when executed, so transfers with generous gas limits fill a block by use.
#include <gtest/gtest.h>

#include "chain/mempool.hpp"
#include "core/ledger.hpp"

using namespace ostsim;

namespace {

chain::Address sender(std::uint8_t i) {
    chain::Address a;
    a.bytes[0] = 0x5e;
    a.bytes[19] = i;
    return a;
}

}  // namespace

TEST(block_packing, transfers_with_twice_the_gas_they_use_fill_a_block_by_use) {
    const chain::uint256 ether = chain::uint256(1) << 60;
    std::vector<core::Allocation> funded;
    chain::Mempool pool;
    for (std::uint8_t i = 1; i <= 20; ++i) {
        funded.push_back({sender(i), ether});
        chain::Transaction t;
        t.sender = sender(i);
        t.to = sender(0);
        t.value = 1;
        t.gas_price = 100 - i;
        t.gas_limit = 2 * chain::kTransferGas;
        ASSERT_EQ(pool.add(t, 0), chain::AddResult::Added);
    }
    core::Ledger ledger(funded);
    chain::Mempool::Packing packing = pool.packing();
    const std::uint64_t block_gas = 10 * chain::kTransferGas;
    const core::Execution x = ledger.execute(chain::kGenesis, {0, 1}, 1, 0, core::node_address(0, 0),
                                             0, packing, block_gas);
    // By limits 5 would fit; by use, a 9th still finds its 2 x 21,000 left after 8.
    EXPECT_EQ(x.included.size(), 9u);
    EXPECT_EQ(x.gas_used, 9 * chain::kTransferGas);
    EXPECT_TRUE(x.rejected.empty());
    for (std::size_t k = 0; k < x.included.size(); ++k) {
        EXPECT_EQ(x.included[k].sender, sender(static_cast<std::uint8_t>(k + 1))) << "best price first";
        EXPECT_EQ(x.receipts[k].gas_used, chain::kTransferGas);
    }
    EXPECT_EQ(ledger.account({0, 1}, sender(0)).balance, chain::uint256(9));
}
