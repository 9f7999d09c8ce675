// Merkle-Patricia trie as Ethereum defines it (Yellow Paper, appendix D), with versions.
//
//     Trie t(/*retained_versions=*/128);
//     t.put(key, value);                 // an empty value erases, as in Ethereum
//     Hash root = t.commit(height);      // hashes only what changed; keeps this version
//     Proof p = t.at(height)->prove(key);
//     verify_proof(root, key, p);        // see trie_proof.hpp
//
// Versions share unchanged subtrees (see trie_node.hpp); committing a version beyond the last
// `retained_versions` releases the oldest. checkout() moves the working state to a retained
// version, so a core can build a block on any parent it still holds (forks).
//
// Limits: one thread at a time per trie and its versions; a TrieView borrows its version and is
// valid until that version is released or the trie destroyed.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "eth/bytes.hpp"

namespace ostsim::eth {

namespace trie {
struct Node;
class NodePool;
}

// keccak256(RLP("")): the root of the empty trie, the storage root of an account without storage.
const Hash& empty_trie_root();

// The RLP of each node on the path from the root to a key, root first; nodes embedded in their
// parent (RLP under 32 bytes) are not listed on their own. As eth_getProof returns them.
using Proof = std::vector<Bytes>;

// Read access to one hashed state of a trie.
class TrieView {
public:
    explicit TrieView(const trie::Node* root) : root_(root) {}

    // The value at `key`, a view into the trie.
    std::optional<ByteView> get(ByteView key) const;
    Hash root_hash() const;
    // Proof of the value at `key`, or of its absence.
    Proof prove(ByteView key) const;
    // The least key greater than / the greatest key less than `key`, if any.
    std::optional<Bytes> next_key(ByteView key) const;
    std::optional<Bytes> prev_key(ByteView key) const;

private:
    const trie::Node* root_;
};

class Trie {
public:
    explicit Trie(std::size_t retained_versions = 0);
    // A trie whose nodes live in `pool`, which other tries of the same owner share (all of
    // them one thread at a time): many small tries then fill one pool's slabs rather than each
    // its own, and the pool soon reaches its huge-page slabs (node_pool.hpp).
    Trie(std::size_t retained_versions, std::shared_ptr<trie::NodePool> pool);
    ~Trie();
    Trie(Trie&& o) noexcept;
    Trie& operator=(Trie&& o) noexcept;
    Trie(const Trie&) = delete;
    Trie& operator=(const Trie&) = delete;

    // --- working state ---
    std::optional<ByteView> get(ByteView key) const { return TrieView(root_).get(key); }
    // Sets `key` to `value`; an empty value erases the key.
    void put(ByteView key, ByteView value);
    // Removes `key`; false if it was absent.
    bool erase(ByteView key);
    std::size_t size() const { return size_; }
    bool empty() const { return root_ == nullptr; }
    // Empties the working state; retained versions stay.
    void reset();
    // Hashes the nodes changed since the last hashing and returns the root.
    Hash root_hash();
    // A view of the working state, hashed first.
    TrieView view();

    // --- versions ---
    // Hashes and retains the working state as `version` (a tag, unique among retained versions),
    // releasing the oldest retained version beyond the limit.
    Hash commit(std::uint64_t version);
    std::optional<TrieView> at(std::uint64_t version) const;
    // The newest retained version whose root is `root`, if any: a state is found by its root
    // when the root is what the caller holds (a storage root read from an account).
    std::optional<TrieView> at_root(const Hash& root) const;
    // Makes a retained version the working state; false if it is not retained.
    bool checkout(std::uint64_t version);
    bool checkout_root(const Hash& root);
    std::size_t retained_versions() const { return versions_.size(); }
    std::optional<std::uint64_t> oldest_version() const;

private:
    struct Version {
        std::uint64_t tag;
        trie::Node* root;
        std::size_t size;
    };
    const Version* find(std::uint64_t version) const;
    const Version* find_root(const Hash& root) const;
    void checkout(const Version& v);
    void clear();

    std::shared_ptr<trie::NodePool> pool_;  // every node of every version lives here
    trie::Node* root_ = nullptr;
    std::size_t size_ = 0;
    std::size_t max_versions_;
    std::deque<Version> versions_;
};

}  // namespace ostsim::eth
