#include "eth/trie_proof.hpp"

#include <vector>

#include "eth/keccak.hpp"
#include "eth/nibbles.hpp"
#include "eth/rlp_decode.hpp"

namespace ostsim::eth {

std::string_view to_string(ProofError e) {
    switch (e) {
        case ProofError::MissingNode: return "proof node missing";
        case ProofError::BadNode: return "malformed proof node";
        case ProofError::BadPath: return "malformed hex-prefix path";
    }
    return "unknown proof error";
}

namespace {

using Result = Expected<std::optional<Bytes>, ProofError>;

Result absent() { return std::optional<Bytes>{}; }
Result present(ByteView v) { return std::optional<Bytes>(Bytes(v.begin(), v.end())); }

bool valid_hex_prefix(ByteView hp) {
    if (hp.empty()) return false;
    std::uint8_t flags = hp[0] >> 4;
    if (flags > 3) return false;
    // An even path pads its first byte with a zero nibble.
    return (flags & 1) || (hp[0] & 0x0f) == 0;
}

}  // namespace

Result verify_proof(const Hash& root, ByteView key, const Proof& proof) {
    std::vector<Hash> hashes;
    hashes.reserve(proof.size());
    for (const Bytes& node : proof) hashes.push_back(keccak256(node));
    auto lookup = [&](const Hash& h) -> const Bytes* {
        for (std::size_t i = 0; i < proof.size(); ++i)
            if (hashes[i] == h) return &proof[i];
        return nullptr;
    };

    const Bytes* first = lookup(root);
    if (!first) return Unexpected{ProofError::MissingNode};
    ByteView node = *first;
    NibbleView k(key);
    // Every step consumes at least one nibble of the key or ends, so the walk terminates.
    for (;;) {
        auto item = rlp::decode_exact(node);
        if (!item) return Unexpected{ProofError::BadNode};
        if (!item->is_list) {
            // Only the empty trie's root is a string: RLP("").
            if (item->payload.empty() && node.data() == first->data()) return absent();
            return Unexpected{ProofError::BadNode};
        }
        rlp::Item items[17];
        auto count = rlp::decode_list(*item, items, 17);
        if (!count) return Unexpected{ProofError::BadNode};
        rlp::Item ref;
        if (*count == 17) {
            if (items[16].is_list) return Unexpected{ProofError::BadNode};
            if (k.empty()) {
                if (items[16].payload.empty()) return absent();
                return present(items[16].payload);
            }
            ref = items[k[0]];
            k = k.drop(1);
        } else if (*count == 2) {
            if (items[0].is_list || !valid_hex_prefix(items[0].payload))
                return Unexpected{ProofError::BadPath};
            NibbleView p = hex_prefix::path(items[0].payload);
            bool leaf = items[0].payload[0] & hex_prefix::kLeafFlag;
            if (leaf) {
                if (items[1].is_list) return Unexpected{ProofError::BadNode};
                if (!(p == k)) return absent();
                return present(items[1].payload);
            }
            if (p.empty()) return Unexpected{ProofError::BadPath};
            if (p.common_prefix(k) != p.size()) return absent();
            k = k.drop(p.size());
            ref = items[1];
        } else {
            return Unexpected{ProofError::BadNode};
        }
        // Follow the reference: embedded node, hash of the next proof node, or nothing.
        if (ref.is_list) {
            if (ref.encoded.size() >= 32) return Unexpected{ProofError::BadNode};
            node = ref.encoded;
        } else if (ref.payload.empty()) {
            return absent();
        } else if (ref.payload.size() == 32) {
            const Bytes* next = lookup(*Hash::from_view(ref.payload));
            if (!next) return Unexpected{ProofError::MissingNode};
            node = *next;
        } else {
            return Unexpected{ProofError::BadNode};
        }
    }
}

}  // namespace ostsim::eth
