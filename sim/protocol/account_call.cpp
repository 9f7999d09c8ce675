#include "protocol/account_call.hpp"

namespace ostsim::protocol {

namespace {

// A 65-byte signature (r, s, v) as calldata: three words.
constexpr std::size_t kWordsPerSignature = 3;

template <typename B>
std::size_t signature_words(const B& b) {
    if constexpr (requires { b.sigs; }) return kWordsPerSignature * b.sigs.size();
    if constexpr (requires { b.sig; }) return kWordsPerSignature;
    return 0;
}

struct Runner {
    Exec& x;
    const TokenHolder& h;
    Rejection& token_reason;
    const Address& sender;
    SessionKeys keys{h.address()};

    AccountRejection operator()(const SetupHolder& b) const { return h.devices().setup(x, b.devices, b.threshold); }
    AccountRejection operator()(const AddDevice& b) const { return h.add_device(x, b.device, b.sigs); }
    AccountRejection operator()(const RemoveDevice& b) const { return h.remove_device(x, b.device, b.sigs); }
    AccountRejection operator()(const ReplaceDevice& b) const { return h.replace_device(x, b.lost, b.device, b.sigs); }
    AccountRejection operator()(const OpenSession& b) const { return h.open_session(x, b.key, b.anchor, b.limits, b.sigs); }
    AccountRejection operator()(const RevokeSession& b) const { return h.revoke_session(x, b.key, b.sigs); }
    AccountRejection operator()(const SpendWithSecret& b) const {
        return h.spend(x, b.key, b.recipient, b.amount, b.preimage, b.sig, token_reason);
    }
    AccountRejection operator()(const SpendFiatWithSecret& b) const {
        return h.spend_fiat(x, b.key, b.recipient, b.pay_amount, b.intended_price, b.preimage, b.sig,
                            token_reason);
    }
    AccountRejection operator()(const SetPrice& b) const {
        if (!h.config().pricer) return AccountRejection::NoPrice;
        return h.config().pricer->set_price(x, sender, b.price, b.valid_until);
    }
    AccountRejection operator()(const SetupRecovery& b) const {
        const Hash args[] = {address_word(b.owner), address_word(b.controller), slot(b.delay)};
        if (auto r = h.approve(x, DeviceOp::SetupRecovery, args, b.sigs, 0); r != AccountRejection::None) return r;
        return h.recovery().setup(x, b.owner, b.controller, b.delay);
    }
    AccountRejection operator()(const InitiateRecovery& b) const {
        return h.recovery().initiate(x, sender, b.lost, b.device, b.sig);
    }
    AccountRejection operator()(const ExecuteRecovery& b) const {
        return h.recovery().execute(x, h.devices(), sender, b.lost, b.device, b.sig);
    }
    AccountRejection operator()(const AbortRecoveryByOwner& b) const {
        return h.recovery().abort_by_owner(x, b.lost, b.device, b.sig);
    }
    AccountRejection operator()(const AbortRecoveryByController& b) const {
        return h.recovery().abort_by_controller(x, sender, b.lost, b.device);
    }
    AccountRejection operator()(const AbortRecoveryByDevices& b) const {
        const Hash args[] = {address_word(b.lost), address_word(b.device)};
        if (auto r = h.approve(x, DeviceOp::AbortRecovery, args, b.sigs, 0); r != AccountRejection::None) return r;
        return h.recovery().abort_by_devices(x, b.lost, b.device);
    }
    AccountRejection operator()(const ResetRecoveryOwner& b) const {
        return h.recovery().reset_owner(x, sender, b.owner, b.sig);
    }
    AccountRejection operator()(const AuthorizeKey& b) const {
        const Hash args[] = {address_word(b.key), eth::to_word(b.spending_limit), slot(b.expiration_height)};
        if (auto r = h.approve(x, DeviceOp::AuthorizeKey, args, b.sigs, 0); r != AccountRejection::None) return r;
        return keys.authorize(x, b.key, b.spending_limit, b.expiration_height);
    }
    AccountRejection operator()(const RevokeKey& b) const {
        const Hash args[] = {address_word(b.key)};
        if (auto r = h.approve(x, DeviceOp::RevokeKey, args, b.sigs, 0); r != AccountRejection::None) return r;
        return keys.revoke(x, b.key);
    }
    AccountRejection operator()(const Logout& b) const {
        if (auto r = h.approve(x, DeviceOp::Logout, {}, b.sigs, 0); r != AccountRejection::None) return r;
        keys.logout(x);
        return AccountRejection::None;
    }
    AccountRejection operator()(const ExecuteWithKey& b) const {
        x.charge_keccak(32 * 4);
        x.charge(kEcrecoverGas);
        const auto signer = recover_signer(
            h.config().mode, SessionKeys::execute_digest(h.address(), b.recipient, b.amount, b.nonce), b.sig);
        if (!signer || *signer != b.key) return AccountRejection::BadSignature;
        uint256 limit = 0;
        if (auto r = keys.execute(x, b.key, b.nonce, limit); r != AccountRejection::None) return r;
        return h.pay(x, b.recipient, b.amount, limit, token_reason);
    }
};

}  // namespace

std::uint64_t intrinsic_gas(const AccountCall& call, const GasSchedule& g) {
    return std::visit(
        [&](const auto& b) {
            using B = std::decay_t<decltype(b)>;
            std::size_t words = B::kWords + signature_words(b);
            if constexpr (requires { b.devices; }) words += b.devices.size();
            return g.transaction + 4 * g.calldata_byte + words * g.calldata_word;
        },
        call.body);
}

AccountOutcome apply(const Contracts& contracts, const TokenHolder& holder, chain::WorldState& state,
                     const AccountCall& call, const BlockContext& block, const GasSchedule& gas) {
    AccountOutcome out;
    const std::uint64_t intrinsic = intrinsic_gas(call, gas);
    if (intrinsic > call.gas_limit) {
        out.rejection = AccountRejection::IntrinsicGas;
        return out;
    }
    Exec x(state, contracts, gas, block);
    x.charge(gas.function_overhead);
    const AccountRejection r = std::visit(Runner{x, holder, out.token_rejection, call.sender}, call.body);
    const auto settled = x.settle(r, intrinsic, call.gas_limit);
    out.rejection = settled.rejection;
    out.gas_used = settled.gas_used;
    if (out.ok()) out.events = x.take_events();
    out.moved_coin = x.moved_coin();
    return out;
}

}  // namespace ostsim::protocol
