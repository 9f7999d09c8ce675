// Ordered access to a trie: the least key above and the greatest key below a given key.
#include <algorithm>
#include <cassert>
#include <vector>

#include "eth/trie.hpp"
#include "eth/trie_node.hpp"

namespace ostsim::eth {

using namespace trie;

namespace {

// Compares the key prefix `acc` with `target` on their common length; a prefix longer than a
// target it extends compares greater. 0: `acc` is a prefix of `target`.
int compare_prefix(const NibbleVec& acc, const NibbleVec& target) {
    std::size_t n = std::min(acc.size(), target.size());
    for (std::size_t i = 0; i < n; ++i)
        if (acc[i] != target[i]) return acc[i] < target[i] ? -1 : 1;
    return acc.size() > target.size() ? 1 : 0;
}
int compare_full(const NibbleVec& a, const NibbleVec& b) {
    int r = compare_prefix(a, b);
    return r != 0 ? r : (a.size() < b.size() ? -1 : 0);
}

// Finds in the subtree at `n`, whose keys start with `acc`, the first key strictly beyond
// `target` in direction `dir` (+1: least greater key, -1: greatest smaller key); with no
// target, the subtree's extreme key in that direction. Leaves the answer in `acc`.
bool seek(const Node* n, NibbleVec& acc, const NibbleVec* target, int dir) {
    auto beyond_full = [&] { return !target || compare_full(acc, *target) == dir; };
    std::size_t mark = acc.size();
    switch (n->kind) {
        case Kind::Leaf:
            append(acc, path(n));
            if (beyond_full()) return true;
            break;
        case Kind::Extension: {
            append(acc, path(n));
            int r = target ? compare_prefix(acc, *target) : dir;
            if (r == dir) return seek(static_cast<const Extension*>(n)->child, acc, nullptr, dir);
            if (r == 0 && seek(static_cast<const Extension*>(n)->child, acc, target, dir))
                return true;
            break;
        }
        case Kind::Branch: {
            auto* b = static_cast<const Branch*>(n);
            // A branch's own value has the shortest key, so it comes first going forward.
            if (dir > 0 && b->value_len && beyond_full()) return true;
            for (int k = 0; k < 16; ++k) {
                unsigned nibble = static_cast<unsigned>(dir > 0 ? k : 15 - k);
                const Node* c = child(b, nibble);
                if (!c) continue;
                acc.push_back(static_cast<std::uint8_t>(nibble));
                int r = target ? compare_prefix(acc, *target) : dir;
                if (r == dir && seek(c, acc, nullptr, dir)) return true;
                if (r == 0 && seek(c, acc, target, dir)) return true;
                acc.resize(mark);
            }
            if (dir < 0 && b->value_len && beyond_full()) return true;
            break;
        }
    }
    acc.resize(mark);
    return false;
}

std::optional<Bytes> seek_key(const Node* root, ByteView key, int dir) {
    if (!root) return std::nullopt;
    NibbleVec target, acc;
    append(target, NibbleView(key));
    if (!seek(root, acc, &target, dir)) return std::nullopt;
    assert(acc.size() % 2 == 0);  // keys are whole bytes
    PackedNibbles p(acc);
    return std::move(p.bytes);
}

}  // namespace

std::optional<Bytes> TrieView::next_key(ByteView key) const { return seek_key(root_, key, +1); }
std::optional<Bytes> TrieView::prev_key(ByteView key) const { return seek_key(root_, key, -1); }

}  // namespace ostsim::eth
