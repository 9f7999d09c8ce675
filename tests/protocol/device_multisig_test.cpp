// The device multisig that owns a TokenHolder (PROTOCOL.md 3.1): threshold approvals, added,
// removed and recovered devices, signatures that approve one operation once; in both modes.
#include "account_fixture.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

class devices : public ::testing::TestWithParam<SignatureMode> {};
INSTANTIATE_TEST_SUITE_P(modes, devices, ::testing::Values(SignatureMode::Ecdsa, SignatureMode::Modeled),
                         [](const auto& i) { return i.param == SignatureMode::Ecdsa ? "ecdsa" : "modeled"; });

TEST_P(devices, management_needs_the_threshold_of_distinct_devices) {
    AccountCore c(GetParam());  // 3 devices, threshold 2
    const KeyHolder phone = KeyHolder::from_seed(tag_hash(0xe1), GetParam());
    const std::vector<Hash> args{address_word(phone.address())};
    EXPECT_EQ(c.call(AddDevice{phone.address(), c.approve(DeviceOp::AddDevice, args, {0})}).rejection,
              AccountRejection::BelowThreshold);
    EXPECT_EQ(c.call(AddDevice{phone.address(), c.approve(DeviceOp::AddDevice, args, {1, 1})}).rejection,
              AccountRejection::DuplicateSigner);
    // A signature for another operation recovers to no device.
    EXPECT_EQ(c.call(AddDevice{phone.address(), c.approve(DeviceOp::RemoveDevice, args, {0, 1})}).rejection,
              AccountRejection::NotDevice);
    const Signatures ok = c.approve(DeviceOp::AddDevice, args, {0, 2});
    ASSERT_TRUE(c.call(AddDevice{phone.address(), ok}).ok());
    // The same signatures cannot approve again: the nonce moved on.
    EXPECT_EQ(c.call(AddDevice{phone.address(), ok}).rejection, AccountRejection::NotDevice);
    EXPECT_EQ(c.call(AddDevice{phone.address(), c.approve(DeviceOp::AddDevice, args, {0, 2})}).rejection,
              AccountRejection::DeviceExists);
    c.devices.push_back(phone);  // index 3
    // The new device signs like any other.
    const std::vector<Hash> rm{address_word(c.devices[0].address())};
    ASSERT_TRUE(c.call(RemoveDevice{c.devices[0].address(), c.approve(DeviceOp::RemoveDevice, rm, {3, 1})}).ok());
    EXPECT_EQ(c.call(AddDevice{phone.address(), c.approve(DeviceOp::AddDevice, args, {0, 1})}).rejection,
              AccountRejection::NotDevice);  // device 0 is gone
}

TEST_P(devices, removal_keeps_at_least_threshold_devices) {
    AccountCore c(GetParam());
    const std::vector<Hash> rm0{address_word(c.devices[0].address())};
    ASSERT_TRUE(c.call(RemoveDevice{c.devices[0].address(), c.approve(DeviceOp::RemoveDevice, rm0, {1, 2})}).ok());
    const std::vector<Hash> rm1{address_word(c.devices[1].address())};
    EXPECT_EQ(c.call(RemoveDevice{c.devices[1].address(), c.approve(DeviceOp::RemoveDevice, rm1, {1, 2})}).rejection,
              AccountRejection::BadThreshold);
}

TEST_P(devices, a_lost_device_is_recovered_by_the_others) {
    AccountCore c(GetParam());
    const KeyHolder lost = c.devices[0];
    const KeyHolder fresh = KeyHolder::from_seed(tag_hash(0xe2), GetParam());
    const std::vector<Hash> args{address_word(lost.address()), address_word(fresh.address())};
    ASSERT_TRUE(c.call(ReplaceDevice{lost.address(), fresh.address(),
                                     c.approve(DeviceOp::ReplaceDevice, args, {1, 2})}).ok());
    c.devices[0] = fresh;
    // The lost key can no longer approve anything; the new one can.
    const HashChain chain(tag_hash(0x5c), 2);
    SessionLimits l;
    l.secrets = 2;
    l.secret_amount = 5;
    l.session_amount = 10;
    l.expiration_height = 1'000;
    const KeyHolder key = KeyHolder::from_seed(tag_hash(0x6e), GetParam());
    const Hash digest = TokenHolder::op_digest(
        c.holder_address, DeviceOp::OpenSession,
        std::vector<Hash>{address_word(key.address()), chain.anchor(), TokenHolder::limits_word(l)}, c.nonce());
    EXPECT_EQ(c.call(OpenSession{key.address(), chain.anchor(), l, {lost.sign(digest)}}).rejection,
              AccountRejection::NotDevice);
    EXPECT_TRUE(c.call(OpenSession{key.address(), chain.anchor(), l, {fresh.sign(digest)}}).ok());
}

TEST_P(devices, setup_once_with_a_valid_threshold) {
    AccountCore c(GetParam());
    EXPECT_EQ(c.call(SetupHolder{{c.merchant}, 1}).rejection, AccountRejection::AlreadySetUp);
    Exec x(c.state, c.contracts, c.gas, {c.height, {}});
    EXPECT_EQ(c.holder.devices().threshold(x), 2);
    EXPECT_EQ(c.holder.devices().count(x), 3);
}

TEST(devices_ecdsa, a_tampered_signature_is_refused) {
    AccountCore c(SignatureMode::Ecdsa);
    const KeyHolder phone = KeyHolder::from_seed(tag_hash(0xe3), SignatureMode::Ecdsa);
    const std::vector<Hash> args{address_word(phone.address())};
    Signatures sigs = c.approve(DeviceOp::AddDevice, args, {0, 1});
    sigs[1].ecdsa.s.bytes[31] ^= 1;
    const auto r = c.call(AddDevice{phone.address(), sigs}).rejection;
    EXPECT_TRUE(r == AccountRejection::NotDevice || r == AccountRejection::BadSignature) << to_string(r);
    sigs[1].ecdsa.s.bytes[31] ^= 1;
    EXPECT_TRUE(c.call(AddDevice{phone.address(), sigs}).ok());
}
