#include "protocol/delayed_recovery.hpp"

#include <string_view>

#include "eth/keccak.hpp"

namespace ostsim::protocol {

namespace {

Hash keccak_of(std::string_view s) {
    return eth::keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
}

// The module's domain type; the struct type without prevOwner (see the header).
const Hash& domain_typehash() {
    static const Hash h = keccak_of("EIP712Domain(address delayedRecoveryModule)");
    return h;
}
const Hash& recovery_typehash() {
    static const Hash h = keccak_of("RecoveryStruct(address oldOwner,address newOwner)");
    return h;
}
const Hash& reset_owner_typehash() {
    static const Hash h = keccak_of("ResetRecoveryOwnerStruct(address oldRecoveryOwner,address newRecoveryOwner)");
    return h;
}

// EIP-712: keccak256(0x19 0x01 . domainSeparator . keccak256(typehash . old . new)).
Hash typed_digest(const Address& holder, const Hash& typehash, const Address& old_one, const Address& new_one) {
    const Hash domain = keccak_words({domain_typehash(), address_word(holder)});
    const Hash body = keccak_words({typehash, address_word(old_one), address_word(new_one)});
    Bytes in{0x19, 0x01};
    in.insert(in.end(), domain.bytes.begin(), domain.bytes.end());
    in.insert(in.end(), body.bytes.begin(), body.bytes.end());
    return eth::keccak256(in);
}

}  // namespace

Hash DelayedRecovery::digest(const Address& holder, const Address& lost, const Address& device) {
    return typed_digest(holder, recovery_typehash(), lost, device);
}

Hash DelayedRecovery::reset_digest(const Address& holder, const Address& owner, const Address& new_owner) {
    return typed_digest(holder, reset_owner_typehash(), owner, new_owner);
}

AccountRejection DelayedRecovery::setup(Exec& x, const Address& owner, const Address& controller,
                                        std::uint64_t delay) const {
    if (x.load(holder_, slot(kControllerSlot)) != 0) return AccountRejection::AlreadySetUp;
    if (owner.is_zero() || controller.is_zero()) return AccountRejection::ZeroAddress;
    if (delay < kMinDelay) return AccountRejection::BadRecoveryDelay;
    x.store(holder_, slot(kOwnerSlot), to_uint(owner));
    x.store(holder_, slot(kControllerSlot), to_uint(controller));
    x.store(holder_, slot(kDelaySlot), delay);
    return AccountRejection::None;
}

AccountRejection DelayedRecovery::check_controller(Exec& x, const Address& sender) const {
    const uint256 controller = x.load(holder_, slot(kControllerSlot));
    if (controller == 0) return AccountRejection::RecoveryNotSetUp;
    return to_address(controller) == sender ? AccountRejection::None
                                            : AccountRejection::NotRecoveryController;
}

AccountRejection DelayedRecovery::check_owner(Exec& x, const Hash& d, const KeySignature& sig) const {
    x.charge(kEcrecoverGas);
    const auto who = recover_signer(mode_, d, sig);
    const uint256 owner = x.load(holder_, slot(kOwnerSlot));
    if (owner == 0) return AccountRejection::RecoveryNotSetUp;
    return who && *who == to_address(owner) ? AccountRejection::None : AccountRejection::NotRecoveryOwner;
}

Hash DelayedRecovery::hash(Exec& x, const Address& lost, const Address& device) const {
    x.charge(x.schedule().sload);  // domainSeparator, kept in storage by the module
    x.charge_keccak(3 * 32);
    x.charge_keccak(2 + 2 * 32);
    return digest(holder_, lost, device);
}

AccountRejection DelayedRecovery::match_active(Exec& x, const Address& lost, const Address& device,
                                               Hash& out) const {
    out = hash(x, lost, device);
    const uint256 active = x.load(holder_, slot(kActiveSlot + kDigest));
    if (active == 0) return AccountRejection::NoRecovery;
    return eth::to_word(active) == out ? AccountRejection::None : AccountRejection::RecoveryMismatch;
}

AccountRejection DelayedRecovery::clear(Exec& x, const Hash& d, std::string_view event) const {
    for (std::uint64_t f : {kLost, kDevice, kHeight, kDigest}) x.store(holder_, slot(kActiveSlot + f), 0);
    x.emit({event, d, {}, 0}, 1, 32);
    return AccountRejection::None;
}

AccountRejection DelayedRecovery::initiate(Exec& x, const Address& sender, const Address& lost,
                                           const Address& device, const KeySignature& sig) const {
    if (auto r = check_controller(x, sender); r != AccountRejection::None) return r;
    if (x.load(holder_, slot(kActiveSlot + kDigest)) != 0) return AccountRejection::RecoveryActive;
    const Hash d = hash(x, lost, device);
    if (auto r = check_owner(x, d, sig); r != AccountRejection::None) return r;
    x.store(holder_, slot(kActiveSlot + kLost), to_uint(lost));
    x.store(holder_, slot(kActiveSlot + kDevice), to_uint(device));
    x.store(holder_, slot(kActiveSlot + kHeight), x.block().number);
    x.store(holder_, slot(kActiveSlot + kDigest), eth::from_word(d));
    x.emit({"RecoveryInitiated", d, device, 0}, 1, 4 * 32);
    return AccountRejection::None;
}

AccountRejection DelayedRecovery::execute(Exec& x, const DeviceMultisig& devices, const Address& sender,
                                          const Address& lost, const Address& device,
                                          const KeySignature& sig) const {
    if (auto r = check_controller(x, sender); r != AccountRejection::None) return r;
    Hash d;
    if (auto r = match_active(x, lost, device, d); r != AccountRejection::None) return r;
    if (auto r = check_owner(x, d, sig); r != AccountRejection::None) return r;
    const uint256 initiated = x.load(holder_, slot(kActiveSlot + kHeight));
    if (!(initiated + x.load(holder_, slot(kDelaySlot)) < x.block().number))
        return AccountRejection::RecoveryTooEarly;
    if (auto r = devices.replace(x, lost, device); r != AccountRejection::None) return r;
    return clear(x, d, "RecoveryExecuted");
}

AccountRejection DelayedRecovery::abort_by_owner(Exec& x, const Address& lost, const Address& device,
                                                 const KeySignature& sig) const {
    Hash d;
    if (auto r = match_active(x, lost, device, d); r != AccountRejection::None) return r;
    if (auto r = check_owner(x, d, sig); r != AccountRejection::None) return r;
    return clear(x, d, "RecoveryAborted");
}

AccountRejection DelayedRecovery::abort_by_controller(Exec& x, const Address& sender,
                                                      const Address& lost, const Address& device) const {
    if (auto r = check_controller(x, sender); r != AccountRejection::None) return r;
    Hash d;
    if (auto r = match_active(x, lost, device, d); r != AccountRejection::None) return r;
    return clear(x, d, "RecoveryAborted");
}

AccountRejection DelayedRecovery::abort_by_devices(Exec& x, const Address& lost, const Address& device) const {
    Hash d;
    if (auto r = match_active(x, lost, device, d); r != AccountRejection::None) return r;
    return clear(x, d, "RecoveryAborted");
}

AccountRejection DelayedRecovery::reset_owner(Exec& x, const Address& sender, const Address& new_owner,
                                              const KeySignature& sig) const {
    if (auto r = check_controller(x, sender); r != AccountRejection::None) return r;
    if (new_owner.is_zero()) return AccountRejection::ZeroAddress;
    const Address current = owner(x);
    if (new_owner == current) return AccountRejection::SameRecoveryOwner;
    x.charge(x.schedule().sload);  // domainSeparator
    x.charge_keccak(3 * 32);
    x.charge_keccak(2 + 2 * 32);
    const Hash d = reset_digest(holder_, current, new_owner);
    if (auto r = check_owner(x, d, sig); r != AccountRejection::None) return r;
    x.store(holder_, slot(kOwnerSlot), to_uint(new_owner));
    x.emit({"RecoveryOwnerReset", {}, new_owner, 0}, 1, 2 * 32);
    return AccountRejection::None;
}

}  // namespace ostsim::protocol
