#include "protocol/co_gateway.hpp"

#include "protocol/contracts.hpp"

namespace ostsim::protocol {

Rejection CoGateway::confirm_stake_intent(Exec& x, const IntentParams& p) const {
    if (p.sender.is_zero() || p.beneficiary.is_zero()) return Rejection::ZeroAddress;
    if (p.amount == 0) return Rejection::ZeroAmount;
    if (p.proof.empty()) return Rejection::StorageProofInvalid;
    x.charge(x.schedule().call);
    if (!x.contracts().utility_exists(x, utility_token, p.beneficiary))
        return Rejection::BeneficiaryNotInternal;
    if (auto r = check_amount(p.amount, p.gas_price, p.gas_limit); r != Rejection::None) return r;
    x.charge_keccak(128);
    const Hash intent = stake_intent_hash(p.amount, p.beneficiary, remote_gateway(x));
    const Message m = make_message(intent, p.nonce, p.gas_price, p.gas_limit, p.sender, p.hash_lock);
    x.charge_keccak(224);
    const Hash h = message_hash(m);
    if (auto r = register_process(x, Box::Inbox, p.sender, p.nonce, h); r != Rejection::None) return r;
    if (auto r = verify_remote(x, Box::Outbox, h, p.height, p.proof, Status::Declared);
        r != Rejection::None)
        return r;
    store_message(x, h, m);
    set_status(x, Box::Inbox, h, Status::Declared);
    const Hash record = mapping_slot(h, kMintsSlot);
    x.store(address, field(record, kAmount), p.amount);
    x.store(address, field(record, kBeneficiary), to_uint(p.beneficiary));
    x.emit({"StakeIntentConfirmed", h, p.sender, p.amount}, 1, 160);
    store_gas_consumed(x, h, x.used());
    return Rejection::None;
}

Rejection CoGateway::finish_mint(Exec& x, const Address& caller, const Hash& h, const Message& m) const {
    const Hash record = mapping_slot(h, kMintsSlot);
    const uint256 amount = x.load(address, field(record, kAmount));
    const Address beneficiary = to_address(x.load(address, field(record, kBeneficiary)));
    set_status(x, Box::Inbox, h, Status::Progressed);
    x.store(address, field(record, kAmount), 0);
    x.store(address, field(record, kBeneficiary), 0);
    const uint256 fee = reward(x, m);
    x.charge(2 * x.schedule().call);
    const Contracts& c = x.contracts();
    if (auto r = c.increase_supply(x, utility_token, address, beneficiary, amount - fee);
        r != Rejection::None)
        return r;
    if (auto r = c.increase_supply(x, utility_token, address, caller, fee); r != Rejection::None)
        return r;
    x.emit({"MintProgressed", h, beneficiary, amount - fee}, 1, 192);
    x.emit({"RewardPaid", h, caller, fee}, 1, 64);
    return Rejection::None;
}

Rejection CoGateway::progress_mint(Exec& x, const Address& caller, const Hash& h,
                                   const Hash& secret) const {
    return progress_by_secret(x, Box::Inbox, kMintsSlot, h, secret,
                              [&](const Message& m) { return finish_mint(x, caller, h, m); });
}

Rejection CoGateway::progress_mint_with_proof(Exec& x, const Address& caller, const Hash& h,
                                              std::uint64_t height, const eth::Proof& proof,
                                              Status proven) const {
    return progress_by_proof(x, Box::Inbox, kMintsSlot, h, height, proof, proven,
                             [&](const Message& m) { return finish_mint(x, caller, h, m); });
}

Rejection CoGateway::confirm_revert_stake_intent(Exec& x, const Hash& h, std::uint64_t height,
                                                 const eth::Proof& proof) const {
    return confirm_revert_inbox(x, kMintsSlot, h, height, proof, "RevertStakeIntentConfirmed");
}

Rejection CoGateway::redeem(Exec& x, const Address& redeemer, const uint256& value,
                            const StakeParams& p) const {
    const uint256 bounty_amount = bounty(x);
    if (value != bounty_amount) return Rejection::WrongValue;
    if (auto r = check_amount(p.amount, p.gas_price, p.gas_limit); r != Rejection::None) return r;
    x.charge_keccak(128);
    const Hash intent = redeem_intent_hash(p.amount, p.beneficiary, address);
    const Message m = make_message(intent, p.nonce, p.gas_price, p.gas_limit, redeemer, p.hash_lock);
    x.charge_keccak(224);
    const Hash h = message_hash(m);
    if (auto r = register_process(x, Box::Outbox, redeemer, p.nonce, h); r != Rejection::None)
        return r;
    const Hash record = mapping_slot(h, kRedeemsSlot);
    x.store(address, field(record, kAmount), p.amount);
    x.store(address, field(record, kBeneficiary), to_uint(p.beneficiary));
    x.store(address, field(record, kBounty), bounty_amount);
    store_message(x, h, m);
    set_status(x, Box::Outbox, h, Status::Declared);
    x.charge(x.schedule().call);
    if (auto r = x.contracts().utility_erc20(utility_token)->transfer_from(x, address, redeemer,
                                                                           address, p.amount);
        r != Rejection::None)
        return r;
    x.emit({"RedeemIntentDeclared", h, redeemer, p.amount}, 1, 192);
    return Rejection::None;
}

Rejection CoGateway::finish_redeem(Exec& x, const Address& caller, const Hash& h,
                                   const Message& m) const {
    const Hash record = mapping_slot(h, kRedeemsSlot);
    const uint256 amount = x.load(address, field(record, kAmount));
    const uint256 bounty_amount = x.load(address, field(record, kBounty));
    set_status(x, Box::Outbox, h, Status::Progressed);
    for (std::uint64_t j : {kAmount, kBeneficiary, kBounty}) x.store(address, field(record, j), 0);
    x.charge(x.schedule().call);
    if (auto r = x.contracts().decrease_supply(x, utility_token, address, amount); r != Rejection::None)
        return r;
    x.charge(x.schedule().call + x.schedule().call_value);
    if (!x.send(address, caller, bounty_amount)) return Rejection::InsufficientFunds;
    x.emit({"RedeemProgressed", h, m.sender, amount}, 1, 160);
    return Rejection::None;
}

Rejection CoGateway::progress_redeem(Exec& x, const Address& caller, const Hash& h,
                                     const Hash& secret) const {
    return progress_by_secret(x, Box::Outbox, kRedeemsSlot, h, secret,
                              [&](const Message& m) { return finish_redeem(x, caller, h, m); });
}

Rejection CoGateway::progress_redeem_with_proof(Exec& x, const Address& caller, const Hash& h,
                                                std::uint64_t height, const eth::Proof& proof,
                                                Status proven) const {
    return progress_by_proof(x, Box::Outbox, kRedeemsSlot, h, height, proof, proven,
                             [&](const Message& m) { return finish_redeem(x, caller, h, m); });
}

Rejection CoGateway::revert_redeem(Exec& x, const Address& caller, const uint256& value,
                                   const Hash& h) const {
    const Hash record = mapping_slot(h, kRedeemsSlot);
    if (x.load(address, field(record, kAmount)) == 0) return Rejection::UnknownMessage;
    if (message(x, h).sender != caller) return Rejection::NotMessageSender;
    if (status(x, Box::Outbox, h) != Status::Declared) return Rejection::WrongStatus;
    const uint256 fine = penalty(x.load(address, field(record, kBounty)));
    if (value != fine) return Rejection::WrongValue;
    set_status(x, Box::Outbox, h, Status::DeclaredRevocation);
    x.charge(x.schedule().call + x.schedule().call_value);
    if (!x.send(address, burner, fine)) return Rejection::InsufficientFunds;
    x.emit({"RevertRedeemDeclared", h, caller, fine}, 1, 128);
    return Rejection::None;
}

Rejection CoGateway::progress_revert_redeem(Exec& x, const Hash& h, std::uint64_t height,
                                            const eth::Proof& proof) const {
    const Hash record = mapping_slot(h, kRedeemsSlot);
    const uint256 amount = x.load(address, field(record, kAmount));
    if (amount == 0) return Rejection::UnknownMessage;
    if (status(x, Box::Outbox, h) != Status::DeclaredRevocation) return Rejection::WrongStatus;
    if (auto r = verify_remote(x, Box::Inbox, h, height, proof, Status::Revoked); r != Rejection::None)
        return r;
    set_status(x, Box::Outbox, h, Status::Revoked);
    const Message m = message(x, h);
    const uint256 bounty_amount = x.load(address, field(record, kBounty));
    for (std::uint64_t j : {kAmount, kBeneficiary, kBounty}) x.store(address, field(record, j), 0);
    x.charge(x.schedule().call);
    if (auto r = x.contracts().utility_erc20(utility_token)->transfer(x, address, m.sender, amount);
        r != Rejection::None)
        return r;
    x.charge(x.schedule().call + x.schedule().call_value);
    if (!x.send(address, burner, bounty_amount)) return Rejection::InsufficientFunds;
    x.emit({"RevertRedeemProgressed", h, m.sender, amount}, 1, 128);
    return Rejection::None;
}

}  // namespace ostsim::protocol
