// Message hashing and storage slots against values computed independently: Python's
// pycryptodome keccak over the ABI encoding written out by hand (abi.encode of the type string:
// offset 0x20, length, padded bytes; then 32-byte words).
#include <gtest/gtest.h>

#include "protocol/gateway_base.hpp"

using namespace ostsim;
using namespace ostsim::protocol;

namespace {

Hash h(std::string_view hex) { return *Hash::from_hex(hex); }
Address a(std::uint8_t last) {
    Address x;
    x.bytes[19] = last;
    return x;
}

}  // namespace

TEST(message, type_hashes_use_the_abi_encoded_string) {
    EXPECT_EQ(abi_string_typehash("Message(bytes32 intentHash,uint256 nonce,uint256 gasPrice,"
                                  "uint256 gasLimit,address sender,bytes32 hashLock)"),
              h("d817c36cc79a8bbc2d465d4d100850efa54839052f5a44c2aa33c19679c9faa0"));
    EXPECT_EQ(abi_string_typehash("StakeIntent(uint256 amount,address beneficiary,address gateway)"),
              h("cf62bdacce8f330ac3be2a194883ab7a0b95df33418aa7aa15b30d371fd14147"));
    EXPECT_EQ(abi_string_typehash("RedeemIntent(uint256 amount,address beneficiary,address gateway)"),
              h("18ff6944a9541fb7f707062953626889524f4c551bfe46264f78469355e8d0e4"));
}

TEST(message, hash_lock_is_keccak_of_the_raw_secret) {
    EXPECT_EQ(hash_lock(Hash{}), h("290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"));
    EXPECT_EQ(hash_lock(eth::to_word(42)),
              h("beced09521047d05b8960b7e7bcc1d1292cf3e4b2a6b63f48335cbde5f7545d2"));
}

TEST(message, message_hash_and_its_box_slots) {
    const Hash intent = stake_intent_hash(1000, a(7), a(3));
    EXPECT_EQ(intent, h("beab6bd681b76c4445bd37443448c73e8e142b323cbbc8a999e6ec22c23fc7aa"));
    Message m{intent, 5, 2, 100'000, a(9), hash_lock(eth::to_word(42)), 123};
    const Hash mh = message_hash(m);
    EXPECT_EQ(mh, h("9629937b3eb2c1d67fd748843518a2b437174408aea901bbe25787f99b99655c"));
    m.gas_consumed = 0;  // not hashed
    EXPECT_EQ(message_hash(m), mh);
    EXPECT_EQ(GatewayBase::status_slot(Box::Outbox, mh),
              h("11a91916221eb30b60c39519d0ef699aa6faebe28bf32f0c763b670072cbc102"));
    EXPECT_EQ(GatewayBase::status_slot(Box::Inbox, mh),
              h("eaa157a08a504d35e71274fca40e8f8423243509e72795c06a960fcd0229fe26"));
}

TEST(message, status_values_are_the_contracts) {
    EXPECT_EQ(static_cast<int>(Status::Undeclared), 0);
    EXPECT_EQ(static_cast<int>(Status::Declared), 1);
    EXPECT_EQ(static_cast<int>(Status::Progressed), 2);
    EXPECT_EQ(static_cast<int>(Status::DeclaredRevocation), 3);
    EXPECT_EQ(static_cast<int>(Status::Revoked), 4);
    EXPECT_EQ(to_string(Status::DeclaredRevocation), "DeclaredRevocation");
}

TEST(message, every_rejection_has_a_message) {
    for (int r = 0; r <= static_cast<int>(Rejection::NoSuchRequest); ++r)
        EXPECT_NE(to_string(static_cast<Rejection>(r)), "unknown") << r;
}
