#include "protocol/token_holder.hpp"

#include <vector>

#include "protocol/contracts.hpp"

namespace ostsim::protocol {

Hash TokenHolder::op_digest(const Address& holder, DeviceOp op, std::span<const Hash> args,
                            const uint256& nonce) {
    std::vector<Hash> words{address_word(holder), slot(static_cast<std::uint8_t>(op))};
    words.insert(words.end(), args.begin(), args.end());
    words.push_back(eth::to_word(nonce));
    return keccak_words(words);
}

Hash TokenHolder::limits_word(const SessionLimits& l) {
    return keccak_words({slot(l.secrets), eth::to_word(l.secret_amount), eth::to_word(l.session_amount),
                      slot(l.expiration_height), slot(l.expiration_time), slot(l.secret_lifetime),
                      slot(l.spends_per_window), slot(l.window_blocks)});
}

Hash TokenHolder::spend_digest(const Address& holder, const Address& recipient,
                               const uint256& amount, const Hash& preimage) {
    return keccak_words({address_word(holder), address_word(recipient), eth::to_word(amount), preimage});
}

Hash TokenHolder::fiat_spend_digest(const Address& holder, const Address& recipient,
                                    const uint256& pay_amount, const uint256& intended_price,
                                    const Hash& preimage) {
    return keccak_words({address_word(holder), address_word(recipient), eth::to_word(pay_amount),
                      eth::to_word(intended_price), preimage});
}

AccountRejection TokenHolder::approve(Exec& x, DeviceOp op, std::span<const Hash> args,
                                      std::span<const KeySignature> sigs, std::uint32_t required) const {
    const uint256 nonce = devices_.nonce(x);
    x.charge_keccak(32 * (args.size() + 3));
    return devices_.authorise(x, op_digest(address_, op, args, nonce), sigs, required);
}

AccountRejection TokenHolder::add_device(Exec& x, const Address& device,
                                         std::span<const KeySignature> sigs) const {
    const Hash args[] = {address_word(device)};
    if (auto r = approve(x, DeviceOp::AddDevice, args, sigs, 0); r != AccountRejection::None) return r;
    return devices_.add(x, device);
}

AccountRejection TokenHolder::remove_device(Exec& x, const Address& device,
                                            std::span<const KeySignature> sigs) const {
    const Hash args[] = {address_word(device)};
    if (auto r = approve(x, DeviceOp::RemoveDevice, args, sigs, 0); r != AccountRejection::None) return r;
    return devices_.remove(x, device);
}

AccountRejection TokenHolder::replace_device(Exec& x, const Address& lost, const Address& device,
                                             std::span<const KeySignature> sigs) const {
    const Hash args[] = {address_word(lost), address_word(device)};
    if (auto r = approve(x, DeviceOp::ReplaceDevice, args, sigs, 0); r != AccountRejection::None) return r;
    return devices_.replace(x, lost, device);
}

AccountRejection TokenHolder::open_session(Exec& x, const Address& key, const Hash& anchor,
                                           const SessionLimits& limits,
                                           std::span<const KeySignature> sigs) const {
    x.charge_keccak(32 * 8);  // limits_word
    const Hash args[] = {address_word(key), anchor, limits_word(limits)};
    if (auto r = approve(x, DeviceOp::OpenSession, args, sigs, config_.session_approvals);
        r != AccountRejection::None)
        return r;
    return sessions_.open(x, key, anchor, limits);
}

AccountRejection TokenHolder::revoke_session(Exec& x, const Address& key,
                                             std::span<const KeySignature> sigs) const {
    const Hash args[] = {address_word(key)};
    if (auto r = approve(x, DeviceOp::RevokeSession, args, sigs, config_.session_approvals);
        r != AccountRejection::None)
        return r;
    return sessions_.revoke(x, key);
}

AccountRejection TokenHolder::pay(Exec& x, const Address& recipient, const uint256& amount,
                                  const uint256& cap, Rejection& token_reason) const {
    const Erc20& token = *x.contracts().erc20(token_);
    const std::uint64_t call = x.schedule().call;
    x.charge(call);
    rules_.allow_transfers(x, address_);
    x.charge(call);
    token.approve(x, address_, rules_.address, cap);
    x.charge(call);  // the rule, which calls TokenRules.executeTransfers
    x.charge(call);
    token_reason = rules_.execute_transfers(x, token, address_, recipient, amount);
    if (token_reason != Rejection::None) return AccountRejection::TokenRejected;
    x.charge(call);
    token.approve(x, address_, rules_.address, 0);
    x.charge(call);
    rules_.disallow_transfers(x, address_);
    return AccountRejection::None;
}

AccountRejection TokenHolder::spend(Exec& x, const Address& key, const Address& recipient,
                                    const uint256& amount, const Hash& preimage,
                                    const KeySignature& sig, Rejection& token_reason) const {
    x.charge_keccak(32 * 4);
    x.charge(kEcrecoverGas);
    const auto signer = recover_signer(config_.mode, spend_digest(address_, recipient, amount, preimage), sig);
    if (!signer || *signer != key) return AccountRejection::BadSignature;
    uint256 cap = 0;
    if (auto r = sessions_.spend(x, key, preimage, amount, cap); r != AccountRejection::None) return r;
    return pay(x, recipient, amount, cap, token_reason);
}

}  // namespace ostsim::protocol

namespace ostsim::protocol {

AccountRejection TokenHolder::spend_fiat(Exec& x, const Address& key, const Address& recipient,
                                         const uint256& pay_amount, const uint256& intended_price,
                                         const Hash& preimage, const KeySignature& sig,
                                         Rejection& token_reason) const {
    x.charge_keccak(32 * 5);
    x.charge(kEcrecoverGas);
    const auto signer = recover_signer(
        config_.mode, fiat_spend_digest(address_, recipient, pay_amount, intended_price, preimage), sig);
    if (!signer || *signer != key) return AccountRejection::BadSignature;
    if (!config_.pricer) return AccountRejection::NoPrice;
    const auto [r, amount] = config_.pricer->convert(x, pay_amount, intended_price);
    if (r != AccountRejection::None) return r;
    uint256 cap = 0;
    if (auto s = sessions_.spend(x, key, preimage, amount, cap); s != AccountRejection::None) return s;
    return pay(x, recipient, amount, cap, token_reason);
}

}  // namespace ostsim::protocol
