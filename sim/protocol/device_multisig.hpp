// The device manager that owns a TokenHolder (PROTOCOL.md 3.1: a GnosisSafe whose owners are the
// user's device keys, with a threshold): a set of devices in the holder's storage, a threshold,
// and an operation nonce so that a set of signatures authorises one operation only once.
// Devices are added, removed and recovered (a lost device replaced) by threshold approval.
//
// Storage (ostsim's layout, never proven remotely): threshold at slot 0, device count at 1,
// devices[address] at 2, operation nonce at 3.
#pragma once

#include <span>

#include "protocol/account_rejection.hpp"
#include "protocol/exec.hpp"
#include "protocol/signature_mode.hpp"

namespace ostsim::protocol {

class DeviceMultisig {
public:
    static constexpr std::uint64_t kThresholdSlot = 0;
    static constexpr std::uint64_t kCountSlot = 1;
    static constexpr std::uint64_t kDevicesSlot = 2;
    static constexpr std::uint64_t kNonceSlot = 3;

    DeviceMultisig(const Address& holder, SignatureMode mode) : holder_(holder), mode_(mode) {}

    // Once, at deployment (the factory's setup): 1 <= threshold <= devices, no duplicates.
    AccountRejection setup(Exec& x, std::span<const Address> devices, std::uint32_t threshold) const;
    // Checks that at least `required` distinct devices signed `digest`, then consumes the nonce.
    // required == 0 means the stored threshold.
    AccountRejection authorise(Exec& x, const Hash& digest, std::span<const KeySignature> sigs,
                               std::uint32_t required = 0) const;
    AccountRejection add(Exec& x, const Address& device) const;
    AccountRejection remove(Exec& x, const Address& device) const;
    AccountRejection replace(Exec& x, const Address& lost, const Address& device) const;

    bool is_device(Exec& x, const Address& a) const;
    uint256 nonce(Exec& x) const { return x.load(holder_, slot(kNonceSlot)); }
    uint256 threshold(Exec& x) const { return x.load(holder_, slot(kThresholdSlot)); }
    uint256 count(Exec& x) const { return x.load(holder_, slot(kCountSlot)); }

private:
    Hash device_slot(const Address& a) const { return mapping_slot(a, kDevicesSlot); }

    Address holder_;
    SignatureMode mode_;
};

}  // namespace ostsim::protocol
