#include "chain/world_state.hpp"

#include <stdexcept>

#include "eth/node_pool.hpp"
#include "eth/rlp.hpp"
#include "eth/trie.hpp"

namespace ostsim::chain {

namespace rlp = eth::rlp;

namespace {

// A storage word is kept as the RLP of its minimal big-endian bytes (Yellow Paper, eq. 40):
// rlp::EncodedUint, built in place.

std::optional<uint256> decode_word_checked(ByteView stored) {
    auto item = rlp::decode_exact(stored);
    if (!item) return std::nullopt;
    auto v = rlp::to_uint256(*item);
    if (!v) return std::nullopt;
    return *v;
}

// A word this state wrote itself: malformed means a bug, not bad input.
uint256 decode_word(ByteView stored) {
    auto v = decode_word_checked(stored);
    if (!v) throw std::logic_error("world state: malformed storage value");
    return *v;
}

}  // namespace

WorldState::WorldState(std::size_t retained_versions)
    : retained_(retained_versions),
      pool_(std::make_shared<eth::trie::NodePool>()),
      accounts_(retained_versions, pool_) {}

WorldState::Seen& WorldState::find_or_add(const Address& a) const {
    // A call reads and writes one contract's storage many times in a row.
    if (last_ && last_->first == a) return *last_;
    auto it = entries_.find(a);
    if (it == entries_.end())
        it = entries_.emplace(a, Entry{eth::keccak256(a), false, std::nullopt}).first;
    last_ = &*it;
    return *it;
}

std::optional<Account> WorldState::stored(const Seen& x) const {
    auto bytes = accounts_.get(x.second.key);
    if (!bytes) return std::nullopt;
    auto acc = Account::from_rlp(*bytes);
    if (!acc) throw std::logic_error("world state: malformed account " + x.first.hex());
    return *acc;
}

void WorldState::store(const Seen& x, const Account& acc) {
    if (acc.is_empty() && acc.storage_root == eth::empty_trie_root())
        accounts_.erase(x.second.key);
    else
        accounts_.put(x.second.key, acc.rlp());
}

WorldState::Storage& WorldState::synced(Seen& x) {
    Storage& s = *x.second.storage;
    if (s.epoch != epoch_) {
        // After a checkout the working storage must be the one this version's account names.
        auto acc = stored(x);
        Hash want = acc ? acc->storage_root : eth::empty_trie_root();
        if (want == eth::empty_trie_root()) {
            s.trie.hashed().reset();
        } else if (s.trie.root_hash() != want && !s.trie.hashed().checkout_root(want)) {
            throw std::logic_error("world state: storage of " + x.first.hex() +
                                   " at this version is no longer retained");
        }
        s.epoch = epoch_;
    }
    return s;
}

WorldState::Storage* WorldState::existing_storage(Seen& x) {
    return x.second.storage ? &synced(x) : nullptr;
}

WorldState::Storage& WorldState::storage_of(Seen& x) {
    // A new trie (and its version deque) is built only for a contract's first write.
    if (Storage* s = existing_storage(x)) return *s;
    return x.second.storage.emplace(Storage{eth::SecureTrie(retained_, pool_), epoch_});
}

Account WorldState::account(const Address& a) {
    Seen& x = find_or_add(a);
    Account acc = stored(x).value_or(Account{});
    if (Storage* s = existing_storage(x)) acc.storage_root = s->trie.root_hash();
    return acc;
}

bool WorldState::exists(const Address& a) const { return accounts_.get(key_of(a)).has_value(); }

void WorldState::put_account(const Address& a, const Account& acc) {
    Seen& x = find_or_add(a);
    Account updated = acc;
    Storage* s = existing_storage(x);
    updated.storage_root = s ? s->trie.root_hash() : eth::empty_trie_root();
    store(x, updated);
}

uint256 WorldState::storage(const Address& a, const Hash& slot) {
    Storage* s = existing_storage(find_or_add(a));
    if (!s) return 0;
    auto v = s->trie.get(slot);
    return v ? decode_word(*v) : uint256(0);
}

void WorldState::set_storage(const Address& a, const Hash& slot, const uint256& value) {
    Seen& x = find_or_add(a);
    Storage& s = storage_of(x);
    if (value == 0)
        s.trie.erase(slot);
    else
        s.trie.put(slot, rlp::EncodedUint(value).view());
    if (!x.second.dirty) {
        x.second.dirty = true;
        dirty_.push_back(&x);
    }
}

Hash WorldState::commit(std::uint64_t version) {
    // In the order the contracts were first written: the roots do not depend on it.
    for (Seen* x : dirty_) {
        x->second.dirty = false;
        Storage& s = storage_of(*x);
        Account acc = stored(*x).value_or(Account{});
        acc.storage_root = s.trie.commit(version);
        store(*x, acc);
    }
    dirty_.clear();
    return accounts_.commit(version);
}

bool WorldState::checkout(std::uint64_t version) {
    if (!accounts_.checkout(version)) return false;
    for (Seen* x : dirty_) x->second.dirty = false;
    dirty_.clear();
    ++epoch_;
    return true;
}

std::optional<Hash> WorldState::root_at(std::uint64_t version) const {
    auto view = accounts_.at(version);
    if (!view) return std::nullopt;
    return view->root_hash();
}

std::optional<uint256> WorldState::storage_at(std::uint64_t version, const Address& a,
                                              const Hash& slot) const {
    auto view = accounts_.at(version);
    if (!view) return std::nullopt;
    auto bytes = view->get(key_of(a));
    if (!bytes) return uint256(0);
    const Hash root = Account::from_rlp(*bytes)->storage_root;
    if (root == eth::empty_trie_root()) return uint256(0);
    auto it = entries_.find(a);
    if (it == entries_.end() || !it->second.storage) return std::nullopt;
    auto storage = it->second.storage->trie.hashed().at_root(root);
    if (!storage) return std::nullopt;
    auto v = storage->get(eth::keccak256(slot));
    return v ? decode_word(*v) : uint256(0);
}

std::optional<StateProof> WorldState::prove(std::uint64_t version, const Address& a,
                                            std::span<const Hash> slots) const {
    auto view = accounts_.at(version);
    if (!view) return std::nullopt;
    const Hash& key = key_of(a);
    StateProof p;
    p.address = a;
    if (auto bytes = view->get(key)) p.account = *Account::from_rlp(*bytes);
    p.account_proof = view->prove(key);

    std::optional<eth::TrieView> storage;
    if (p.account.storage_root != eth::empty_trie_root()) {
        auto it = entries_.find(a);
        if (it == entries_.end() || !it->second.storage) return std::nullopt;
        storage = it->second.storage->trie.hashed().at_root(p.account.storage_root);
        if (!storage) return std::nullopt;  // this contract changed too often since
    }
    for (const Hash& slot : slots) {
        StorageProof sp{slot, 0, {Bytes{rlp::kStringOffset}}};  // the empty trie's proof
        if (storage) {
            Hash path = eth::keccak256(slot);
            if (auto v = storage->get(path)) sp.value = decode_word(*v);
            sp.proof = storage->prove(path);
        }
        p.storage.push_back(std::move(sp));
    }
    return p;
}

bool verify(const Hash& state_root, const StateProof& p) {
    auto acc = eth::verify_secure_proof(state_root, p.address, p.account_proof);
    if (!acc) return false;
    if (*acc) {
        auto decoded = Account::from_rlp(**acc);
        if (!decoded || !(*decoded == p.account)) return false;
    } else if (!(p.account == Account{})) {
        return false;
    }
    for (const StorageProof& sp : p.storage) {
        auto v = eth::verify_secure_proof(p.account.storage_root, sp.slot, sp.proof);
        if (!v) return false;
        if (!*v) {
            if (sp.value != 0) return false;
            continue;
        }
        auto word = decode_word_checked(**v);
        if (!word || *word != sp.value) return false;
    }
    return true;
}

}  // namespace ostsim::chain
