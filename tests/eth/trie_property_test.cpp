// Properties of the trie checked on random operation sequences against std::map as reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/trie.hpp"
#include "eth/trie_proof.hpp"

using namespace ostsim::eth;

namespace {

// Short keys over a small alphabet, so that prefixes, branch values and embedded nodes occur.
Bytes random_key(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> len(0, 4), sym(0, 5);
    Bytes k(static_cast<std::size_t>(len(rng)));
    for (auto& c : k) c = static_cast<std::uint8_t>(sym(rng) * 0x11);
    return k;
}
Bytes random_value(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> len(1, 40), byte(0, 255);
    Bytes v(static_cast<std::size_t>(len(rng)));
    for (auto& c : v) c = static_cast<std::uint8_t>(byte(rng));
    return v;
}

Hash root_of(const std::map<Bytes, Bytes>& m) {
    Trie t;
    for (auto& [k, v] : m) t.put(k, v);
    return t.root_hash();
}

}  // namespace

TEST(trie_property, same_set_same_root_whatever_the_history) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        std::mt19937_64 rng(seed);
        Trie t;
        std::map<Bytes, Bytes> ref;
        for (int op = 0; op < 300; ++op) {
            Bytes k = random_key(rng);
            if (rng() % 3 == 0) {
                EXPECT_EQ(t.erase(k), ref.erase(k) == 1);
            } else {
                Bytes v = random_value(rng);
                t.put(k, v);
                ref[k] = v;
            }
            if (op % 37 == 0) t.root_hash();  // interleave hashing with changes
        }
        ASSERT_EQ(t.size(), ref.size());
        for (auto& [k, v] : ref) {
            auto got = t.get(k);
            ASSERT_TRUE(got);
            EXPECT_TRUE(std::equal(got->begin(), got->end(), v.begin(), v.end()));
        }
        EXPECT_EQ(t.root_hash(), root_of(ref)) << "seed " << seed;

        // Reverse insertion order gives the same root.
        Trie rev;
        for (auto it = ref.rbegin(); it != ref.rend(); ++it) rev.put(it->first, it->second);
        EXPECT_EQ(rev.root_hash(), t.root_hash());

        // Deleting every key, in a shuffled order, gives the empty root.
        std::vector<Bytes> keys;
        for (auto& kv : ref) keys.push_back(kv.first);
        std::shuffle(keys.begin(), keys.end(), rng);
        for (auto& k : keys) EXPECT_TRUE(t.erase(k));
        EXPECT_EQ(t.root_hash(), keccak256(rlp::encode({})));
        EXPECT_EQ(t.size(), 0u);
    }
}

TEST(trie_property, proofs_from_every_retained_version_verify) {
    std::mt19937_64 rng(7);
    constexpr std::size_t kRetained = 6;
    Trie t(kRetained);
    std::vector<std::map<Bytes, Bytes>> history;
    std::vector<Hash> roots;
    std::map<Bytes, Bytes> ref;
    for (std::uint64_t version = 0; version < 20; ++version) {
        for (int op = 0; op < 25; ++op) {
            Bytes k = random_key(rng);
            if (rng() % 4 == 0) {
                t.erase(k);
                ref.erase(k);
            } else {
                Bytes v = random_value(rng);
                t.put(k, v);
                ref[k] = v;
            }
        }
        roots.push_back(t.commit(version));
        history.push_back(ref);
    }
    ASSERT_EQ(t.retained_versions(), kRetained);
    for (std::uint64_t version = 20 - kRetained; version < 20; ++version) {
        auto view = t.at(version);
        ASSERT_TRUE(view);
        const auto& state = history[version];
        EXPECT_EQ(view->root_hash(), roots[version]);
        for (int probe = 0; probe < 60; ++probe) {
            Bytes k = random_key(rng);
            Proof p = view->prove(k);
            auto r = verify_proof(roots[version], k, p);
            ASSERT_TRUE(r) << to_string(r.error());
            auto it = state.find(k);
            ASSERT_EQ(r->has_value(), it != state.end());
            if (it != state.end()) {
                EXPECT_EQ(**r, it->second);
            }
            // Against another version's root the proof fails: its root node is not there.
            if (roots[version - 1] != roots[version]) {
                EXPECT_EQ(verify_proof(roots[version - 1], k, p).error(), ProofError::MissingNode);
            }
            // A flipped byte in any proof node changes its hash, so the path breaks there.
            for (std::size_t i = 0; i < p.size(); ++i) {
                Proof bad = p;
                bad[i][rng() % bad[i].size()] ^= 0x40;
                EXPECT_FALSE(verify_proof(roots[version], k, bad)) << "tampered node " << i;
            }
        }
    }
}

TEST(trie_property, next_and_prev_keys_match_an_ordered_map) {
    std::mt19937_64 rng(11);
    Trie t;
    std::map<Bytes, Bytes> ref;
    for (int i = 0; i < 200; ++i) {
        Bytes k = random_key(rng), v = random_value(rng);
        t.put(k, v);
        ref[k] = v;
    }
    for (int probe = 0; probe < 500; ++probe) {
        Bytes k = random_key(rng);
        auto up = ref.upper_bound(k);
        auto next = t.view().next_key(k);
        EXPECT_EQ(next.has_value(), up != ref.end());
        if (next && up != ref.end()) {
            EXPECT_EQ(*next, up->first);
        }
        auto lo = ref.lower_bound(k);
        auto prev = t.view().prev_key(k);
        EXPECT_EQ(prev.has_value(), lo != ref.begin());
        if (prev && lo != ref.begin()) {
            EXPECT_EQ(*prev, std::prev(lo)->first);
        }
    }
}
