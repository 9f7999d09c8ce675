#include "eth/trie.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>
#include <utility>

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/trie_node.hpp"

namespace ostsim::eth {

using namespace trie;

namespace {

// A branch at the end of `common` holding up to two subtrees and an optional value, wrapped in
// an extension when `common` is non-empty. Slots are -1 when unused; a and b are owned.
Node* make_fork(NodePool& pool, NibbleView common, int slot_a, Node* a, int slot_b, Node* b, ByteView value) {
    Node* kids[2];
    std::uint16_t mask = 0;
    int n = 0;
    if (slot_a >= 0 && slot_b >= 0 && slot_b < slot_a) {
        std::swap(slot_a, slot_b);
        std::swap(a, b);
    }
    if (slot_a >= 0) mask |= static_cast<std::uint16_t>(1u << slot_a), kids[n++] = a;
    if (slot_b >= 0) mask |= static_cast<std::uint16_t>(1u << slot_b), kids[n++] = b;
    Node* branch = make_branch(pool, mask, kids, value);
    return common.empty() ? branch : make_extension(pool, common, branch);
}

// Owned node for the entry `rest` -> `value` hanging below a branch slot: its slot, or -1 when
// `rest` is empty and the value belongs to the branch itself.
int entry_slot(NibbleView rest) { return rest.empty() ? -1 : rest[0]; }
Node* entry_leaf(NodePool& pool, NibbleView rest, ByteView value) {
    return rest.empty() ? nullptr : make_leaf(pool, rest.drop(1), value);
}

// Rebuilds exclusive branch `b` with `value` and frees the old shell.
Node* with_value(NodePool& pool, Branch* b, ByteView value) {
    Node* nb = make_branch(pool, b->mask, children(b), value);
    free_shell(pool, b);
    return nb;
}

// Branch `b` (owned) with owned `child` added at the empty slot `nibble`.
Node* with_child(NodePool& pool, Node* n, unsigned nibble, Node* child) {
    auto* b = static_cast<Branch*>(make_exclusive(pool, n));
    Node* kids[16];
    int at = child_index(b, nibble);
    int count = child_count(b);
    std::copy_n(children(b), at, kids);
    kids[at] = child;
    std::copy_n(children(b) + at, count - at, kids + at + 1);
    Node* nb = make_branch(pool, static_cast<std::uint16_t>(b->mask | 1u << nibble), kids, value(b));
    free_shell(pool, b);
    return nb;
}

// Exclusive branch `b` without the child at `nibble`, whose reference was already given up.
Node* without_child(NodePool& pool, Branch* b, unsigned nibble) {
    Node* kids[16];
    int at = child_index(b, nibble);
    int count = child_count(b);
    std::copy_n(children(b), at, kids);
    std::copy_n(children(b) + at + 1, count - at - 1, kids + at);
    Node* nb = make_branch(pool, static_cast<std::uint16_t>(b->mask & ~(1u << nibble)), kids, value(b));
    free_shell(pool, b);
    return nb;
}

Node* insert(NodePool& pool, Node* n, NibbleView key, ByteView value, bool& added) {
    if (!n) {
        added = true;
        return make_leaf(pool, key, value);
    }
    switch (n->kind) {
        case Kind::Leaf: {
            NibbleView p = path(n);
            std::size_t c = p.common_prefix(key);
            if (c == p.size() && c == key.size()) {
                if (n->value_len == value.size()) {
                    n = make_exclusive(pool, n);
                    std::memcpy(bytes_at(n, value_offset(n)), value.data(), value.size());
                    n->ref_len = 0;
                    return n;
                }
                Node* leaf = make_leaf(pool, key, value);
                release(pool, n);
                return leaf;
            }
            added = true;
            NibbleView old_rest = p.drop(c), new_rest = key.drop(c);
            ByteView branch_value = old_rest.empty() ? trie::value(n)
                                    : new_rest.empty() ? value
                                                       : ByteView{};
            Node* fork = make_fork(pool, key.take(c), entry_slot(old_rest),
                                   entry_leaf(pool, old_rest, trie::value(n)), entry_slot(new_rest),
                                   entry_leaf(pool, new_rest, value), branch_value);
            release(pool, n);
            return fork;
        }
        case Kind::Extension: {
            NibbleView p = path(n);
            std::size_t c = p.common_prefix(key);
            if (c == p.size()) {
                auto* e = static_cast<Extension*>(make_exclusive(pool, n));
                e->child = insert(pool, e->child, key.drop(c), value, added);
                e->ref_len = 0;
                return e;
            }
            added = true;
            Node* below = static_cast<Extension*>(n)->child;
            retain(below);
            if (c + 1 < p.size()) below = make_extension(pool, p.drop(c + 1), below);
            NibbleView new_rest = key.drop(c);
            Node* fork = make_fork(pool, key.take(c), p[c], below, entry_slot(new_rest),
                                   entry_leaf(pool, new_rest, value),
                                   new_rest.empty() ? value : ByteView{});
            release(pool, n);
            return fork;
        }
        case Kind::Branch: {
            if (key.empty()) {
                if (n->value_len == 0) added = true;
                auto* b = static_cast<Branch*>(make_exclusive(pool, n));
                if (b->value_len == value.size()) {
                    std::memcpy(bytes_at(b, value_offset(b)), value.data(), value.size());
                    b->ref_len = 0;
                    return b;
                }
                return with_value(pool, b, value);
            }
            unsigned nibble = key[0];
            if (!child(static_cast<Branch*>(n), nibble)) {
                added = true;
                return with_child(pool, n, nibble, make_leaf(pool, key.drop(1), value));
            }
            auto* b = static_cast<Branch*>(make_exclusive(pool, n));
            Node*& slot = children(b)[child_index(b, nibble)];
            slot = insert(pool, slot, key.drop(1), value, added);
            b->ref_len = 0;
            return b;
        }
    }
    return n;
}

// `prefix` followed by the path of `c` (owned), as one leaf or extension; a branch `c` gets an
// extension above it.
Node* prepend(NodePool& pool, NibbleView prefix, Node* c) {
    NibbleVec joined;
    append(joined, prefix);
    if (c->kind != Kind::Branch) append(joined, path(c));
    PackedNibbles p(joined);
    Node* out;
    if (c->kind == Kind::Leaf) {
        out = make_leaf(pool, p.view(), value(c));
    } else {
        Node* below = c->kind == Kind::Branch ? c : static_cast<Extension*>(c)->child;
        retain(below);
        out = make_extension(pool, p.view(), below);
    }
    release(pool, c);
    return out;
}

// A branch left with fewer than two entries after a deletion becomes a leaf or an extension.
Node* normalise(NodePool& pool, Branch* b) {
    int count = child_count(b);
    if (count + (b->value_len ? 1 : 0) >= 2) return b;
    if (count == 0) {
        Node* leaf = make_leaf(pool, {}, value(b));
        release(pool, b);
        return leaf;
    }
    unsigned nibble = static_cast<unsigned>(std::countr_zero(static_cast<unsigned>(b->mask)));
    Node* only = children(b)[0];
    std::uint8_t prefix = static_cast<std::uint8_t>(nibble << 4);
    free_shell(pool, b);  // its one reference to `only` passes to prepend
    return prepend(pool, {&prefix, 0, 1}, only);
}

// Removes `key`, which must be present; consumes `n` and returns its replacement or null.
Node* remove(NodePool& pool, Node* n, NibbleView key) {
    switch (n->kind) {
        case Kind::Leaf:
            release(pool, n);
            return nullptr;
        case Kind::Extension: {
            auto* e = static_cast<Extension*>(make_exclusive(pool, n));
            std::size_t len = e->path_nibbles;
            Node* c = remove(pool, e->child, key.drop(len));
            if (c->kind == Kind::Branch) {
                e->child = c;
                e->ref_len = 0;
                return e;
            }
            Node* joined = prepend(pool, path(e), c);
            free_shell(pool, e);
            return joined;
        }
        case Kind::Branch: {
            auto* b = static_cast<Branch*>(make_exclusive(pool, n));
            if (key.empty()) return normalise(pool, static_cast<Branch*>(with_value(pool, b, {})));
            unsigned nibble = key[0];
            Node*& slot = children(b)[child_index(b, nibble)];
            slot = remove(pool, slot, key.drop(1));
            if (!slot) return normalise(pool, static_cast<Branch*>(without_child(pool, b, nibble)));
            b->ref_len = 0;
            return normalise(pool, b);
        }
    }
    return n;
}

}  // namespace

const Hash& empty_trie_root() {
    static const Hash root = keccak256(rlp::encode({}));
    return root;
}

// --- TrieView ---

std::optional<ByteView> TrieView::get(ByteView key) const {
    const Node* n = root_;
    NibbleView k(key);
    while (n) {
        prefetch_node(n);
        switch (n->kind) {
            case Kind::Leaf:
                if (path(n) == k) return value(n);
                return std::nullopt;
            case Kind::Extension: {
                NibbleView p = path(n);
                if (p.common_prefix(k) != p.size()) return std::nullopt;
                k = k.drop(p.size());
                n = static_cast<const Extension*>(n)->child;
                break;
            }
            case Kind::Branch: {
                auto* b = static_cast<const Branch*>(n);
                if (k.empty()) return b->value_len ? std::optional(value(b)) : std::nullopt;
                n = child(b, k[0]);
                k = k.drop(1);
                break;
            }
        }
    }
    return std::nullopt;
}

Hash TrieView::root_hash() const { return trie::root_hash(root_); }

Proof TrieView::prove(ByteView key) const {
    Proof proof;
    const Node* n = root_;
    NibbleView k(key);
    while (n) {
        assert(n->ref_len != 0);
        if (n == root_ || n->ref_len == 32) {
            proof.emplace_back();
            encode(n, proof.back());
        }
        if (n->kind == Kind::Leaf) break;
        if (n->kind == Kind::Extension) {
            NibbleView p = path(n);
            if (p.common_prefix(k) != p.size()) break;
            k = k.drop(p.size());
            n = static_cast<const Extension*>(n)->child;
        } else {
            if (k.empty()) break;
            n = child(static_cast<const Branch*>(n), k[0]);
            k = k.drop(1);
        }
    }
    if (proof.empty()) proof.push_back(Bytes{0x80});  // the empty trie's root node: RLP("")
    return proof;
}

// --- Trie ---

Trie::Trie(std::size_t retained_versions)
    : Trie(retained_versions, std::make_shared<NodePool>()) {}

Trie::Trie(std::size_t retained_versions, std::shared_ptr<NodePool> pool)
    : pool_(std::move(pool)), max_versions_(retained_versions) {}

Trie::~Trie() { clear(); }

Trie::Trie(Trie&& o) noexcept
    : pool_(std::move(o.pool_)),
      root_(std::exchange(o.root_, nullptr)),
      size_(std::exchange(o.size_, 0)),
      max_versions_(o.max_versions_),
      versions_(std::move(o.versions_)) {
    o.versions_.clear();
}

Trie& Trie::operator=(Trie&& o) noexcept {
    if (this != &o) {
        clear();
        pool_ = std::move(o.pool_);
        root_ = std::exchange(o.root_, nullptr);
        size_ = std::exchange(o.size_, 0);
        max_versions_ = o.max_versions_;
        versions_ = std::move(o.versions_);
        o.versions_.clear();
    }
    return *this;
}

void Trie::clear() {
    if (!pool_) return;  // moved from: owns nothing
    release(*pool_, root_);
    root_ = nullptr;
    for (auto& v : versions_) release(*pool_, v.root);
    versions_.clear();
}

void Trie::put(ByteView key, ByteView value) {
    if (value.empty()) {
        erase(key);
        return;
    }
    bool added = false;
    root_ = insert(*pool_, root_, NibbleView(key), value, added);
    size_ += added;
}

bool Trie::erase(ByteView key) {
    if (!get(key)) return false;
    root_ = remove(*pool_, root_, NibbleView(key));
    --size_;
    return true;
}

void Trie::reset() {
    release(*pool_, root_);
    root_ = nullptr;
    size_ = 0;
}

Hash Trie::root_hash() {
    if (root_) hash(root_);
    return trie::root_hash(root_);
}

TrieView Trie::view() {
    root_hash();
    return TrieView(root_);
}

Hash Trie::commit(std::uint64_t version) {
    Hash h = root_hash();
    if (max_versions_ == 0) return h;
    assert(!find(version) && "version tags must be unique among retained versions");
    if (root_) retain(root_);
    versions_.push_back({version, root_, size_});
    while (versions_.size() > max_versions_) {
        release(*pool_, versions_.front().root);
        versions_.pop_front();
    }
    return h;
}

const Trie::Version* Trie::find(std::uint64_t version) const {
    auto it = std::find_if(versions_.rbegin(), versions_.rend(),
                           [&](const Version& v) { return v.tag == version; });
    return it == versions_.rend() ? nullptr : &*it;
}

std::optional<TrieView> Trie::at(std::uint64_t version) const {
    const Version* v = find(version);
    if (!v) return std::nullopt;
    return TrieView(v->root);
}

const Trie::Version* Trie::find_root(const Hash& root) const {
    for (auto it = versions_.rbegin(); it != versions_.rend(); ++it) {
        if (trie::root_hash(it->root) == root) return &*it;
    }
    return nullptr;
}

std::optional<TrieView> Trie::at_root(const Hash& root) const {
    const Version* v = find_root(root);
    if (!v) return std::nullopt;
    return TrieView(v->root);
}

void Trie::checkout(const Version& v) {
    if (v.root) retain(v.root);
    release(*pool_, root_);
    root_ = v.root;
    size_ = v.size;
}

bool Trie::checkout(std::uint64_t version) {
    const Version* v = find(version);
    if (v) checkout(*v);
    return v != nullptr;
}

bool Trie::checkout_root(const Hash& root) {
    const Version* v = find_root(root);
    if (v) checkout(*v);
    return v != nullptr;
}

std::optional<std::uint64_t> Trie::oldest_version() const {
    if (versions_.empty()) return std::nullopt;
    return versions_.front().tag;
}

}  // namespace ostsim::eth
