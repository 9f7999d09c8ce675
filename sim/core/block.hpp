// A block as a core's nodes pass it around: immutable once produced, owned by its producer
// node, referenced by pointer in events (its address is stable), named by its BlockId.
#pragma once

#include <cstdint>
#include <vector>

#include "chain/block_header.hpp"
#include "chain/transaction.hpp"
#include "consensus/rule.hpp"

namespace ostsim::core {

struct Block {
    consensus::BlockMeta meta;
    chain::BlockHeader header;  // with the real state and transactions roots
    chain::Hash hash;           // keccak256 of the header's RLP
    std::uint32_t size_bytes = 0;  // on the wire: header, transactions, declared filler
    std::vector<chain::Transaction> txs;
};

}  // namespace ostsim::core
