#include <gtest/gtest.h>

#include "chain/account.hpp"
#include "eth/trie.hpp"

using namespace ostsim;
using namespace ostsim::chain;

// An account RLP from ethereum/tests TrieTests/hex_encoded_securetrie_test.json ("test1"):
// nonce 1, balance 0x05f446a7, no storage, no code.
TEST(account, decodes_and_reencodes_an_official_account) {
    auto in = *eth::from_hex(
        "f848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2"
        "460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    auto acc = Account::from_rlp(in);
    ASSERT_TRUE(acc);
    EXPECT_EQ(acc->nonce, 1u);
    EXPECT_EQ(acc->balance, uint256(0x05f446a7));
    EXPECT_EQ(acc->storage_root, eth::empty_trie_root());
    EXPECT_EQ(acc->code_hash, empty_code_hash());
    EXPECT_EQ(acc->rlp(), in);
    EXPECT_FALSE(acc->is_empty());
    EXPECT_TRUE(Account{}.is_empty());
}

TEST(account, rejects_malformed_rlp) {
    Account a;
    a.nonce = 5;
    Bytes good = a.rlp();
    EXPECT_TRUE(Account::from_rlp(good));
    Bytes truncated(good.begin(), good.end() - 1);
    EXPECT_FALSE(Account::from_rlp(truncated));
    EXPECT_EQ(Account::from_rlp(*eth::from_hex("c3010203")).error(), eth::rlp::DecodeError::WrongSize);
}
