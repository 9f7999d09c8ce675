// Nodes of the Merkle-Patricia trie (internal to trie.cpp and its tests).
//
// Nodes are immutable once shared and reference-counted, so versions of a trie share every
// unchanged subtree. A node reachable only from the working root (refs == 1 along the whole path)
// is changed in place; any other is copied first (path copying). Each node caches its reference
// as its parent encodes it: the keccak256 of its RLP, or the RLP itself when shorter than 32
// bytes (an embedded node). A changed node clears its cache, so hashing a trie visits only the
// paths changed since it was last hashed.
//
// Layout (allocated from the trie's NodePool): a 44-byte header, then per kind: a leaf holds its hex-prefix path and value inline; an
// extension a child pointer and its path; a branch a 16-bit mask of present children, one
// pointer per present child (not sixteen), and an optional value. One allocation per node.
//
// Limits: reference counts are not atomic, so a trie and its versions belong to one thread at a
// time; paths are at most 65535 nibbles and values at most 4 GiB.
#pragma once

#include <cstdint>
#include <cstring>

#include "eth/bytes.hpp"
#include "eth/nibbles.hpp"
#include "eth/node_pool.hpp"

namespace ostsim::eth::trie {

enum class Kind : std::uint8_t { Leaf, Extension, Branch };

struct Node {
    std::uint32_t refs;
    Kind kind;
    std::uint8_t ref_len;         // 0 while the cache is stale; else 1..32 bytes valid in ref
    std::uint16_t path_nibbles;   // leaf and extension
    std::uint32_t value_len;      // leaf and branch; 0 means a branch without a value
    std::uint8_t ref[32];
};

struct Extension : Node {
    Node* child;
};

struct Branch : Node {
    std::uint16_t mask;  // bit i set: child for nibble i present
};

inline constexpr std::size_t kLeafData = sizeof(Node);
inline constexpr std::size_t kExtensionData = sizeof(Extension);
inline constexpr std::size_t kBranchChildren =
    (sizeof(Branch) + alignof(Node*) - 1) / alignof(Node*) * alignof(Node*);

// --- accessors ---
inline std::uint8_t* bytes_at(Node* n, std::size_t offset) {
    return reinterpret_cast<std::uint8_t*>(n) + offset;
}
inline const std::uint8_t* bytes_at(const Node* n, std::size_t offset) {
    return reinterpret_cast<const std::uint8_t*>(n) + offset;
}
// The hex-prefix encoded path, flags not set (leaf and extension).
inline ByteView hp_path(const Node* n) {
    std::size_t at = n->kind == Kind::Leaf ? kLeafData : kExtensionData;
    return {bytes_at(n, at), hex_prefix::size(n->path_nibbles)};
}
inline NibbleView path(const Node* n) { return hex_prefix::path(hp_path(n)); }
// Bits set in a 16-bit mask. std::popcount compiles to a libgcc call on baseline x86-64
// (no POPCNT instruction), which showed in profiles; this is a few register operations.
inline int popcount16(unsigned m) {
    m = m - ((m >> 1) & 0x5555u);
    m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
    m = (m + (m >> 4)) & 0x0f0fu;
    return static_cast<int>((m + (m >> 8)) & 0x1fu);
}
inline int child_count(const Branch* b) { return popcount16(b->mask); }
inline Node** children(Branch* b) { return reinterpret_cast<Node**>(bytes_at(b, kBranchChildren)); }
inline Node* const* children(const Branch* b) {
    return reinterpret_cast<Node* const*>(bytes_at(b, kBranchChildren));
}
inline int child_index(const Branch* b, unsigned nibble) {
    return popcount16(static_cast<unsigned>(b->mask) & ((1u << nibble) - 1));
}
// Starts loading every child of `b`: copying, hashing and freeing a branch touch each child
// (its count or its cached reference), and in a large trie each is a cache miss. Issued
// together the misses overlap instead of costing one memory latency each.
inline void prefetch_children(const Branch* b) {
    for (int i = 0, c = child_count(b); i < c; ++i) __builtin_prefetch(children(b)[i], 1);
}
// Starts loading the cache lines of `n` past its first: a branch's mask, the child pointer a
// walk follows and a leaf's path lie up to 176 bytes in, and fetched together the lines cost
// one memory latency instead of one after the other.
inline void prefetch_node(const Node* n) {
    __builtin_prefetch(bytes_at(n, 64));
    __builtin_prefetch(bytes_at(n, 128));
}
inline Node* child(const Branch* b, unsigned nibble) {
    return (b->mask >> nibble & 1) ? children(b)[child_index(b, nibble)] : nullptr;
}
// Offset of the value bytes of a leaf or branch.
inline std::size_t value_offset(const Node* n) {
    if (n->kind == Kind::Leaf) return kLeafData + hex_prefix::size(n->path_nibbles);
    auto count = static_cast<std::size_t>(child_count(static_cast<const Branch*>(n)));
    return kBranchChildren + sizeof(Node*) * count;
}
inline ByteView value(const Node* n) { return {bytes_at(n, value_offset(n)), n->value_len}; }

// Bytes of the node's allocation, from its contents.
inline std::size_t node_size(const Node* n) {
    switch (n->kind) {
        case Kind::Leaf: return kLeafData + hex_prefix::size(n->path_nibbles) + n->value_len;
        case Kind::Extension: return kExtensionData + hex_prefix::size(n->path_nibbles);
        case Kind::Branch: return value_offset(n) + n->value_len;
    }
    return 0;
}

// --- construction and lifetime (every Node* argument marked "owned" gives up one reference) ---
Node* make_leaf(NodePool& pool, NibbleView path, ByteView value);
Node* make_extension(NodePool& pool, NibbleView path, Node* child /* owned */);
// `kids` holds popcount(mask) owned pointers in nibble order; an empty value means none.
Node* make_branch(NodePool& pool, std::uint16_t mask, Node* const* kids, ByteView value);

inline void retain(Node* n) { ++n->refs; }
void release(NodePool& pool, Node* n);
// Frees `n` alone, after its child references have been moved to another node.
void free_shell(NodePool& pool, Node* n);
// Gives up one reference to `n` and returns a node equal to it that the caller owns exclusively:
// `n` itself when it was exclusive, else a copy sharing its children.
Node* make_exclusive(NodePool& pool, Node* n);

// --- hashing ---
// Fills the reference cache of `n` and of every stale node below it.
void hash(Node* n);
// The RLP of a node whose children are hashed, written to `out`, which has room for
// max_encoded_size(n) bytes; returns the end of what it wrote.
std::uint8_t* encode(const Node* n, std::uint8_t* out);
std::size_t max_encoded_size(const Node* n);
// The same, appended to `out`.
void encode(const Node* n, Bytes& out);
// The 32-byte root hash of a trie rooted at a hashed node (null: the empty trie).
Hash root_hash(const Node* root);

}  // namespace ostsim::eth::trie
