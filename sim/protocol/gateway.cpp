#include "protocol/gateway.hpp"

#include "protocol/contracts.hpp"

namespace ostsim::protocol {

Rejection Gateway::activate(Exec& x, const Address& caller, const Address& co_gateway) const {
    if (!organization.is_organization(caller)) return Rejection::NotOrganization;
    if (activated(x)) return Rejection::GatewayAlreadyActivated;
    if (co_gateway.is_zero()) return Rejection::ZeroAddress;
    if (remote_gateway(x).is_zero()) set_remote_gateway(x, co_gateway);
    x.store(address, slot(kActivatedSlot), 1);
    return Rejection::None;
}

Rejection Gateway::deactivate(Exec& x, const Address& caller) const {
    if (!organization.is_organization(caller)) return Rejection::NotOrganization;
    if (!activated(x)) return Rejection::GatewayNotActivated;
    x.store(address, slot(kActivatedSlot), 0);
    return Rejection::None;
}

Rejection Gateway::stake(Exec& x, const Address& staker, const StakeParams& p) const {
    if (!activated(x)) return Rejection::GatewayNotActivated;
    if (auto r = check_amount(p.amount, p.gas_price, p.gas_limit); r != Rejection::None) return r;
    if (p.beneficiary.is_zero()) return Rejection::ZeroAddress;
    x.charge_keccak(128);
    const Hash intent = stake_intent_hash(p.amount, p.beneficiary, address);
    const Message m = make_message(intent, p.nonce, p.gas_price, p.gas_limit, staker, p.hash_lock);
    x.charge_keccak(224);
    const Hash h = message_hash(m);
    if (auto r = register_process(x, Box::Outbox, staker, p.nonce, h); r != Rejection::None) return r;
    const uint256 bounty_amount = bounty(x);
    const Hash record = mapping_slot(h, kStakesSlot);
    x.store(address, field(record, kAmount), p.amount);
    x.store(address, field(record, kBeneficiary), to_uint(p.beneficiary));
    x.store(address, field(record, kBounty), bounty_amount);
    store_message(x, h, m);
    set_status(x, Box::Outbox, h, Status::Declared);
    x.charge(2 * x.schedule().call);
    const Contracts& c = x.contracts();
    if (auto r = c.erc20(value_token)->transfer_from(x, address, staker, address, p.amount);
        r != Rejection::None)
        return r;
    if (auto r = c.erc20(base_token)->transfer_from(x, address, staker, address, bounty_amount);
        r != Rejection::None)
        return r;
    x.emit({"StakeIntentDeclared", h, staker, p.amount}, 1, 192);
    return Rejection::None;
}

Rejection Gateway::finish_stake(Exec& x, const Address& caller, const Hash& h, const Message& m) const {
    const Hash record = mapping_slot(h, kStakesSlot);
    const uint256 amount = x.load(address, field(record, kAmount));
    const uint256 bounty_amount = x.load(address, field(record, kBounty));
    set_status(x, Box::Outbox, h, Status::Progressed);
    for (std::uint64_t j : {kAmount, kBeneficiary, kBounty}) x.store(address, field(record, j), 0);
    x.charge(2 * x.schedule().call);
    const Contracts& c = x.contracts();
    if (auto r = c.erc20(value_token)->transfer(x, address, stake_vault, amount); r != Rejection::None)
        return r;
    if (auto r = c.erc20(base_token)->transfer(x, address, caller, bounty_amount); r != Rejection::None)
        return r;
    x.emit({"StakeProgressed", h, m.sender, amount}, 1, 160);
    return Rejection::None;
}

Rejection Gateway::progress_stake(Exec& x, const Address& caller, const Hash& h,
                                  const Hash& secret) const {
    return progress_by_secret(x, Box::Outbox, kStakesSlot, h, secret,
                              [&](const Message& m) { return finish_stake(x, caller, h, m); });
}

Rejection Gateway::progress_stake_with_proof(Exec& x, const Address& caller, const Hash& h,
                                             std::uint64_t height, const eth::Proof& proof,
                                             Status proven) const {
    return progress_by_proof(x, Box::Outbox, kStakesSlot, h, height, proof, proven,
                             [&](const Message& m) { return finish_stake(x, caller, h, m); });
}

Rejection Gateway::revert_stake(Exec& x, const Address& caller, const Hash& h) const {
    const Hash record = mapping_slot(h, kStakesSlot);
    if (x.load(address, field(record, kAmount)) == 0) return Rejection::UnknownMessage;
    const Message m = message(x, h);
    if (m.sender != caller) return Rejection::NotMessageSender;
    if (status(x, Box::Outbox, h) != Status::Declared) return Rejection::WrongStatus;
    set_status(x, Box::Outbox, h, Status::DeclaredRevocation);
    const uint256 fine = penalty(x.load(address, field(record, kBounty)));
    x.charge(x.schedule().call);
    if (auto r = x.contracts().erc20(base_token)->transfer_from(x, address, caller, burner, fine);
        r != Rejection::None)
        return r;
    x.emit({"RevertStakeIntentDeclared", h, caller, fine}, 1, 128);
    return Rejection::None;
}

Rejection Gateway::progress_revert_stake(Exec& x, const Hash& h, std::uint64_t height,
                                         const eth::Proof& proof) const {
    const Hash record = mapping_slot(h, kStakesSlot);
    const uint256 amount = x.load(address, field(record, kAmount));
    if (amount == 0) return Rejection::UnknownMessage;
    if (status(x, Box::Outbox, h) != Status::DeclaredRevocation) return Rejection::WrongStatus;
    if (auto r = verify_remote(x, Box::Inbox, h, height, proof, Status::Revoked); r != Rejection::None)
        return r;
    set_status(x, Box::Outbox, h, Status::Revoked);
    const Message m = message(x, h);
    const uint256 bounty_amount = x.load(address, field(record, kBounty));
    for (std::uint64_t j : {kAmount, kBeneficiary, kBounty}) x.store(address, field(record, j), 0);
    x.charge(2 * x.schedule().call);
    const Contracts& c = x.contracts();
    if (auto r = c.erc20(value_token)->transfer(x, address, m.sender, amount); r != Rejection::None)
        return r;
    if (auto r = c.erc20(base_token)->transfer(x, address, burner, bounty_amount); r != Rejection::None)
        return r;
    x.emit({"RevertStakeProgressed", h, m.sender, amount}, 1, 128);
    return Rejection::None;
}

Rejection Gateway::confirm_redeem_intent(Exec& x, const IntentParams& p) const {
    if (p.sender.is_zero() || p.beneficiary.is_zero()) return Rejection::ZeroAddress;
    if (auto r = check_amount(p.amount, p.gas_price, p.gas_limit); r != Rejection::None) return r;
    if (p.proof.empty()) return Rejection::StorageProofInvalid;
    x.charge_keccak(128);
    const Hash intent = redeem_intent_hash(p.amount, p.beneficiary, remote_gateway(x));
    const Message m = make_message(intent, p.nonce, p.gas_price, p.gas_limit, p.sender, p.hash_lock);
    x.charge_keccak(224);
    const Hash h = message_hash(m);
    if (auto r = register_process(x, Box::Inbox, p.sender, p.nonce, h); r != Rejection::None) return r;
    if (auto r = verify_remote(x, Box::Outbox, h, p.height, p.proof, Status::Declared);
        r != Rejection::None)
        return r;
    store_message(x, h, m);
    set_status(x, Box::Inbox, h, Status::Declared);
    const Hash record = mapping_slot(h, kUnstakesSlot);
    x.store(address, field(record, kAmount), p.amount);
    x.store(address, field(record, kBeneficiary), to_uint(p.beneficiary));
    x.emit({"RedeemIntentConfirmed", h, p.sender, p.amount}, 1, 160);
    store_gas_consumed(x, h, x.used());
    return Rejection::None;
}

Rejection Gateway::finish_unstake(Exec& x, const Address& caller, const Hash& h,
                                  const Message& m) const {
    const Hash record = mapping_slot(h, kUnstakesSlot);
    const uint256 amount = x.load(address, field(record, kAmount));
    const Address beneficiary = to_address(x.load(address, field(record, kBeneficiary)));
    set_status(x, Box::Inbox, h, Status::Progressed);
    x.store(address, field(record, kAmount), 0);
    x.store(address, field(record, kBeneficiary), 0);
    const uint256 fee = reward(x, m);  // measured here, as feeAmount is
    x.charge(2 * x.schedule().call);
    const Erc20* token = x.contracts().erc20(value_token);
    if (auto r = token->transfer(x, stake_vault, beneficiary, amount - fee); r != Rejection::None)
        return r;
    if (auto r = token->transfer(x, stake_vault, caller, fee); r != Rejection::None) return r;
    x.emit({"UnstakeProgressed", h, beneficiary, amount - fee}, 1, 192);
    x.emit({"RewardPaid", h, caller, fee}, 1, 64);
    return Rejection::None;
}

Rejection Gateway::progress_unstake(Exec& x, const Address& caller, const Hash& h,
                                    const Hash& secret) const {
    return progress_by_secret(x, Box::Inbox, kUnstakesSlot, h, secret,
                              [&](const Message& m) { return finish_unstake(x, caller, h, m); });
}

Rejection Gateway::progress_unstake_with_proof(Exec& x, const Address& caller, const Hash& h,
                                               std::uint64_t height, const eth::Proof& proof,
                                               Status proven) const {
    return progress_by_proof(x, Box::Inbox, kUnstakesSlot, h, height, proof, proven,
                             [&](const Message& m) { return finish_unstake(x, caller, h, m); });
}

Rejection Gateway::confirm_revert_redeem_intent(Exec& x, const Hash& h, std::uint64_t height,
                                                const eth::Proof& proof) const {
    return confirm_revert_inbox(x, kUnstakesSlot, h, height, proof, "RevertRedeemIntentConfirmed");
}

}  // namespace ostsim::protocol
