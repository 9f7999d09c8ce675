// Random and mutated input into the decoders of untrusted data: each must return an error or a
// value, never crash, hang or read out of bounds. Run under the sanitize preset for the latter.
#include <gtest/gtest.h>

#include <random>

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/rlp_decode.hpp"
#include "eth/trie.hpp"
#include "eth/trie_proof.hpp"

using namespace ostsim::eth;

namespace {

// Decodes `in` fully, descending into every list; returns the number of items seen.
std::size_t walk(ByteView in, int depth = 0) {
    std::size_t items = 0;
    while (!in.empty()) {
        auto item = rlp::decode_prefix(in);
        if (!item) return items;
        ++items;
        EXPECT_LE(item->encoded.size(), item->encoded.size() + in.size());
        if (item->is_list && depth < 64) items += walk(item->payload, depth + 1);
        (void)rlp::to_uint64(*item);
        (void)rlp::to_uint256(*item);
    }
    return items;
}

void mutate(Bytes& b, std::mt19937_64& rng) {
    switch (rng() % 4) {
        case 0: if (!b.empty()) b[rng() % b.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
        case 1: if (!b.empty()) b.resize(rng() % b.size()); break;
        case 2: b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng() % (b.size() + 1)), static_cast<std::uint8_t>(rng())); break;
        default: if (!b.empty()) b[rng() % b.size()] = static_cast<std::uint8_t>(rng()); break;
    }
}

}  // namespace

TEST(robustness, random_bytes_into_rlp_decoder) {
    std::mt19937_64 rng(1);
    for (int i = 0; i < 200000; ++i) {
        Bytes b(rng() % 64);
        for (auto& c : b) c = static_cast<std::uint8_t>(rng());
        walk(b);
        (void)rlp::decode_exact(b);
    }
}

TEST(robustness, mutated_valid_rlp_into_decoder) {
    std::mt19937_64 rng(2);
    // A nested list with short and long strings and lists.
    Bytes base;
    Bytes inner;
    rlp::append(inner, as_bytes("dog"));
    rlp::append(inner, Bytes(70, 0xaa));
    rlp::append(inner, std::uint64_t{123456789});
    Bytes list;
    rlp::append_list_header(list, inner.size());
    list.insert(list.end(), inner.begin(), inner.end());
    rlp::append_list_header(base, list.size() * 2);
    base.insert(base.end(), list.begin(), list.end());
    base.insert(base.end(), list.begin(), list.end());
    ASSERT_TRUE(rlp::decode_exact(base));
    for (int i = 0; i < 100000; ++i) {
        Bytes b = base;
        for (int m = 0, n = 1 + static_cast<int>(rng() % 4); m < n; ++m) mutate(b, rng);
        walk(b);
    }
}

TEST(robustness, mutated_proofs_into_verifier) {
    std::mt19937_64 rng(3);
    Trie t;
    for (int i = 0; i < 300; ++i) t.put(keccak256(Bytes{std::uint8_t(i), 1}), Bytes(1 + i % 50, std::uint8_t(i)));
    for (int i = 0; i < 20; ++i) t.put(Bytes{std::uint8_t(i)}, Bytes{std::uint8_t(i + 1)});  // embedded nodes
    Hash root = t.root_hash();
    int accepted_wrong = 0;
    for (int i = 0; i < 20000; ++i) {
        Hash hashed = keccak256(Bytes{std::uint8_t(i % 300), 1});
        Bytes key = (i % 2) ? Bytes(hashed.bytes.begin(), hashed.bytes.end()) : Bytes{std::uint8_t(i % 40)};
        Proof p = t.view().prove(key);
        auto truth = verify_proof(root, key, p);
        ASSERT_TRUE(truth);
        switch (rng() % 3) {
            case 0: mutate(p[rng() % p.size()], rng); break;
            case 1: p.erase(p.begin() + static_cast<std::ptrdiff_t>(rng() % p.size())); break;
            default: {  // a well-formed node of another key's path
                Proof q = t.view().prove(keccak256(Bytes{std::uint8_t(rng() % 300), 1}));
                p.push_back(q[rng() % q.size()]);
                std::swap(p.front(), p.back());
            }
        }
        auto r = verify_proof(root, key, p);
        // Whatever the verifier accepts must be the truth: proofs cannot be forged by mutation.
        if (r && *r != *truth) ++accepted_wrong;
    }
    EXPECT_EQ(accepted_wrong, 0);
}

TEST(robustness, random_proofs_into_verifier) {
    std::mt19937_64 rng(4);
    for (int i = 0; i < 20000; ++i) {
        Proof p(1 + rng() % 4);
        for (auto& n : p) {
            n.resize(rng() % 80);
            for (auto& c : n) c = static_cast<std::uint8_t>(rng());
        }
        Hash root = keccak256(p[0]);  // the first node is found; the rest is garbage
        Bytes key(rng() % 33);
        for (auto& c : key) c = static_cast<std::uint8_t>(rng());
        (void)verify_proof(root, key, p);
    }
}
