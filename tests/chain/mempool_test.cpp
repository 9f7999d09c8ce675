#include <gtest/gtest.h>

#include "chain/mempool.hpp"

using namespace ostsim;
using namespace ostsim::chain;

namespace {
Address who(std::uint8_t i) {
    Address a;
    a.bytes[19] = i;
    return a;
}
Transaction tx(std::uint8_t sender, std::uint64_t nonce, std::uint64_t price,
               std::uint64_t gas = 21'000, std::int64_t at = 0) {
    Transaction t;
    t.sender = who(sender);
    t.nonce = nonce;
    t.gas_price = price;
    t.gas_limit = gas;
    t.submitted_ns = at;
    return t;
}
// Packs a block as a builder does, including every transaction offered; each uses
// `used_percent` of its gas limit.
std::vector<Transaction> pack(const Mempool& m, std::uint64_t gas_limit,
                              std::uint64_t used_percent = 100) {
    Mempool::Packing p = m.packing();
    std::vector<Transaction> block;
    std::uint64_t left = gas_limit;
    while (const Transaction* t = p.next(left)) {
        block.push_back(*t);
        left -= t->gas_limit * used_percent / 100;
        p.included();
    }
    return block;
}
std::vector<std::pair<int, std::uint64_t>> order(const std::vector<Transaction>& b) {
    std::vector<std::pair<int, std::uint64_t>> out;
    for (auto& t : b) out.emplace_back(t.sender.bytes[19], t.nonce);
    return out;
}
}  // namespace

TEST(mempool, best_price_first_and_nonces_in_order) {
    Mempool m;
    EXPECT_EQ(m.add(tx(1, 0, 10), 0), AddResult::Added);
    EXPECT_EQ(m.add(tx(1, 1, 50), 0), AddResult::Added);  // rich, but behind a cheap nonce 0
    EXPECT_EQ(m.add(tx(2, 0, 20), 0), AddResult::Added);
    EXPECT_EQ(m.add(tx(3, 0, 30), 0), AddResult::Added);
    auto block = pack(m, 1'000'000);
    std::vector<std::pair<int, std::uint64_t>> want = {{3, 0}, {2, 0}, {1, 0}, {1, 1}};
    EXPECT_EQ(order(block), want);
}

TEST(mempool, gas_limit_bounds_the_block_and_a_gap_blocks_a_sender) {
    Mempool m;
    m.add(tx(1, 0, 100, 60'000), 0);
    m.add(tx(2, 0, 90, 50'000), 0);
    m.add(tx(3, 0, 80, 30'000), 0);
    m.add(tx(4, 1, 200), 0);  // nonce 1 while the account's nonce is 0: not executable
    auto block = pack(m, 100'000);
    std::vector<std::pair<int, std::uint64_t>> want = {{1, 0}, {3, 0}};
    EXPECT_EQ(order(block), want) << "sender 2 does not fit after sender 1; sender 3 does";
}

TEST(mempool, replacement_needs_a_price_bump_and_stale_nonces_are_rejected) {
    Mempool m;
    m.add(tx(1, 5, 100), 5);
    EXPECT_EQ(m.add(tx(1, 5, 105), 5), AddResult::Underpriced);
    EXPECT_EQ(m.add(tx(1, 5, 110), 5), AddResult::Replaced);
    EXPECT_EQ(m.add(tx(1, 5, 110), 5), AddResult::Duplicate);
    EXPECT_EQ(m.add(tx(1, 4, 500), 5), AddResult::NonceTooLow);
    EXPECT_EQ(m.size(), 1u);
    m.settle(who(1), 6);
    EXPECT_EQ(m.size(), 0u);
}

TEST(mempool, full_pool_evicts_the_cheapest_tail) {
    Mempool m({.capacity = 2});
    m.add(tx(1, 0, 10), 0);
    m.add(tx(2, 0, 20), 0);
    EXPECT_EQ(m.add(tx(3, 0, 5), 0), AddResult::PoolFull);
    EXPECT_EQ(m.add(tx(3, 0, 15), 0), AddResult::Added);
    std::vector<std::pair<int, std::uint64_t>> want = {{2, 0}, {3, 0}};
    EXPECT_EQ(order(pack(m, 1'000'000)), want);
}

TEST(mempool, eviction_ties_go_to_the_lowest_sender_whatever_the_insertion_order) {
    for (bool reversed : {false, true}) {
        Mempool m({.capacity = 2});
        m.add(tx(reversed ? 2 : 1, 0, 10), 0);
        m.add(tx(reversed ? 1 : 2, 0, 10), 0);
        EXPECT_EQ(m.add(tx(3, 0, 15), 0), AddResult::Added);
        std::vector<std::pair<int, std::uint64_t>> want = {{3, 0}, {2, 0}};
        EXPECT_EQ(order(pack(m, 1'000'000)), want);
    }
}

TEST(mempool, a_sender_evicting_its_own_cheaper_tail_keeps_its_queue) {
    Mempool m({.capacity = 2});
    m.add(tx(1, 0, 10), 0);
    m.add(tx(2, 0, 20), 0);
    // Sender 1's queue is the victim and the newcomer's home at once.
    EXPECT_EQ(m.add(tx(1, 1, 30), 0), AddResult::Added);
    EXPECT_EQ(m.size(), 2u);
    std::vector<std::pair<int, std::uint64_t>> want = {{2, 0}};  // nonce 1 waits for nonce 0
    EXPECT_EQ(order(pack(m, 1'000'000)), want);
}

TEST(mempool, equal_prices_go_by_submission_time_then_sender) {
    Mempool m;
    m.add(tx(2, 0, 10, 21'000, 5), 0);
    m.add(tx(1, 0, 10, 21'000, 5), 0);
    m.add(tx(3, 0, 10, 21'000, 1), 0);
    std::vector<std::pair<int, std::uint64_t>> want = {{3, 0}, {1, 0}, {2, 0}};
    EXPECT_EQ(order(pack(m, 1'000'000)), want);
}

TEST(mempool, a_block_is_packed_by_the_gas_used_not_the_gas_limit) {
    Mempool m;
    for (std::uint8_t s = 1; s <= 20; ++s) m.add(tx(s, 0, 100 - s, 42'000), 0);
    // Each uses half its limit: a transaction fits while its limit (42,000) is left, so after
    // k of them 210,000 - 21,000 k >= 42,000 admits k = 8, and a 9th; by limits, only 5 would.
    EXPECT_EQ(pack(m, 210'000, 50).size(), 9u);
    EXPECT_EQ(pack(m, 210'000, 100).size(), 5u);
}

TEST(mempool, a_transaction_left_out_keeps_its_senders_later_nonces_out_of_the_block) {
    Mempool m;
    m.add(tx(1, 0, 50), 0);
    m.add(tx(1, 1, 50), 0);
    m.add(tx(2, 0, 10), 0);
    Mempool::Packing p = m.packing();
    const Transaction* first = p.next(1'000'000);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->sender, who(1));
    // Not included (execution refused it): sender 1's nonce 1 is never offered.
    const Transaction* second = p.next(1'000'000);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second->sender, who(2));
    p.included();
    EXPECT_EQ(p.next(1'000'000), nullptr);
}
