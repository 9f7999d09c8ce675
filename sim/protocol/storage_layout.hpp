// Where Solidity keeps state variables, so that the storage tries ostsim builds are the ones the
// contracts would build and a storage proof walks the real path (Solidity docs, "Layout of State
// Variables in Storage"): a value at its declaration slot p; a mapping entry m[k] at
// keccak256(pad32(k) . pad32(p)); a dynamic array's element i at keccak256(pad32(p)) + i; a
// struct's field j at its base slot + j.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>

#include "chain/account.hpp"

namespace ostsim::protocol {

using chain::Address;
using chain::Bytes;
using chain::ByteView;
using chain::Hash;
using chain::uint256;

inline Hash slot(std::uint64_t p) { return eth::to_word(p); }

// An address as an ABI word: left-padded to 32 bytes.
Hash address_word(const Address& a);
uint256 to_uint(const Address& a);
// The low 20 bytes of a word, as Solidity reads an address from storage.
Address to_address(const uint256& v);

Hash mapping_slot(const Hash& key_word, const Hash& p);
inline Hash mapping_slot(const Hash& key_word, std::uint64_t p) { return mapping_slot(key_word, slot(p)); }
inline Hash mapping_slot(const Address& key, std::uint64_t p) { return mapping_slot(address_word(key), p); }
Hash array_element(std::uint64_t p, std::uint64_t i);
// keccak256 of 32-byte words concatenated (abi.encode of static values), as contracts hash
// the arguments that a key signs.
Hash keccak_words(std::span<const Hash> words);
inline Hash keccak_words(std::initializer_list<Hash> words) {
    return keccak_words(std::span<const Hash>(words.begin(), words.size()));
}

// base + j, modulo 2^256.
Hash field(const Hash& base, std::uint64_t j);

}  // namespace ostsim::protocol
