// Delayed recovery of a lost device (PROTOCOL.md 3.1, "Recovery"; OC
// contracts/gnosis_safe_modules/DelayedRecoveryModule.sol): a recovery owner - a key the user
// keeps apart from the devices - signs the replacement of one device key by another; the
// recovery controller (the economy's relayer) initiates it, and executes it only once more
// than `delay` blocks have passed since the initiation (the module's
// `initiationBlockHeight + recoveryBlockDelay < block.number`). Until then it can be aborted by
// the recovery owner's signature, by the controller, or by the devices at the multisig
// threshold (the Safe's owners can always remove a module; ostsim gives them the abort
// directly). One recovery is active at a time.
//
// The signed digests follow the module's EIP-712 form, keccak256(0x19 0x01 . domainSeparator .
// keccak256(typeHash . old . new)) with domainSeparator = keccak256(domainTypeHash .
// holder); there is no prevOwner since ostsim's devices are a mapping, not the Safe's linked list.
//
// Storage (the holder's): slots 7-9 recovery owner, controller, delay; 10-13 the active recovery:
// lost device, new device, initiation height, recovery digest (0: none).
#pragma once

#include "protocol/device_multisig.hpp"

namespace ostsim::protocol {

class DelayedRecovery {
public:
    static constexpr std::uint64_t kOwnerSlot = 7;
    static constexpr std::uint64_t kControllerSlot = 8;
    static constexpr std::uint64_t kDelaySlot = 9;
    static constexpr std::uint64_t kActiveSlot = 10;
    // The module's setup requires `_recoveryBlockDelay >= 50` (its message intends 4 x 84,600).
    static constexpr std::uint64_t kMinDelay = 50;

    DelayedRecovery(const Address& holder, SignatureMode mode) : holder_(holder), mode_(mode) {}

    // Once, after the devices approved it (enabling a Safe module is an owners' transaction).
    AccountRejection setup(Exec& x, const Address& owner, const Address& controller,
                           std::uint64_t delay) const;
    AccountRejection initiate(Exec& x, const Address& sender, const Address& lost,
                              const Address& device, const KeySignature& sig) const;
    // Swaps the devices through `devices` (which refuses a lost key that is no longer a device
    // or a new key that already is one, as the Safe's swapOwner does).
    AccountRejection execute(Exec& x, const DeviceMultisig& devices, const Address& sender,
                             const Address& lost, const Address& device,
                             const KeySignature& sig) const;
    AccountRejection abort_by_owner(Exec& x, const Address& lost, const Address& device,
                                    const KeySignature& sig) const;
    AccountRejection abort_by_controller(Exec& x, const Address& sender, const Address& lost,
                                         const Address& device) const;
    // After the devices approved the abort (TokenHolder checks their signatures).
    AccountRejection abort_by_devices(Exec& x, const Address& lost, const Address& device) const;
    // The module's resetRecoveryOwner: the controller replaces the recovery owner with the
    // current owner's signature over reset_digest; refused for a zero or unchanged new owner.
    AccountRejection reset_owner(Exec& x, const Address& sender, const Address& new_owner,
                                 const KeySignature& sig) const;

    // What the recovery owner signs: a recovery of `lost` by `device` ...
    static Hash digest(const Address& holder, const Address& lost, const Address& device);
    // ... and its own replacement by `new_owner`.
    static Hash reset_digest(const Address& holder, const Address& owner, const Address& new_owner);
    // The recovery owner in place (zero: not set up).
    Address owner(Exec& x) const { return to_address(x.load(holder_, slot(kOwnerSlot))); }
    // The initiation height of the active recovery (0: none).
    uint256 initiated_at(Exec& x) const { return x.load(holder_, slot(kActiveSlot + kHeight)); }

private:
    enum Field : std::uint64_t { kLost, kDevice, kHeight, kDigest };
    // The digest of (lost, device), charged as the module computes it.
    Hash hash(Exec& x, const Address& lost, const Address& device) const;
    // Charges and checks the digest of (lost, device) against the active recovery.
    AccountRejection match_active(Exec& x, const Address& lost, const Address& device,
                                  Hash& out) const;
    AccountRejection check_owner(Exec& x, const Hash& d, const KeySignature& sig) const;
    AccountRejection check_controller(Exec& x, const Address& sender) const;
    AccountRejection clear(Exec& x, const Hash& d, std::string_view event) const;

    Address holder_;
    SignatureMode mode_;
};

}  // namespace ostsim::protocol
