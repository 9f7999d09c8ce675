// Signatures of device and session keys, in one of two modes chosen per scenario:
//  - Ecdsa: real secp256k1 signing (RFC 6979) and real recovery in the contract (ecrecover);
//  - Modeled: a signature records who made it over which digest, and "recovers" to its maker
//    only for that digest (over another digest it yields an unrelated address, as ecrecover
//    does): valid iff made by the right key, with none of the curve arithmetic.
// Contracts charge ecrecover's gas in both modes, so outcomes and gas are the same in both.
#pragma once

#include <optional>

#include "eth/secp256k1.hpp"

namespace ostsim::protocol {

enum class SignatureMode : std::uint8_t { Ecdsa, Modeled };

struct KeySignature {
    eth::Signature ecdsa{};  // Ecdsa mode
    eth::Address signer{};   // Modeled mode: the key that signed ...
    eth::Hash digest{};      // ... and what it signed
};

// A device or session key held off-chain (wallet, app server).
class KeyHolder {
public:
    KeyHolder(const eth::PrivateKey& key, SignatureMode mode)
        : key_(key), address_(key.address()), mode_(mode) {}
    // A key drawn from a 32-byte seed (keccak256 of it, re-hashed until a valid scalar).
    static KeyHolder from_seed(const eth::Hash& seed, SignatureMode mode);
    // The same key when its address is already known (from an earlier from_seed of `seed`):
    // skips the public-key multiplication (about 30 us), which a client holding many keys would
    // otherwise pay for every signature.
    static KeyHolder from_seed(const eth::Hash& seed, const eth::Address& address, SignatureMode mode);
    // As from_seed, but in Modeled mode the address is the last 20 bytes of keccak256 of the
    // scalar instead of the public key's: distinct keys keep distinct addresses without the
    // multiplication, which dominated building a million users' accounts. Addresses then differ
    // between the modes (outcomes and gas do not), so state roots are comparable across modes
    // only for keys made by from_seed.
    static KeyHolder derive(const eth::Hash& seed, SignatureMode mode);
    const eth::Address& address() const { return address_; }
    KeySignature sign(const eth::Hash& digest) const;

private:
    KeyHolder(const eth::PrivateKey& key, const eth::Address& address, SignatureMode mode)
        : key_(key), address_(address), mode_(mode) {}
    static eth::PrivateKey scalar(const eth::Hash& seed);

    eth::PrivateKey key_;
    eth::Address address_;
    SignatureMode mode_;
};

// What ecrecover yields for `sig` over `digest`; nullopt for an invalid signature.
std::optional<eth::Address> recover_signer(SignatureMode mode, const eth::Hash& digest,
                                           const KeySignature& sig);

// ecrecover precompile gas (Yellow Paper appendix E, G_ecrecover).
inline constexpr std::uint64_t kEcrecoverGas = 3'000;

}  // namespace ostsim::protocol
