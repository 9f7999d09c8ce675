#include "eth/trie_node.hpp"

#include <cassert>
#include <new>

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/trie.hpp"

namespace ostsim::eth::trie {

namespace {

Node* allocate(NodePool& pool, Kind kind, std::size_t size) {
    auto* n = static_cast<Node*>(pool.allocate(size));
    n->refs = 1;
    n->kind = kind;
    n->ref_len = 0;
    n->path_nibbles = 0;
    n->value_len = 0;
    return n;
}

std::size_t branch_size(int count, std::size_t value_len) {
    return kBranchChildren + sizeof(Node*) * static_cast<std::size_t>(count) + value_len;
}


// Length of the RLP string item of a child reference: a 32-byte hash is a string; an embedded
// node's RLP (under 32 bytes) is spliced in as is; a missing child is the empty string.
std::size_t ref_item_length(const Node* c) {
    if (!c) return 1;
    return c->ref_len == 32 ? 33 : c->ref_len;
}

std::uint8_t* write_ref_item(std::uint8_t* p, const Node* c) {
    if (!c) {
        *p++ = rlp::kStringOffset;
    } else if (c->ref_len == 32) {
        *p++ = rlp::kStringOffset + 32;
        std::memcpy(p, c->ref, 32);
        p += 32;
    } else {
        std::memcpy(p, c->ref, c->ref_len);
        p += c->ref_len;
    }
    return p;
}

std::uint8_t* write_string(std::uint8_t* p, ByteView s) {
    if (s.size() == 1 && s[0] < rlp::kStringOffset) {
        *p++ = s[0];
        return p;
    }
    p = rlp::write_header(p, s.size(), rlp::kStringOffset);
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return p + s.size();
}

// The hex-prefix path of a leaf or extension with its flag set, in a small buffer.
struct FlaggedPath {
    std::uint8_t buf[64];
    Bytes heap;
    ByteView view;
    explicit FlaggedPath(const Node* n) {
        ByteView hp = hp_path(n);
        std::uint8_t* p = buf;
        if (hp.size() > sizeof buf) {
            heap.resize(hp.size());
            p = heap.data();
        }
        std::memcpy(p, hp.data(), hp.size());
        if (n->kind == Kind::Leaf) p[0] |= hex_prefix::kLeafFlag;
        view = {p, hp.size()};
    }
};

}  // namespace

Node* make_leaf(NodePool& pool, NibbleView path, ByteView value) {
    assert(path.size() <= UINT16_MAX && !value.empty());
    std::size_t hp = hex_prefix::size(path.size());
    Node* n = allocate(pool, Kind::Leaf, kLeafData + hp + value.size());
    n->path_nibbles = static_cast<std::uint16_t>(path.size());
    n->value_len = static_cast<std::uint32_t>(value.size());
    hex_prefix::write(bytes_at(n, kLeafData), path, 0);
    std::memcpy(bytes_at(n, kLeafData + hp), value.data(), value.size());
    return n;
}

Node* make_extension(NodePool& pool, NibbleView path, Node* child) {
    assert(!path.empty() && path.size() <= UINT16_MAX && child->kind == Kind::Branch);
    Node* n = allocate(pool, Kind::Extension, kExtensionData + hex_prefix::size(path.size()));
    n->path_nibbles = static_cast<std::uint16_t>(path.size());
    static_cast<Extension*>(n)->child = child;
    hex_prefix::write(bytes_at(n, kExtensionData), path, 0);
    return n;
}

Node* make_branch(NodePool& pool, std::uint16_t mask, Node* const* kids, ByteView value) {
    int count = popcount16(mask);
    Node* n = allocate(pool, Kind::Branch, branch_size(count, value.size()));
    auto* b = static_cast<Branch*>(n);
    b->mask = mask;
    b->value_len = static_cast<std::uint32_t>(value.size());
    std::memcpy(children(b), kids, sizeof(Node*) * static_cast<std::size_t>(count));
    if (!value.empty())
        std::memcpy(bytes_at(n, value_offset(n)), value.data(), value.size());
    return n;
}

void free_shell(NodePool& pool, Node* n) { pool.deallocate(n, node_size(n)); }

void release(NodePool& pool, Node* n) {
    if (!n || --n->refs != 0) return;
    if (n->kind == Kind::Extension) {
        release(pool, static_cast<Extension*>(n)->child);
    } else if (n->kind == Kind::Branch) {
        auto* b = static_cast<Branch*>(n);
        prefetch_children(b);
        for (int i = 0, c = child_count(b); i < c; ++i) release(pool, children(b)[i]);
    }
    free_shell(pool, n);
}

Node* make_exclusive(NodePool& pool, Node* n) {
    if (n->refs == 1) return n;
    --n->refs;  // still referenced elsewhere: never freed here
    // Nodes hold no pointer to themselves, so a byte copy is a copy that shares the children,
    // which gain a parent; the cached reference stays valid until the copy is changed.
    const std::size_t size = node_size(n);
    auto* copy = static_cast<Node*>(pool.allocate(size));
    std::memcpy(static_cast<void*>(copy), n, size);
    copy->refs = 1;
    if (n->kind == Kind::Extension) {
        retain(static_cast<Extension*>(copy)->child);
    } else if (n->kind == Kind::Branch) {
        auto* b = static_cast<Branch*>(copy);
        prefetch_children(b);
        for (int i = 0, c = child_count(b); i < c; ++i) retain(children(b)[i]);
    }
    return copy;
}

std::size_t max_encoded_size(const Node* n) {
    // A list header and two string headers (9 bytes each at most), sixteen 33-byte child
    // references (a branch), the path (a leaf or extension) and the value.
    std::size_t path = n->kind == Kind::Branch ? 0 : hex_prefix::size(n->path_nibbles);
    std::size_t value = n->kind == Kind::Extension ? 0 : n->value_len;
    return 3 * 9 + 16 * 33 + path + value;
}

std::uint8_t* encode(const Node* n, std::uint8_t* out) {
    switch (n->kind) {
        case Kind::Leaf: {
            FlaggedPath hp(n);
            ByteView v = value(n);
            std::uint8_t* p =
                rlp::write_header(out, rlp::length(hp.view) + rlp::length(v), rlp::kListOffset);
            p = write_string(p, hp.view);
            return write_string(p, v);
        }
        case Kind::Extension: {
            FlaggedPath hp(n);
            const Node* c = static_cast<const Extension*>(n)->child;
            std::uint8_t* p = rlp::write_header(out, rlp::length(hp.view) + ref_item_length(c),
                                                rlp::kListOffset);
            p = write_string(p, hp.view);
            return write_ref_item(p, c);
        }
        case Kind::Branch: {
            // One pass over the present children; absent ones are one byte each.
            auto* b = static_cast<const Branch*>(n);
            ByteView v = value(b);
            const int count = child_count(b);
            Node* const* kids = children(b);
            std::size_t payload = static_cast<std::size_t>(16 - count) + rlp::length(v);
            for (int i = 0; i < count; ++i) payload += ref_item_length(kids[i]);
            std::uint8_t* p = rlp::write_header(out, payload, rlp::kListOffset);
            for (unsigned i = 0, k = 0; i < 16; ++i)
                p = write_ref_item(p, (b->mask >> i & 1) ? kids[k++] : nullptr);
            return write_string(p, v);
        }
    }
    return out;
}

void encode(const Node* n, Bytes& out) {
    const std::size_t at = out.size();
    out.resize(at + max_encoded_size(n));
    out.resize(static_cast<std::size_t>(encode(n, out.data() + at) - out.data()));
}

void hash(Node* n) {
    if (n->ref_len != 0) return;
    if (n->kind == Kind::Extension) {
        hash(static_cast<Extension*>(n)->child);
    } else if (n->kind == Kind::Branch) {
        auto* b = static_cast<Branch*>(n);
        prefetch_children(b);
        for (int i = 0, c = child_count(b); i < c; ++i) hash(children(b)[i]);
    }
    // A node encodes on the stack (a full branch is 532 bytes); only long values use the heap.
    std::uint8_t buf[1024];
    Bytes heap;
    std::uint8_t* at = buf;
    if (const std::size_t bound = max_encoded_size(n); bound > sizeof buf) {
        heap.resize(bound);
        at = heap.data();
    }
    const auto size = static_cast<std::size_t>(encode(n, at) - at);
    if (size < 32) {
        std::memcpy(n->ref, at, size);
        n->ref_len = static_cast<std::uint8_t>(size);
    } else {
        Hash h = keccak256({at, size});
        std::memcpy(n->ref, h.data(), 32);
        n->ref_len = 32;
    }
}

Hash root_hash(const Node* root) {
    if (!root) return empty_trie_root();
    assert(root->ref_len != 0);
    if (root->ref_len == 32) return *Hash::from_view({root->ref, 32});
    // A root whose RLP is under 32 bytes is still hashed: the root is always a hash.
    return keccak256({root->ref, root->ref_len});
}

}  // namespace ostsim::eth::trie
