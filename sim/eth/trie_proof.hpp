// Checking Merkle-Patricia proofs against a root, as go-ethereum's trie.VerifyProof does and as
// the gateways' MerklePatriciaProof library does on chain.
#pragma once

#include <optional>
#include <string_view>

#include "eth/bytes.hpp"
#include "eth/expected.hpp"
#include "eth/trie.hpp"

namespace ostsim::eth {

enum class ProofError : std::uint8_t {
    MissingNode,  // no proof node hashes to a reference on the path
    BadNode,      // a node that is not valid RLP or not a leaf, extension or branch
    BadPath,      // an invalid hex-prefix path
};
std::string_view to_string(ProofError e);

// The value at `key` in the trie whose root is `root`: the value if present, nullopt if the
// proof shows `key` absent, or an error if the proof does not prove either against `root`.
// Proof nodes may come in any order; nodes that are not on the path are ignored.
Expected<std::optional<Bytes>, ProofError> verify_proof(const Hash& root, ByteView key,
                                                        const Proof& proof);

}  // namespace ostsim::eth
