// A transaction as a core orders, packs and executes it: a value transfer from `sender` to `to`,
// and, when `call` is not zero, a contract call the protocol models name by that handle.
#pragma once

#include <cstdint>

#include "chain/account.hpp"

namespace ostsim::chain {

struct Transaction {
    Address sender;
    Address to;
    uint256 value = 0;  // wei
    std::uint64_t nonce = 0;
    std::uint64_t gas_price = 0;  // wei per gas
    std::uint64_t gas_limit = 0;
    std::uint32_t size_bytes = 0;  // on the wire, for propagation
    std::uint64_t call = 0;        // the model's handle for what the transaction does
    std::int64_t submitted_ns = 0;

    // keccak256 of RLP([sender, to, value, nonce, gasPrice, gasLimit, call]): unique per
    // (sender, nonce) and content, as a real transaction hash is.
    Hash hash() const;
    // Whether the two have the same hash, without hashing: the same hashed fields.
    bool same_content(const Transaction& o) const {
        return sender == o.sender && to == o.to && value == o.value && nonce == o.nonce &&
               gas_price == o.gas_price && gas_limit == o.gas_limit && call == o.call;
    }
};

}  // namespace ostsim::chain
