#include "eth/secp256k1.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>
#include <stdexcept>

#include "eth/keccak.hpp"

namespace ostsim::eth {

namespace {

// One context for the process: after creation it is only read, which libsecp256k1 documents
// as safe from many threads.
const secp256k1_context* context() {
    static secp256k1_context* ctx =
        secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
    return ctx;
}

PublicKey serialise(const secp256k1_pubkey& pk) {
    std::uint8_t out[65];
    std::size_t len = sizeof out;
    secp256k1_ec_pubkey_serialize(context(), out, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
    PublicKey key;
    std::memcpy(key.data(), out + 1, 64);
    return key;
}

}  // namespace

std::optional<PrivateKey> PrivateKey::from_bytes(const Hash& secret) {
    if (!secp256k1_ec_seckey_verify(context(), secret.data())) return std::nullopt;
    return PrivateKey(secret);
}

PublicKey PrivateKey::public_key() const {
    secp256k1_pubkey pk;
    if (!secp256k1_ec_pubkey_create(context(), &pk, secret_.data()))
        throw std::logic_error("secp256k1: a verified secret key failed to derive its public key");
    return serialise(pk);
}

Address PrivateKey::address() const { return address_of(public_key()); }

Signature PrivateKey::sign(const Hash& message_hash) const {
    secp256k1_ecdsa_recoverable_signature rs;
    // Null nonce function: libsecp256k1's default, RFC 6979.
    if (!secp256k1_ecdsa_sign_recoverable(context(), &rs, message_hash.data(), secret_.data(),
                                          nullptr, nullptr))
        throw std::logic_error("secp256k1: signing with a verified secret key failed");
    std::uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact, &recid, &rs);
    Signature sig;
    std::memcpy(sig.r.data(), compact, 32);
    std::memcpy(sig.s.data(), compact + 32, 32);
    sig.recovery_id = static_cast<std::uint8_t>(recid);
    return sig;
}

Address address_of(const PublicKey& key) {
    Hash h = keccak256(key);
    Address a;
    std::memcpy(a.data(), h.data() + 12, 20);
    return a;
}

std::optional<PublicKey> recover(const Hash& message_hash, const Signature& sig) {
    if (sig.recovery_id > 3) return std::nullopt;
    std::uint8_t compact[64];
    std::memcpy(compact, sig.r.data(), 32);
    std::memcpy(compact + 32, sig.s.data(), 32);
    secp256k1_ecdsa_recoverable_signature rs;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &rs, compact,
                                                             sig.recovery_id))
        return std::nullopt;
    secp256k1_pubkey pk;
    if (!secp256k1_ecdsa_recover(context(), &pk, &rs, message_hash.data())) return std::nullopt;
    return serialise(pk);
}

std::optional<Address> recover_address(const Hash& message_hash, const Signature& sig) {
    auto pk = recover(message_hash, sig);
    if (!pk) return std::nullopt;
    return address_of(*pk);
}

}  // namespace ostsim::eth
