#include <gtest/gtest.h>

#include "eth/keccak.hpp"
#include "eth/secp256k1.hpp"

using namespace ostsim::eth;

TEST(secp256k1, sign_then_recover_gives_the_signer) {
    for (std::uint8_t i = 1; i < 20; ++i) {
        auto key = PrivateKey::from_bytes(keccak256(Bytes{i}));
        ASSERT_TRUE(key);
        Hash msg = keccak256(Bytes{i, i});
        Signature sig = key->sign(msg);
        EXPECT_EQ(key->sign(msg), sig) << "RFC 6979 signatures are deterministic";
        EXPECT_EQ(recover_address(msg, sig), key->address());
        // Low-s: s is at most half the curve order, whose top byte is 0x7f.
        EXPECT_LE(sig.s.bytes[0], 0x7f);
        // Another message recovers another key.
        EXPECT_NE(recover_address(keccak256(Bytes{i}), sig), key->address());
    }
}

TEST(secp256k1, rejects_invalid_keys_and_signatures) {
    EXPECT_FALSE(PrivateKey::from_bytes(Hash{}));
    Hash order = *Hash::from_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    EXPECT_FALSE(PrivateKey::from_bytes(order));
    Signature zero;
    EXPECT_FALSE(recover(keccak256({}), zero));
    auto key = PrivateKey::from_bytes(keccak256(as_bytes("k")));
    Signature sig = key->sign(keccak256({}));
    sig.recovery_id = 4;
    EXPECT_FALSE(recover(keccak256({}), sig));
}
