// Delayed recovery of a lost device (OC DelayedRecoveryModule; PROTOCOL.md 3.1 "Recovery"): the
// controller initiates with the recovery owner's signature, executes only once more than the
// delay has passed, and the recovery owner, the controller or the devices abort it before; in
// both signature modes; the controller resets the recovery owner with its signature.
#include "account_fixture.hpp"

using namespace ostsim;
using namespace ostsim::protocol;
using namespace ostsim::protocol::test;

namespace {
constexpr std::uint64_t kDelay = DelayedRecovery::kMinDelay;
}  // namespace

// At file scope, as the other suites: a test class deriving from an anonymous-namespace type
// fails -Wsubobject-linkage in a unity build.
class recovery : public ::testing::TestWithParam<SignatureMode> {
protected:
    AccountCore c{GetParam()};
    KeyHolder owner = KeyHolder::from_seed(tag_hash(0x81), GetParam());
    KeyHolder fresh = KeyHolder::from_seed(tag_hash(0x82), GetParam());  // the replacement device
    Address controller = owner_address(0x83);
    Address lost = c.devices.at(0).address();

    static Address owner_address(std::uint8_t tag) {
        Address a;
        a.bytes[19] = tag;
        a.bytes[0] = 0xc0;
        return a;
    }
    AccountOutcome setup(std::uint64_t delay, std::vector<std::size_t> which = {1, 2}) {
        const auto sigs = c.approve(DeviceOp::SetupRecovery,
                                    {address_word(owner.address()), address_word(controller), slot(delay)}, which);
        return c.call(SetupRecovery{owner.address(), controller, delay, sigs});
    }
    KeySignature signed_by(const KeyHolder& k, const Address& old_device, const Address& new_device) const {
        return k.sign(DelayedRecovery::digest(c.holder_address, old_device, new_device));
    }
    AccountOutcome initiate() {
        return c.call_from(controller, InitiateRecovery{lost, fresh.address(), signed_by(owner, lost, fresh.address())});
    }
    AccountOutcome execute() {
        return c.call_from(controller, ExecuteRecovery{lost, fresh.address(), signed_by(owner, lost, fresh.address())});
    }
    bool is_device(const Address& a) {
        Exec x(c.state, c.contracts, c.gas, c.last_block());
        return c.holder.devices().is_device(x, a);
    }
};
INSTANTIATE_TEST_SUITE_P(modes, recovery, ::testing::Values(SignatureMode::Ecdsa, SignatureMode::Modeled),
                         [](const auto& i) { return i.param == SignatureMode::Ecdsa ? "ecdsa" : "modeled"; });

TEST_P(recovery, setup_needs_the_device_threshold_and_the_minimum_delay) {
    EXPECT_EQ(setup(kDelay, {1}).rejection, AccountRejection::BelowThreshold);
    EXPECT_EQ(setup(kDelay - 1).rejection, AccountRejection::BadRecoveryDelay);
    EXPECT_EQ(initiate().rejection, AccountRejection::RecoveryNotSetUp);
    ASSERT_TRUE(setup(kDelay).ok());
    EXPECT_EQ(setup(kDelay).rejection, AccountRejection::AlreadySetUp);
}

TEST_P(recovery, executes_only_after_the_delay_and_swaps_the_device) {
    ASSERT_TRUE(setup(kDelay).ok());
    const auto started = initiate();
    ASSERT_TRUE(started.ok()) << started.reason();
    const std::uint64_t initiated = c.height;
    ASSERT_EQ(started.events.size(), 1u);
    EXPECT_EQ(started.events[0].name, "RecoveryInitiated");
    // The module's rule: initiationBlockHeight + recoveryBlockDelay < block.number.
    c.skip(kDelay - 2);
    ASSERT_EQ(c.height + 1, initiated + kDelay - 1);
    EXPECT_EQ(execute().rejection, AccountRejection::RecoveryTooEarly);
    ASSERT_EQ(c.height + 1, initiated + kDelay);
    const auto at_delay = execute();
    EXPECT_EQ(at_delay.rejection, AccountRejection::RecoveryTooEarly);
    EXPECT_EQ(at_delay.reason(), "recovery delay has not passed");
    EXPECT_TRUE(is_device(lost));
    const auto done = execute();  // block initiated + delay + 1
    ASSERT_TRUE(done.ok()) << done.reason();
    EXPECT_FALSE(is_device(lost));
    EXPECT_TRUE(is_device(fresh.address()));
    EXPECT_EQ(done.events.back().name, "RecoveryExecuted");
    EXPECT_EQ(execute().rejection, AccountRejection::NoRecovery);
    // The new device signs with the others; the lost one no longer counts.
    const Address extra = owner_address(0x90);
    const Hash digest = TokenHolder::op_digest(c.holder_address, DeviceOp::AddDevice,
                                               std::vector<Hash>{address_word(extra)}, c.nonce());
    EXPECT_EQ(c.call(AddDevice{extra, {c.devices[0].sign(digest), c.devices[1].sign(digest)}}).rejection,
              AccountRejection::NotDevice);
    EXPECT_TRUE(c.call(AddDevice{extra, {fresh.sign(digest), c.devices[1].sign(digest)}}).ok());
}

TEST_P(recovery, only_the_controller_relays_and_only_the_recovery_owner_signs) {
    ASSERT_TRUE(setup(kDelay).ok());
    const auto good = signed_by(owner, lost, fresh.address());
    EXPECT_EQ(c.call(InitiateRecovery{lost, fresh.address(), good}).rejection,  // sent by the relayer
              AccountRejection::NotRecoveryController);
    // A device is not the recovery owner; nor is the owner's signature over another pair.
    EXPECT_EQ(c.call_from(controller, InitiateRecovery{lost, fresh.address(),
                                                       signed_by(c.devices[1], lost, fresh.address())}).rejection,
              AccountRejection::NotRecoveryOwner);
    const Address other = owner_address(0x91);
    EXPECT_EQ(c.call_from(controller, InitiateRecovery{lost, other, good}).rejection,
              AccountRejection::NotRecoveryOwner);
    ASSERT_TRUE(initiate().ok());
    EXPECT_EQ(c.call_from(controller, InitiateRecovery{lost, other, signed_by(owner, lost, other)}).rejection,
              AccountRejection::RecoveryActive);
    c.skip(kDelay + 1);
    EXPECT_EQ(c.call(ExecuteRecovery{lost, fresh.address(), good}).rejection,
              AccountRejection::NotRecoveryController);
    EXPECT_EQ(c.call_from(controller, ExecuteRecovery{lost, other, signed_by(owner, lost, other)}).rejection,
              AccountRejection::RecoveryMismatch);
    EXPECT_EQ(c.call_from(controller, ExecuteRecovery{lost, fresh.address(),
                                                      signed_by(fresh, lost, fresh.address())}).rejection,
              AccountRejection::NotRecoveryOwner);
    EXPECT_TRUE(execute().ok());
}

TEST_P(recovery, an_aborted_recovery_cannot_execute) {
    ASSERT_TRUE(setup(kDelay).ok());
    const auto sig = signed_by(owner, lost, fresh.address());
    // By the recovery owner's signature, relayed by anyone; a stranger's signature is refused.
    ASSERT_TRUE(initiate().ok());
    EXPECT_EQ(c.call(AbortRecoveryByOwner{lost, fresh.address(), signed_by(fresh, lost, fresh.address())}).rejection,
              AccountRejection::NotRecoveryOwner);
    const auto aborted = c.call(AbortRecoveryByOwner{lost, fresh.address(), sig});
    ASSERT_TRUE(aborted.ok()) << aborted.reason();
    EXPECT_EQ(aborted.events.back().name, "RecoveryAborted");
    c.skip(kDelay + 1);
    EXPECT_EQ(execute().rejection, AccountRejection::NoRecovery);
    // By the controller only.
    ASSERT_TRUE(initiate().ok());
    EXPECT_EQ(c.call(AbortRecoveryByController{lost, fresh.address()}).rejection,
              AccountRejection::NotRecoveryController);
    ASSERT_TRUE(c.call_from(controller, AbortRecoveryByController{lost, fresh.address()}).ok());
    // By the devices, at the threshold (a device that fears its recovery owner is compromised).
    ASSERT_TRUE(initiate().ok());
    const std::vector<Hash> pair{address_word(lost), address_word(fresh.address())};
    EXPECT_EQ(c.call(AbortRecoveryByDevices{lost, fresh.address(), c.approve(DeviceOp::AbortRecovery, pair, {1})}).rejection,
              AccountRejection::BelowThreshold);
    ASSERT_TRUE(c.call(AbortRecoveryByDevices{lost, fresh.address(), c.approve(DeviceOp::AbortRecovery, pair, {1, 2})}).ok());
    c.skip(kDelay + 1);
    EXPECT_EQ(execute().rejection, AccountRejection::NoRecovery);
    EXPECT_TRUE(is_device(lost));
    EXPECT_FALSE(is_device(fresh.address()));
}

TEST_P(recovery, a_swap_the_devices_made_impossible_reverts_and_stays_pending) {
    ASSERT_TRUE(setup(kDelay).ok());
    ASSERT_TRUE(initiate().ok());
    // Meanwhile the devices replace the lost key themselves.
    const Address other = owner_address(0x92);
    const auto sigs = c.approve(DeviceOp::ReplaceDevice, {address_word(lost), address_word(other)}, {1, 2});
    ASSERT_TRUE(c.call(ReplaceDevice{lost, other, sigs}).ok());
    c.skip(kDelay + 1);
    EXPECT_EQ(execute().rejection, AccountRejection::NoSuchDevice);  // as the Safe's swapOwner fails
    // Still active: a new initiation is refused until it is aborted.
    EXPECT_EQ(initiate().rejection, AccountRejection::RecoveryActive);
    ASSERT_TRUE(c.call_from(controller, AbortRecoveryByController{lost, fresh.address()}).ok());
}

TEST_P(recovery, only_the_controller_resets_the_recovery_owner_with_the_current_owners_signature) {
    const KeyHolder next = KeyHolder::from_seed(tag_hash(0x84), GetParam());
    const auto signed_reset = [&](const KeyHolder& k, const Address& current, const Address& to) {
        return k.sign(DelayedRecovery::reset_digest(c.holder_address, current, to));
    };
    const auto good = signed_reset(owner, owner.address(), next.address());
    EXPECT_EQ(c.call_from(controller, ResetRecoveryOwner{next.address(), good}).rejection,
              AccountRejection::RecoveryNotSetUp);
    ASSERT_TRUE(setup(kDelay).ok());
    EXPECT_EQ(c.call(ResetRecoveryOwner{next.address(), good}).rejection, AccountRejection::NotRecoveryController);
    EXPECT_EQ(c.call_from(controller, ResetRecoveryOwner{Address{}, signed_reset(owner, owner.address(), Address{})}).rejection,
              AccountRejection::ZeroAddress);
    const auto same = c.call_from(controller, ResetRecoveryOwner{owner.address(), signed_reset(owner, owner.address(), owner.address())});
    EXPECT_EQ(same.rejection, AccountRejection::SameRecoveryOwner);
    EXPECT_EQ(same.reason(), "new recovery owner is the current one");
    // Signed by the new owner, by a device, or over a recovery rather than a reset: refused.
    EXPECT_EQ(c.call_from(controller, ResetRecoveryOwner{next.address(), signed_reset(next, owner.address(), next.address())}).rejection,
              AccountRejection::NotRecoveryOwner);
    EXPECT_EQ(c.call_from(controller, ResetRecoveryOwner{next.address(), signed_reset(c.devices[1], owner.address(), next.address())}).rejection,
              AccountRejection::NotRecoveryOwner);
    EXPECT_EQ(c.call_from(controller, ResetRecoveryOwner{next.address(), owner.sign(DelayedRecovery::digest(c.holder_address, owner.address(), next.address()))}).rejection,
              AccountRejection::NotRecoveryOwner);
    const auto reset = c.call_from(controller, ResetRecoveryOwner{next.address(), good});
    ASSERT_TRUE(reset.ok()) << reset.reason();
    EXPECT_EQ(reset.events.back().name, "RecoveryOwnerReset");
    // The old owner's signature no longer initiates; the new owner's does.
    EXPECT_EQ(initiate().rejection, AccountRejection::NotRecoveryOwner);
    EXPECT_EQ(c.call_from(controller, ResetRecoveryOwner{owner.address(), good}).rejection, AccountRejection::NotRecoveryOwner);
    const auto by_next = c.call_from(controller, InitiateRecovery{lost, fresh.address(), signed_by(next, lost, fresh.address())});
    EXPECT_TRUE(by_next.ok()) << by_next.reason();
}
