// A block header of a core, hashed as Ethereum hashes headers: keccak256 of its RLP list.
//
// Fields follow Ethereum's header where they mean the same thing (parent hash, producer as
// coinbase, state root, transactions root, number, gas limit, gas used, timestamp, extra
// data); proof-of-work fields are absent. The timestamp is the core's simulated time in
// nanoseconds (Ethereum's is in seconds). `extra` holds what a consensus rule seals a block with.
#pragma once

#include <cstdint>
#include <span>

#include "chain/account.hpp"

namespace ostsim::chain {

struct BlockHeader {
    Hash parent_hash;
    Address producer;
    Hash state_root;
    Hash transactions_root;
    std::uint64_t height = 0;
    std::uint64_t gas_limit = 0;
    std::uint64_t gas_used = 0;
    std::uint64_t timestamp_ns = 0;
    Bytes extra;

    Bytes rlp() const;
    Hash hash() const;
    static eth::Expected<BlockHeader, eth::rlp::DecodeError> from_rlp(ByteView rlp);
    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

// The root of the trie from RLP(index) to each transaction's hash, as Ethereum's transactions
// root maps RLP(index) to the transaction (ostsim's transactions are simulated, their hashes real).
Hash transactions_root(std::span<const Hash> tx_hashes);

}  // namespace ostsim::chain
