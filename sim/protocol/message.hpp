// The message bus's messages and their hashes, byte-exact with MC lib/MessageBus.sol and
// lib/GatewayLib.sol (PROTOCOL.md 1.1). Type hashes are keccak256(abi.encode(string)) - the ABI
// encoding of the string (offset, length, padded bytes), not EIP-712's keccak256(bytes(string)),
// a quirk of the contracts that the hashes must keep.
#pragma once

#include <string_view>

#include "eth/keccak.hpp"
#include "protocol/storage_layout.hpp"

namespace ostsim::protocol {

// Numeric values are what a storage proof proves (MC MessageBus.MessageStatus).
enum class Status : std::uint8_t {
    Undeclared = 0,
    Declared = 1,
    Progressed = 2,
    DeclaredRevocation = 3,
    Revoked = 4,
};
std::string_view to_string(Status s);

struct Message {
    Hash intent_hash;
    uint256 nonce = 0;
    uint256 gas_price = 0;
    uint256 gas_limit = 0;
    Address sender;
    Hash hash_lock;
    uint256 gas_consumed = 0;  // not hashed
};

// keccak256(abi.encode(s)).
Hash abi_string_typehash(std::string_view s);
// keccak256(abi.encode(MESSAGE_TYPEHASH, intentHash, nonce, gasPrice, gasLimit, sender, hashLock)).
Hash message_hash(const Message& m);
// keccak256(abi.encode(STAKE_INTENT_TYPEHASH, amount, beneficiary, gateway)).
Hash stake_intent_hash(const uint256& amount, const Address& beneficiary, const Address& gateway);
Hash redeem_intent_hash(const uint256& amount, const Address& beneficiary, const Address& co_gateway);
// keccak256(abi.encode(secret)): keccak of the 32 raw bytes.
inline Hash hash_lock(const Hash& secret) { return eth::keccak256(secret); }

}  // namespace ostsim::protocol
