#include "protocol/device_multisig.hpp"

#include <algorithm>
#include <vector>

namespace ostsim::protocol {

bool DeviceMultisig::is_device(Exec& x, const Address& a) const {
    return x.load(holder_, device_slot(a)) != 0;
}

AccountRejection DeviceMultisig::setup(Exec& x, std::span<const Address> devices,
                                       std::uint32_t threshold) const {
    if (this->threshold(x) != 0) return AccountRejection::AlreadySetUp;
    if (threshold == 0 || threshold > devices.size()) return AccountRejection::BadThreshold;
    for (const Address& d : devices) {
        if (d.is_zero()) return AccountRejection::ZeroAddress;
        if (is_device(x, d)) return AccountRejection::DeviceExists;
        x.store(holder_, device_slot(d), 1);
    }
    x.store(holder_, slot(kThresholdSlot), threshold);
    x.store(holder_, slot(kCountSlot), devices.size());
    return AccountRejection::None;
}

AccountRejection DeviceMultisig::authorise(Exec& x, const Hash& digest,
                                           std::span<const KeySignature> sigs,
                                           std::uint32_t required) const {
    const uint256 t = threshold(x);
    if (t == 0) return AccountRejection::NotSetUp;
    const uint256 need = required == 0 ? t : uint256(required);
    std::vector<Address> signers;
    for (const KeySignature& s : sigs) {
        x.charge(kEcrecoverGas);
        const auto who = recover_signer(mode_, digest, s);
        if (!who) return AccountRejection::BadSignature;
        if (!is_device(x, *who)) return AccountRejection::NotDevice;
        if (std::find(signers.begin(), signers.end(), *who) != signers.end())
            return AccountRejection::DuplicateSigner;
        signers.push_back(*who);
    }
    if (signers.size() < need) return AccountRejection::BelowThreshold;
    x.store(holder_, slot(kNonceSlot), nonce(x) + 1);
    return AccountRejection::None;
}

AccountRejection DeviceMultisig::add(Exec& x, const Address& device) const {
    if (device.is_zero()) return AccountRejection::ZeroAddress;
    if (is_device(x, device)) return AccountRejection::DeviceExists;
    x.store(holder_, device_slot(device), 1);
    x.store(holder_, slot(kCountSlot), count(x) + 1);
    x.emit({"DeviceAdded", {}, device, 0});
    return AccountRejection::None;
}

AccountRejection DeviceMultisig::remove(Exec& x, const Address& device) const {
    if (!is_device(x, device)) return AccountRejection::NoSuchDevice;
    const uint256 n = count(x);
    if (n - 1 < threshold(x)) return AccountRejection::BadThreshold;  // Safe: threshold <= owners
    x.store(holder_, device_slot(device), 0);
    x.store(holder_, slot(kCountSlot), n - 1);
    x.emit({"DeviceRemoved", {}, device, 0});
    return AccountRejection::None;
}

AccountRejection DeviceMultisig::replace(Exec& x, const Address& lost, const Address& device) const {
    if (!is_device(x, lost)) return AccountRejection::NoSuchDevice;
    if (device.is_zero()) return AccountRejection::ZeroAddress;
    if (is_device(x, device)) return AccountRejection::DeviceExists;
    x.store(holder_, device_slot(lost), 0);
    x.store(holder_, device_slot(device), 1);
    x.emit({"DeviceRecovered", {}, device, 0});
    return AccountRejection::None;
}

}  // namespace ostsim::protocol
