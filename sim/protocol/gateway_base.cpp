#include "protocol/gateway_base.hpp"

#include <algorithm>

#include "chain/account.hpp"
#include "eth/keccak.hpp"
#include "eth/rlp_decode.hpp"
#include "eth/trie_proof.hpp"
#include "protocol/anchor.hpp"

namespace ostsim::protocol {

std::uint64_t proof_gas(const GasSchedule& g, const eth::Proof& proof) {
    std::uint64_t gas = 0;
    for (const Bytes& node : proof) gas += g.keccak_gas(node.size()) + g.proof_node_overhead;
    return gas;
}

void GatewayBase::deploy(Exec& x, const uint256& bounty_amount, const Address& remote) const {
    x.store(address, slot(kOrganizationSlot), to_uint(organization.owner));
    storage_root_heights().init(x);
    x.store(address, slot(kStateRootProviderSlot), to_uint(anchor));
    x.store(address, slot(kBountySlot), bounty_amount);
    if (!remote.is_zero()) set_remote_gateway(x, remote);
}

void GatewayBase::set_remote_gateway(Exec& x, const Address& remote) const {
    x.store(address, slot(kRemoteGatewaySlot), to_uint(remote));
    // The contracts keep the path as bytes; its single word here is the same keccak256.
    x.charge_keccak(20);
    x.store(address, slot(kEncodedGatewayPathSlot), eth::from_word(eth::keccak256(remote)));
}

Address GatewayBase::remote_gateway(Exec& x) const {
    return to_address(x.load(address, slot(kRemoteGatewaySlot)));
}

Hash GatewayBase::storage_root(Exec& x, std::uint64_t height) const {
    return eth::to_word(x.load(address, mapping_slot(slot(height), kStorageRootsSlot)));
}

Status GatewayBase::status(Exec& x, Box box, const Hash& h) const {
    return static_cast<Status>(static_cast<std::uint8_t>(x.load(address, status_slot(box, h))));
}

void GatewayBase::set_status(Exec& x, Box box, const Hash& h, Status s) const {
    x.store(address, status_slot(box, h), static_cast<std::uint8_t>(s));
}

Message GatewayBase::message(Exec& x, const Hash& h) const {
    const Hash base = mapping_slot(h, kMessagesSlot);
    Message m;
    m.intent_hash = eth::to_word(x.load(address, field(base, 0)));
    m.nonce = x.load(address, field(base, 1));
    m.gas_price = x.load(address, field(base, 2));
    m.gas_limit = x.load(address, field(base, 3));
    m.sender = to_address(x.load(address, field(base, 4)));
    m.hash_lock = eth::to_word(x.load(address, field(base, 5)));
    m.gas_consumed = x.load(address, field(base, 6));
    return m;
}

void GatewayBase::store_message(Exec& x, const Hash& h, const Message& m) const {
    const Hash base = mapping_slot(h, kMessagesSlot);
    x.store(address, field(base, 0), eth::from_word(m.intent_hash));
    x.store(address, field(base, 1), m.nonce);
    x.store(address, field(base, 2), m.gas_price);
    x.store(address, field(base, 3), m.gas_limit);
    x.store(address, field(base, 4), to_uint(m.sender));
    x.store(address, field(base, 5), eth::from_word(m.hash_lock));
    x.store(address, field(base, 6), m.gas_consumed);
}

void GatewayBase::store_gas_consumed(Exec& x, const Hash& h, const uint256& gas) const {
    x.store(address, field(mapping_slot(h, kMessagesSlot), 6), gas);
}

uint256 GatewayBase::expected_nonce(Exec& x, Box box, const Address& account) const {
    const std::uint64_t p = box == Box::Outbox ? kOutboxActiveProcessSlot : kInboxActiveProcessSlot;
    const uint256 active = x.load(address, mapping_slot(account, p));
    if (active == 0) return 0;
    return x.load(address, field(mapping_slot(eth::to_word(active), kMessagesSlot), 1)) + 1;
}

Rejection GatewayBase::register_process(Exec& x, Box box, const Address& account,
                                        const uint256& nonce, const Hash& h) const {
    if (nonce != expected_nonce(x, box, account)) return Rejection::WrongNonce;
    const std::uint64_t p = box == Box::Outbox ? kOutboxActiveProcessSlot : kInboxActiveProcessSlot;
    const Hash active_slot = mapping_slot(account, p);
    const Hash previous = eth::to_word(x.load(address, active_slot));
    if (!previous.is_zero()) {
        Status s = status(x, box, previous);
        if (s != Status::Progressed && s != Status::Revoked) return Rejection::PreviousProcessInFlight;
        const Hash base = mapping_slot(previous, kMessagesSlot);
        for (std::uint64_t j = 0; j < 7; ++j) x.store(address, field(base, j), 0);
    }
    if (status(x, box, h) != Status::Undeclared) return Rejection::MessageExists;
    x.store(address, active_slot, eth::from_word(h));
    return Rejection::None;
}

Rejection GatewayBase::prove_gateway(Exec& x, std::uint64_t height, ByteView rlp_account,
                                     const eth::Proof& proof) const {
    const Hash root = Anchor::state_root(x, anchor, height);
    if (root.is_zero()) return Rejection::StateRootUnknown;
    const Hash roots_slot = mapping_slot(slot(height), kStorageRootsSlot);
    if (x.load(address, roots_slot) != 0) {
        x.emit({"GatewayProven", root, remote_gateway(x), height}, 1, 128);  // wasAlreadyProved
        return Rejection::None;
    }
    const Hash path = eth::to_word(x.load(address, slot(kEncodedGatewayPathSlot)));
    x.charge(proof_gas(x.schedule(), proof));
    x.charge_keccak(rlp_account.size());
    auto leaf = eth::verify_proof(root, path, proof);
    if (!leaf || !*leaf || !std::equal(rlp_account.begin(), rlp_account.end(), (*leaf)->begin(),
                                       (*leaf)->end()))
        return Rejection::AccountProofInvalid;
    auto account = chain::Account::from_rlp(rlp_account);
    if (!account) return Rejection::AccountProofInvalid;
    x.store(address, roots_slot, eth::from_word(account->storage_root));
    const uint256 evicted = storage_root_heights().store(x, height);
    x.store(address, mapping_slot(eth::to_word(evicted), kStorageRootsSlot), 0);
    x.emit({"GatewayProven", account->storage_root, remote_gateway(x), height}, 1, 128);
    return Rejection::None;
}

Rejection GatewayBase::verify_remote(Exec& x, Box box, const Hash& h, std::uint64_t height,
                                     const eth::Proof& proof, Status expected) const {
    if (proof.empty()) return Rejection::StorageProofInvalid;
    const Hash root = storage_root(x, height);
    if (root.is_zero()) return Rejection::StorageRootNotProved;
    const Hash key = status_slot(box, h);
    x.charge_keccak(64);                        // the mapping slot
    x.charge_keccak(32);                        // its path in the secure trie
    x.charge_keccak(1);                         // keccak256(abi.encodePacked(uint8(status)))
    x.charge(proof_gas(x.schedule(), proof));
    auto leaf = eth::verify_secure_proof(root, key, proof);
    if (!leaf || !*leaf) return Rejection::StorageProofInvalid;
    auto item = eth::rlp::decode_exact(**leaf);
    if (!item || item->is_list || item->payload.size() != 1 ||
        item->payload[0] != static_cast<std::uint8_t>(expected))
        return Rejection::StorageProofInvalid;
    return Rejection::None;
}

Rejection GatewayBase::check_secret(Exec& x, const Message& m, const Hash& secret) const {
    x.charge_keccak(32);
    return hash_lock(secret) == m.hash_lock ? Rejection::None : Rejection::WrongSecret;
}

Rejection GatewayBase::progress_by_secret(Exec& x, Box box, std::uint64_t records, const Hash& h,
                                          const Hash& secret, const Finish& finish) const {
    if (status(x, box, h) != Status::Declared) return Rejection::WrongStatus;
    const Message m = message(x, h);
    if (auto r = check_secret(x, m, secret); r != Rejection::None) return r;
    if (x.load(address, field(mapping_slot(h, records), kAmount)) == 0)
        return Rejection::UnknownMessage;
    return finish(m);
}

Rejection GatewayBase::progress_by_proof(Exec& x, Box box, std::uint64_t records, const Hash& h,
                                         std::uint64_t height, const eth::Proof& proof,
                                         Status proven, const Finish& finish) const {
    if (x.load(address, field(mapping_slot(h, records), kAmount)) == 0)
        return Rejection::UnknownMessage;
    const bool progressed_there = proven == Status::Declared || proven == Status::Progressed;
    const Status here = status(x, box, h);
    if (box == Box::Inbox) {
        if (!progressed_there) return Rejection::ProvenStatusNotAllowed;
        if (here != Status::Declared) return Rejection::WrongStatus;
    } else if (here == Status::Declared) {
        if (!progressed_there) return Rejection::ProvenStatusNotAllowed;
    } else if (here == Status::DeclaredRevocation) {
        if (proven != Status::Progressed) return Rejection::ProvenStatusNotAllowed;
    } else {
        return Rejection::WrongStatus;
    }
    const Box remote = box == Box::Outbox ? Box::Inbox : Box::Outbox;
    if (auto r = verify_remote(x, remote, h, height, proof, proven); r != Rejection::None) return r;
    return finish(message(x, h));
}

Rejection GatewayBase::confirm_revert_inbox(Exec& x, std::uint64_t records, const Hash& h,
                                            std::uint64_t height, const eth::Proof& proof,
                                            std::string_view event) const {
    const Hash record = mapping_slot(h, records);
    if (x.load(address, field(record, kAmount)) == 0) return Rejection::UnknownMessage;
    if (status(x, Box::Inbox, h) != Status::Declared) return Rejection::WrongStatus;
    if (auto r = verify_remote(x, Box::Outbox, h, height, proof, Status::DeclaredRevocation);
        r != Rejection::None)
        return r;
    set_status(x, Box::Inbox, h, Status::Revoked);
    x.store(address, field(record, kAmount), 0);
    x.store(address, field(record, kBeneficiary), 0);
    x.emit({event, h, message(x, h).sender, 0}, 1, 128);
    return Rejection::None;
}

uint256 GatewayBase::reward(Exec& x, const Message& m) const {
    const uint256 total = m.gas_consumed + x.used();
    return (total < m.gas_limit ? total : m.gas_limit) * m.gas_price;
}

Message GatewayBase::make_message(const Hash& intent, const uint256& nonce,
                                  const uint256& gas_price, const uint256& gas_limit,
                                  const Address& sender, const Hash& lock) {
    return {intent, nonce, gas_price, gas_limit, sender, lock, 0};
}

Rejection GatewayBase::check_amount(const uint256& amount, const uint256& gas_price,
                                    const uint256& gas_limit) {
    if (amount == 0) return Rejection::ZeroAmount;
    if (amount <= gas_price * gas_limit) return Rejection::AmountNotAboveMaxReward;
    return Rejection::None;
}

Rejection GatewayBase::initiate_bounty_change(Exec& x, const Address& caller,
                                              const uint256& new_bounty) const {
    if (!organization.is_organization(caller)) return Rejection::NotOrganization;
    x.store(address, slot(kProposedBountySlot), new_bounty);
    const std::uint64_t unlock = x.block().number + kBountyChangeUnlockPeriod;
    x.store(address, slot(kProposedBountyUnlockHeightSlot), unlock);
    x.emit({"BountyChangeInitiated", {}, caller, new_bounty}, 1, 96);
    return Rejection::None;
}

Rejection GatewayBase::confirm_bounty_change(Exec& x, const Address& caller) const {
    if (!organization.is_organization(caller)) return Rejection::NotOrganization;
    const uint256 proposed = x.load(address, slot(kProposedBountySlot));
    if (proposed == bounty(x)) return Rejection::BountyUnchanged;
    if (x.load(address, slot(kProposedBountyUnlockHeightSlot)) >= x.block().number)
        return Rejection::BountyChangeLocked;
    x.store(address, slot(kBountySlot), proposed);
    x.store(address, slot(kProposedBountyUnlockHeightSlot), 0);
    x.emit({"BountyChangeConfirmed", {}, caller, proposed}, 1, 64);
    return Rejection::None;
}

}  // namespace ostsim::protocol
