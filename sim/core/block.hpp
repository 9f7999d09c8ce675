// A block as a core's nodes pass it around: immutable once produced, owned by its producer
// node, referenced by pointer in events (its address is stable), named by its BlockId.
#pragma once

#include <cstdint>
#include <vector>

#include "chain/block_header.hpp"
#include "chain/transaction.hpp"
#include "consensus/rule.hpp"
#include "protocol/rejection.hpp"

namespace ostsim::core {

// What including a transaction did: its gas, and for a contract call that reverted (it is
// included and pays) the contract's reason.
struct Receipt {
    std::uint64_t gas_used = 0;
    protocol::Rejection reverted = protocol::Rejection::None;
};

struct Block {
    consensus::BlockMeta meta;
    chain::BlockHeader header;  // with the real state and transactions roots
    chain::Hash hash;           // keccak256 of the header's RLP
    std::uint32_t size_bytes = 0;  // on the wire: header, transactions, declared filler
    std::vector<chain::Transaction> txs;
    std::vector<Receipt> receipts;  // one per transaction, in order
};

}  // namespace ostsim::core
