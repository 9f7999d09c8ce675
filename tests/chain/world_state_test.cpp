#include <gtest/gtest.h>

#include <map>
#include <random>

#include "chain/world_state.hpp"
#include "eth/keccak.hpp"
#include "eth/rlp.hpp"

using namespace ostsim;
using namespace ostsim::chain;

namespace {

Address addr(std::uint8_t i) {
    Address a;
    a.bytes[19] = i;
    a.bytes[0] = 0xaa;
    return a;
}
Hash slot(std::uint64_t i) { return eth::to_word(i); }

// The gateway's message-box slot: keccak256(pad32(messageHash) ++ pad32(9)), PROTOCOL.md 1.2.
Hash outbox_slot(const Hash& message_hash) {
    Bytes in(message_hash.bytes.begin(), message_hash.bytes.end());
    auto p = eth::to_word(9);
    in.insert(in.end(), p.bytes.begin(), p.bytes.end());
    return eth::keccak256(in);
}

// A storage value of every encoding: zero (no slot), one byte below and above 0x80 (RLP's
// single-byte and one-byte-string forms), 64 bits, and all 256.
uint256 word(std::mt19937_64& rng) {
    switch (rng() % 5) {
        case 0: return 0;
        case 1: return rng() % 256;
        case 2: return rng();
        case 3: return (uint256(rng()) << 192) | (uint256(rng()) << 128) | (uint256(rng()) << 64) | rng();
        default: return rng() % 0x80;
    }
}

// The state root computed from scratch with plain tries: the reference for commit().
Hash reference_root(const std::map<Address, Account>& accounts,
                    const std::map<Address, std::map<Hash, uint256>>& storage) {
    eth::SecureTrie state;
    for (auto [a, acc] : accounts) {
        eth::SecureTrie st;
        if (auto it = storage.find(a); it != storage.end())
            for (auto& [k, v] : it->second)
                if (v != 0) st.put(k, eth::rlp::encode(eth::to_minimal_bytes(v)));
        acc.storage_root = st.root_hash();
        if (!(acc.is_empty() && acc.storage_root == eth::empty_trie_root())) state.put(a, acc.rlp());
    }
    return state.root_hash();
}

}  // namespace

TEST(world_state, empty_state_root) {
    WorldState s;
    EXPECT_EQ(s.commit(1), eth::empty_trie_root());
}

TEST(world_state, root_matches_a_reference_built_from_scratch) {
    std::mt19937_64 rng(5);
    WorldState s(8);
    std::map<Address, Account> accounts;
    std::map<Address, std::map<Hash, uint256>> storage;
    for (std::uint64_t block = 1; block <= 12; ++block) {
        for (int op = 0; op < 40; ++op) {
            Address a = addr(static_cast<std::uint8_t>(rng() % 20));
            if (rng() % 2) {
                Account acc = accounts.count(a) ? accounts[a] : Account{};
                acc.nonce += 1;
                acc.balance = rng() % 3 == 0 ? uint256(0) : uint256(rng());
                s.put_account(a, acc);
                accounts[a] = acc;
            } else {
                Hash k = slot(rng() % 6);
                uint256 v = word(rng);
                s.set_storage(a, k, v);
                storage[a][k] = v;
                if (!accounts.count(a)) accounts[a] = Account{};
            }
        }
        Hash root = s.commit(block);
        EXPECT_EQ(root, reference_root(accounts, storage)) << "block " << block;
        for (auto& [a, slots] : storage)
            for (auto& [k, v] : slots) EXPECT_EQ(s.storage(a, k), v);
    }
}

TEST(world_state, proofs_verify_at_every_retained_version) {
    WorldState s(16);
    Address gateway = addr(1), user = addr(2), nobody = addr(3);
    std::vector<Hash> messages;
    for (std::uint64_t block = 1; block <= 6; ++block) {
        Hash m = eth::keccak256(eth::to_word(block));
        messages.push_back(m);
        s.set_storage(gateway, outbox_slot(m), 1);  // Declared
        Account u = s.account(user);
        u.balance += 1000;
        s.put_account(user, u);
        s.commit(block);
    }
    for (std::uint64_t block = 1; block <= 6; ++block) {
        Hash root = *s.root_at(block);
        std::vector<Hash> slots = {outbox_slot(messages[block - 1]), outbox_slot(messages[5])};
        auto p = s.prove(block, gateway, slots);
        ASSERT_TRUE(p);
        EXPECT_TRUE(verify(root, *p));
        EXPECT_EQ(p->storage[0].value, 1);
        EXPECT_EQ(p->storage[1].value, block == 6 ? 1 : 0) << "message 6 is declared at block 6 only";

        auto absent = s.prove(block, nobody, slots);
        ASSERT_TRUE(absent);
        EXPECT_TRUE(verify(root, *absent));
        EXPECT_TRUE(absent->account == Account{});

        // Lies are caught: another value, another account, another root.
        StateProof lie = *p;
        lie.storage[1].value = 1 - lie.storage[1].value;
        EXPECT_FALSE(verify(root, lie));
        lie = *p;
        lie.account.balance += 1;
        EXPECT_FALSE(verify(root, lie));
        if (block > 1) {
            EXPECT_FALSE(verify(*s.root_at(block - 1), *p));
        }
    }
}

TEST(world_state, forks_check_out_a_parent_and_storage_follows) {
    WorldState s(16);
    Address c = addr(9);
    s.set_storage(c, slot(1), 11);
    Hash base = s.commit(1);
    s.set_storage(c, slot(1), 22);
    s.set_storage(c, slot(2), 5);
    Hash left = s.commit(2);

    ASSERT_TRUE(s.checkout(1));
    EXPECT_EQ(s.storage(c, slot(1)), 11);
    EXPECT_EQ(s.storage(c, slot(2)), 0);
    s.set_storage(c, slot(1), 33);
    Hash right = s.commit(3);
    EXPECT_NE(left, right);

    for (auto [version, root, want] : {std::tuple{1, base, 11}, {2, left, 22}, {3, right, 33}}) {
        auto p = s.prove(static_cast<std::uint64_t>(version), c, std::vector<Hash>{slot(1)});
        ASSERT_TRUE(p);
        EXPECT_TRUE(verify(root, *p));
        EXPECT_EQ(p->storage[0].value, want);
    }
    // Back to before the contract had storage: its storage is empty again.
    WorldState t(4);
    t.put_account(addr(1), [] { Account a; a.balance = 1; return a; }());
    t.commit(1);
    t.set_storage(c, slot(1), 7);
    t.commit(2);
    ASSERT_TRUE(t.checkout(1));
    EXPECT_EQ(t.storage(c, slot(1)), 0);
    EXPECT_EQ(t.account(c).storage_root, eth::empty_trie_root());
}

TEST(world_state, empty_accounts_are_removed) {
    WorldState s;
    Account a;
    a.balance = 5;
    s.put_account(addr(1), a);
    s.commit(1);
    EXPECT_TRUE(s.exists(addr(1)));
    a.balance = 0;
    s.put_account(addr(1), a);
    EXPECT_EQ(s.commit(2), eth::empty_trie_root());
}
