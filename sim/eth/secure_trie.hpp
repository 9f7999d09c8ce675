// The secure trie: a Merkle-Patricia trie keyed by keccak256(key), as Ethereum's state trie
// (keyed by address) and storage tries (keyed by slot) are. Hashed keys bound the depth and
// balance the trie whatever keys an adversary picks.
#pragma once

#include "eth/keccak.hpp"
#include "eth/trie.hpp"
#include "eth/trie_proof.hpp"

namespace ostsim::eth {

class SecureTrie {
public:
    explicit SecureTrie(std::size_t retained_versions = 0) : trie_(retained_versions) {}
    SecureTrie(std::size_t retained_versions, std::shared_ptr<trie::NodePool> pool)
        : trie_(retained_versions, std::move(pool)) {}

    std::optional<ByteView> get(ByteView key) const { return trie_.get(keccak256(key)); }
    void put(ByteView key, ByteView value) { trie_.put(keccak256(key), value); }
    bool erase(ByteView key) { return trie_.erase(keccak256(key)); }
    std::size_t size() const { return trie_.size(); }
    Hash root_hash() { return trie_.root_hash(); }
    Hash commit(std::uint64_t version) { return trie_.commit(version); }
    bool checkout(std::uint64_t version) { return trie_.checkout(version); }

    Proof prove(ByteView key) { return trie_.view().prove(keccak256(key)); }
    std::optional<Proof> prove_at(std::uint64_t version, ByteView key) const {
        auto v = trie_.at(version);
        if (!v) return std::nullopt;
        return v->prove(keccak256(key));
    }
    std::optional<ByteView> get_at(std::uint64_t version, ByteView key) const {
        auto v = trie_.at(version);
        if (!v) return std::nullopt;
        return v->get(keccak256(key));
    }
    std::optional<Hash> root_at(std::uint64_t version) const {
        auto v = trie_.at(version);
        if (!v) return std::nullopt;
        return v->root_hash();
    }

    // The trie over hashed keys, for what the wrapper does not forward.
    Trie& hashed() { return trie_; }
    const Trie& hashed() const { return trie_; }

private:
    Trie trie_;
};

inline Expected<std::optional<Bytes>, ProofError> verify_secure_proof(const Hash& root,
                                                                      ByteView key,
                                                                      const Proof& proof) {
    return verify_proof(root, keccak256(key), proof);
}

}  // namespace ostsim::eth
