// secp256k1 keys and recoverable ECDSA signatures (libsecp256k1 with its recovery module), as
// Ethereum uses them: RFC 6979 deterministic nonces, low-s signatures, addresses are the last 20
// bytes of keccak256 of the 64-byte public key.
#pragma once

#include <optional>

#include "eth/bytes.hpp"

namespace ostsim::eth {

using PublicKey = FixedBytes<64>;  // x and y, big-endian, without the 0x04 prefix

struct Signature {
    Hash r;
    Hash s;
    std::uint8_t recovery_id = 0;  // 0 or 1; Ethereum's v is 27 + recovery_id (pre-EIP-155)
    friend bool operator==(const Signature&, const Signature&) = default;
};

class PrivateKey {
public:
    // nullopt unless 0 < secret < the curve order.
    static std::optional<PrivateKey> from_bytes(const Hash& secret);

    const Hash& secret() const { return secret_; }
    PublicKey public_key() const;
    Address address() const;
    Signature sign(const Hash& message_hash) const;

private:
    explicit PrivateKey(const Hash& s) : secret_(s) {}
    Hash secret_;
};

Address address_of(const PublicKey& key);

// The public key that made `sig` over `message_hash`; nullopt for an invalid signature.
std::optional<PublicKey> recover(const Hash& message_hash, const Signature& sig);
std::optional<Address> recover_address(const Hash& message_hash, const Signature& sig);

}  // namespace ostsim::eth
