#include <gtest/gtest.h>

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/secure_trie.hpp"
#include "eth/trie.hpp"
#include "eth/trie_proof.hpp"

using namespace ostsim::eth;

namespace {
ByteView b(std::string_view s) { return as_bytes(s); }
std::string str(std::optional<ByteView> v) { return v ? std::string(v->begin(), v->end()) : "<none>"; }
const Hash kEmptyRoot = keccak256(rlp::encode({}));
}  // namespace

TEST(trie, empty_root_is_keccak_of_rlp_empty_string) {
    Trie t;
    EXPECT_EQ(t.root_hash().hex(false),
              "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
}

// Root from go-ethereum's trie tests (TestInsert): do, dog, doge, horse.
TEST(trie, insert_get_and_known_root) {
    Trie t;
    t.put(b("doe"), b("reindeer"));
    t.put(b("dog"), b("puppy"));
    t.put(b("dogglesworth"), b("cat"));
    EXPECT_EQ(t.root_hash().hex(false),
              "8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
    EXPECT_EQ(str(t.get(b("dog"))), "puppy");
    EXPECT_EQ(str(t.get(b("do"))), "<none>");
    EXPECT_EQ(t.size(), 3u);
}

TEST(trie, update_and_delete_restore_roots) {
    Trie t;
    t.put(b("do"), b("verb"));
    t.put(b("dog"), b("puppy"));
    Hash two = t.root_hash();
    t.put(b("doge"), b("coin"));
    t.put(b("dog"), b("hound"));
    EXPECT_EQ(str(t.get(b("dog"))), "hound");
    t.put(b("dog"), b("puppy"));
    EXPECT_TRUE(t.erase(b("doge")));
    EXPECT_FALSE(t.erase(b("doge")));
    EXPECT_EQ(t.root_hash(), two);
    t.put(b("do"), {});  // an empty value erases
    t.erase(b("dog"));
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
    EXPECT_TRUE(t.empty());
}

TEST(trie, versions_keep_old_states_readable) {
    Trie t(2);
    t.put(b("a"), b("1"));
    Hash r1 = t.commit(1);
    t.put(b("a"), b("2"));
    t.put(b("b"), b("2"));
    Hash r2 = t.commit(2);
    EXPECT_NE(r1, r2);
    EXPECT_EQ(str(t.at(1)->get(b("a"))), "1");
    EXPECT_EQ(str(t.at(1)->get(b("b"))), "<none>");
    EXPECT_EQ(t.at(1)->root_hash(), r1);
    EXPECT_EQ(str(t.at(2)->get(b("a"))), "2");
    t.put(b("c"), b("3"));
    t.commit(3);  // evicts version 1
    EXPECT_FALSE(t.at(1));
    EXPECT_EQ(t.oldest_version(), 2u);
    EXPECT_EQ(t.at(2)->root_hash(), r2);
}

TEST(trie, checkout_builds_a_fork_on_an_older_version) {
    Trie t(8);
    t.put(b("x"), b("base"));
    Hash base = t.commit(10);
    t.put(b("y"), b("left"));
    t.commit(11);
    ASSERT_TRUE(t.checkout(10));
    EXPECT_EQ(t.root_hash(), base);
    EXPECT_EQ(t.size(), 1u);
    t.put(b("y"), b("right"));
    Hash right = t.commit(12);
    EXPECT_EQ(str(t.at(11)->get(b("y"))), "left");
    EXPECT_EQ(str(t.at(12)->get(b("y"))), "right");
    EXPECT_EQ(t.at(12)->root_hash(), right);
    EXPECT_FALSE(t.checkout(99));
}

TEST(trie, proofs_of_presence_and_absence) {
    Trie t;
    for (std::string k : {"do", "dog", "doge", "horse", "dogglesworth", "ether"}) t.put(b(k), b(k + "!"));
    Hash root = t.root_hash();
    for (std::string k : {"do", "dog", "doge", "horse", "dogglesworth", "ether"}) {
        auto r = verify_proof(root, b(k), t.view().prove(b(k)));
        ASSERT_TRUE(r) << k;
        ASSERT_TRUE(*r) << k;
        EXPECT_EQ(std::string(r->value().begin(), r->value().end()), k + "!");
    }
    for (std::string k : {"d", "dogs", "cat", "horses", "e", ""}) {
        auto r = verify_proof(root, b(k), t.view().prove(b(k)));
        ASSERT_TRUE(r) << k << ": " << to_string(r.error());
        EXPECT_FALSE(*r) << k;
    }
}

TEST(trie, proof_of_empty_trie) {
    Trie t;
    auto r = verify_proof(t.root_hash(), b("k"), t.view().prove(b("k")));
    ASSERT_TRUE(r);
    EXPECT_FALSE(*r);
}

TEST(trie, proof_fails_against_other_root_or_tampered_node) {
    Trie t;
    for (int i = 0; i < 100; ++i) t.put(keccak256(Bytes{std::uint8_t(i)}), Bytes(40, std::uint8_t(i)));
    Hash key = keccak256(Bytes{7});
    Proof p = t.view().prove(key);
    ASSERT_GE(p.size(), 2u);
    Hash root = t.root_hash();
    EXPECT_EQ(verify_proof(keccak256(as_bytes("other")), key, p).error(), ProofError::MissingNode);
    Proof tampered = p;
    tampered.back().back() ^= 1;
    EXPECT_FALSE(verify_proof(root, key, tampered));
    Proof truncated(p.begin(), p.end() - 1);
    EXPECT_EQ(verify_proof(root, key, truncated).error(), ProofError::MissingNode);
}

TEST(secure_trie, keys_are_hashed_and_proofs_verify_at_versions) {
    SecureTrie s(4);
    s.put(b("alice"), b("100"));
    s.put(b("bob"), b("50"));
    Hash r1 = s.commit(1);
    EXPECT_EQ(str(s.hashed().get(keccak256(b("alice")))), "100");
    s.put(b("alice"), b("90"));
    s.commit(2);
    auto proof = s.prove_at(1, b("alice"));
    ASSERT_TRUE(proof);
    auto v = verify_secure_proof(r1, b("alice"), *proof);
    ASSERT_TRUE(v && *v);
    EXPECT_EQ(std::string(v->value().begin(), v->value().end()), "100");
    EXPECT_EQ(str(s.get_at(2, b("alice"))), "90");
    EXPECT_EQ(s.root_at(1), r1);
}

TEST(trie, versions_found_by_root) {
    Trie t(4);
    t.put(b("k"), b("1"));
    Hash r1 = t.commit(1);
    t.put(b("k"), b("2"));
    Hash r2 = t.commit(2);
    EXPECT_EQ(str(t.at_root(r1)->get(b("k"))), "1");
    EXPECT_FALSE(t.at_root(keccak256(b("nothing"))));
    ASSERT_TRUE(t.checkout_root(r1));
    EXPECT_EQ(t.root_hash(), r1);
    EXPECT_EQ(t.at_root(r2)->root_hash(), r2);
    Trie empty(2);
    empty.commit(7);
    EXPECT_TRUE(empty.at_root(empty_trie_root()));
}
