#include <gtest/gtest.h>

#include "chain/block_header.hpp"
#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/trie.hpp"

using namespace ostsim;
using namespace ostsim::chain;

namespace {
BlockHeader sample() {
    BlockHeader h;
    h.parent_hash = eth::keccak256(eth::as_bytes("parent"));
    h.producer = *Address::from_hex("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
    h.state_root = eth::empty_trie_root();
    h.transactions_root = transactions_root({});
    h.height = 1'000'000;
    h.gas_limit = 10'000'000;
    h.gas_used = 21'000;
    h.timestamp_ns = 3'000'000'000;
    h.extra = {0xde, 0xad};
    return h;
}
}  // namespace

TEST(block_header, rlp_round_trip_and_hash_is_keccak_of_rlp) {
    BlockHeader h = sample();
    Bytes enc = h.rlp();
    auto back = BlockHeader::from_rlp(enc);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, h);
    EXPECT_EQ(h.hash(), eth::keccak256(enc));
    BlockHeader other = h;
    other.gas_used += 1;
    EXPECT_NE(other.hash(), h.hash());
}

TEST(block_header, rejects_malformed_rlp) {
    Bytes enc = sample().rlp();
    EXPECT_FALSE(BlockHeader::from_rlp(Bytes(enc.begin(), enc.end() - 1)));
    Bytes list;
    eth::rlp::append_list_header(list, 1);
    list.push_back(0x01);
    EXPECT_EQ(BlockHeader::from_rlp(list).error(), eth::rlp::DecodeError::WrongSize);
}

// An empty block's transactions root is the empty trie root, as in Ethereum.
TEST(block_header, transactions_root) {
    EXPECT_EQ(transactions_root({}), eth::empty_trie_root());
    std::vector<Hash> txs = {eth::keccak256(eth::as_bytes("a")), eth::keccak256(eth::as_bytes("b"))};
    Hash r = transactions_root(txs);
    std::swap(txs[0], txs[1]);
    EXPECT_NE(transactions_root(txs), r) << "the root commits to the order";
}
