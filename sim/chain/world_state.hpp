// A core's world state: accounts in a secure trie keyed by address, each contract's storage in
// a secure trie of its own keyed by slot, with real state roots, a version per block, and
// eth_getProof-style proofs at any retained version.
//
//     WorldState s(/*retained_versions=*/256);
//     s.put_account(a, acc);
//     s.set_storage(gateway, slot, 1);
//     Hash root = s.commit(block_id);          // the header's state root
//     auto p = s.prove(block_id, gateway, {{slot}});
//     verify(root, *p);                        // what a remote gateway checks, in two steps
//
// Storage tries are committed at the versions in which they change and found again by their
// root, which the account at a version names. checkout() moves to a retained version (a fork's
// parent); storage tries follow lazily, when next touched.
//
// Limits: one thread at a time (const calls included); a storage trie keeps its last `retained_versions` distinct
// states, so a proof of a version older than that many changes of the same contract fails.
#pragma once

#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "chain/account.hpp"
#include "eth/secure_trie.hpp"

namespace ostsim::chain {

struct StorageProof {
    Hash slot;
    uint256 value;
    eth::Proof proof;  // against the account's storage root
};

struct StateProof {
    Address address;
    Account account;         // the empty account when absent
    eth::Proof account_proof;  // against the state root
    std::vector<StorageProof> storage;
};

// True iff `p` proves its account (present or absent) against `state_root` and each storage
// value against the account's storage root.
bool verify(const Hash& state_root, const StateProof& p);

class WorldState {
public:
    explicit WorldState(std::size_t retained_versions = 256);

    // The account at `a`, with its storage root up to date; the empty account if absent.
    Account account(const Address& a);
    bool exists(const Address& a) const;
    // Sets nonce, balance and code hash; the storage root is the state's to keep. An empty
    // account with no storage is removed (EIP-161).
    void put_account(const Address& a, const Account& acc);

    uint256 storage(const Address& a, const Hash& slot);
    // Zero removes the slot, as SSTORE of zero does.
    void set_storage(const Address& a, const Hash& slot, const uint256& value);

    // Writes changed storage roots into their accounts and returns the state root, keeping this
    // state as `version` (unique among retained versions).
    Hash commit(std::uint64_t version);
    bool checkout(std::uint64_t version);
    std::optional<Hash> root_at(std::uint64_t version) const;
    // The slot's value at a retained `version`, leaving the working state alone (what an actor
    // reads of a contract at a block); none if the version, or that contract's storage at it,
    // is no longer retained.
    std::optional<uint256> storage_at(std::uint64_t version, const Address& a,
                                      const Hash& slot) const;
    std::optional<StateProof> prove(std::uint64_t version, const Address& a,
                                    std::span<const Hash> slots) const;

private:
    struct Storage {
        eth::SecureTrie trie;
        std::uint64_t epoch = 0;  // the checkout epoch the working trie matches
    };
    // What the state keeps per address it has seen, found by one lookup: the account's key in
    // the state trie (keccak256 of the address, hashed once) and, for a contract that has
    // written storage, its storage trie.
    struct Entry {
        Hash key;
        bool dirty = false;  // storage changed since the last commit (listed in dirty_)
        std::optional<Storage> storage;
    };
    using Entries = std::unordered_map<Address, Entry>;
    using Seen = Entries::value_type;  // an address and its entry

    // The entry of `a`, created (key hashed, no storage) on first sight.
    Seen& find_or_add(const Address& a) const;
    const Hash& key_of(const Address& a) const { return find_or_add(a).second.key; }
    // The account stored in the state trie, if any.
    std::optional<Account> stored(const Seen& x) const;
    // Writes `acc` to the state trie; an empty account with an empty storage root is removed.
    void store(const Seen& x, const Account& acc);
    // The working storage trie (created if none), brought to the checked-out version.
    Storage& storage_of(Seen& x);
    // The same, or null if the address never had storage.
    Storage* existing_storage(Seen& x);
    Storage& synced(Seen& x);

    std::size_t retained_;
    // The nodes of the state trie and of every storage trie: one pool, so that hundreds of
    // contracts' small tries share slabs (and a block's new nodes lie together).
    std::shared_ptr<eth::trie::NodePool> pool_;
    eth::Trie accounts_;  // keyed by each entry's key: the secure trie, hashing memoised
    // Mutable: const reads memoise keys. Elements stay put (a node-based map), so dirty_
    // points at them.
    mutable Entries entries_;
    std::vector<Seen*> dirty_;  // entries whose storage changed since the last commit
    mutable Seen* last_ = nullptr;  // the entry found last (entries are never erased)
    std::uint64_t epoch_ = 0;       // counts checkouts
};

}  // namespace ostsim::chain
