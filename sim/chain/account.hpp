// An account of a core's world state, as Ethereum's state trie holds it: RLP of
// [nonce, balance, storageRoot, codeHash] at keccak256(address) (Yellow Paper, section 4.1).
#pragma once

#include <cstdint>

#include "eth/bytes.hpp"
#include "eth/expected.hpp"
#include "eth/rlp_decode.hpp"
#include "eth/uint256.hpp"

namespace ostsim::chain {

using eth::Address;
using eth::Bytes;
using eth::ByteView;
using eth::Hash;
using eth::uint256;

// keccak256 of empty code: the code hash of an account that is not a contract.
const Hash& empty_code_hash();

struct Account {
    std::uint64_t nonce = 0;
    uint256 balance = 0;
    Hash storage_root;  // set by the world state; empty_trie_root() without storage
    Hash code_hash;

    Account();
    // Ethereum treats an account with zero nonce, zero balance and no code as absent (EIP-161).
    bool is_empty() const;
    Bytes rlp() const;
    static eth::Expected<Account, eth::rlp::DecodeError> from_rlp(ByteView rlp);
    friend bool operator==(const Account&, const Account&) = default;
};

}  // namespace ostsim::chain
