#include "protocol/signature_mode.hpp"

#include <algorithm>

#include "eth/keccak.hpp"

namespace ostsim::protocol {

eth::PrivateKey KeyHolder::scalar(const eth::Hash& seed) {
    eth::Hash h = eth::keccak256(seed);
    for (;;) {
        if (auto k = eth::PrivateKey::from_bytes(h)) return *k;
        h = eth::keccak256(h);  // probability ~2^-128 per draw
    }
}

KeyHolder KeyHolder::from_seed(const eth::Hash& seed, SignatureMode mode) {
    return KeyHolder(scalar(seed), mode);
}

KeyHolder KeyHolder::derive(const eth::Hash& seed, SignatureMode mode) {
    if (mode == SignatureMode::Ecdsa) return from_seed(seed, mode);
    const eth::PrivateKey k = scalar(seed);
    const eth::Hash h = eth::keccak256(k.secret());
    eth::Address a;
    std::copy(h.bytes.end() - 20, h.bytes.end(), a.bytes.begin());
    return KeyHolder(k, a, mode);
}

KeyHolder KeyHolder::from_seed(const eth::Hash& seed, const eth::Address& address, SignatureMode mode) {
    return KeyHolder(scalar(seed), address, mode);
}

KeySignature KeyHolder::sign(const eth::Hash& digest) const {
    KeySignature s;
    if (mode_ == SignatureMode::Ecdsa) {
        s.ecdsa = key_.sign(digest);
    } else {
        s.signer = address_;
        s.digest = digest;
    }
    return s;
}

std::optional<eth::Address> recover_signer(SignatureMode mode, const eth::Hash& digest,
                                           const KeySignature& sig) {
    if (mode == SignatureMode::Ecdsa) return eth::recover_address(digest, sig.ecdsa);
    if (sig.signer.is_zero()) return std::nullopt;
    if (sig.digest == digest) return sig.signer;
    // ecrecover of a signature over another digest yields an unrelated address, not a failure:
    // mirror that so that both modes reject with the same reason (NotDevice, BadSignature).
    std::uint8_t in[64];
    std::copy(sig.digest.bytes.begin(), sig.digest.bytes.end(), in);
    std::copy(digest.bytes.begin(), digest.bytes.end(), in + 32);
    const eth::Hash h = eth::keccak256(eth::ByteView(in, 64));
    eth::Address a;
    std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
    return a;
}

}  // namespace ostsim::protocol
