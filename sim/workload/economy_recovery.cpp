// The economy driver's delayed recovery of a lost device and resets of the recovery owner
// (economy_driver.hpp, RecoverySpec): what the relayer sends for them and what the user does
// when their outcome is seen.
#include "protocol/storage_layout.hpp"
#include "workload/economy_driver.hpp"

namespace ostsim::workload {

protocol::KeySignature EconomyDriver::recovery_signature(std::uint32_t u, const DeviceSwap& swap) const {
    return economy_.recovery_owner(u, owner_epoch(u))
        .sign(protocol::DelayedRecovery::digest(economy_.holder(u), swap.lost, swap.device));
}

void EconomyDriver::initiate_recovery(core::ClientHost& host, std::uint32_t u) {
    const EconomySpec& s = economy_.spec();
    const DeviceSwap swap = device0_swap(u);
    users_[u].recovering = true;
    Pending p{.op = Op::Initiate, .record = s.record ? open_session_record_[u] : 0, .intent = host.now()};
    if (s.record) {
        open_recovery_record_[u] = static_cast<std::uint32_t>(recovery_records_.size());
        recovery_records_.push_back({u, host.now()});
    }
    relay(host, u, protocol::InitiateRecovery{swap.lost, swap.device, recovery_signature(u, swap)}, p, false);
}

void EconomyDriver::execute_recovery(core::ClientHost& host, std::uint32_t u, bool early) {
    const DeviceSwap swap = device0_swap(u);
    relay(host, u, protocol::ExecuteRecovery{swap.lost, swap.device, recovery_signature(u, swap)},
          {.op = Op::Execute, .early = early, .intent = host.now()}, false);
}

void EconomyDriver::seen_recovery(core::ClientHost& host, const Pending& p, const core::Receipt& r,
                                  const core::Block& b) {
    const EconomySpec& s = economy_.spec();
    const std::uint32_t u = p.user;
    User& user = users_[u];
    RecoveryRecord* rec = nullptr;
    if (auto it = open_recovery_record_.find(u); s.record && it != open_recovery_record_.end())
        rec = &recovery_records_[it->second];
    switch (p.op) {
        case Op::Initiate:
            if (!r.ok()) return recovery_ended(host, u, RecoveryRecord::Failed, b.meta.height);
            ++counts_.recoveries;
            if (rec) rec->initiated = b.meta.height;
            if (user.abort_planned) {  // the lost device turned up: it signs the abort
                const auto [lost, device] = device0_swap(u);
                const Hash args[] = {protocol::address_word(lost), protocol::address_word(device)};
                protocol::Signatures sigs = approve(u, protocol::DeviceOp::AbortRecovery, args, 0);
                relay(host, u, protocol::AbortRecoveryByDevices{lost, device, std::move(sigs)},
                      {.op = Op::Abort, .intent = host.now()}, false);
                return;
            }
            if (user.early_planned) execute_recovery(host, u, true);
            // The module executes when initiation height + delay < block number: sent at this
            // head, the execution lands in a later block.
            recoveries_due_.emplace(b.meta.height + s.recovery.delay, u);
            return;
        case Op::Execute:
            if (r.ok()) {
                ++user.device_epoch;
                ++counts_.recoveries_executed;
                return recovery_ended(host, u, RecoveryRecord::Executed, b.meta.height);
            }
            if (p.early) {
                if (rec) rec->early = r.account;
            } else if (r.account == protocol::AccountRejection::RecoveryTooEarly) {
                recoveries_due_.emplace(head_height_ + 1, u);  // a shorter fork's head: try again
            } else {
                recovery_ended(host, u, RecoveryRecord::Failed, b.meta.height);
            }
            return;
        default:  // Op::Abort
            if (!r.ok()) {  // the devices' operation nonce was not used: learn it, then recover
                const std::optional<chain::uint256> n = host.core(s.core).ledger().storage(
                    b.meta.id, economy_.holder(u), protocol::slot(protocol::DeviceMultisig::kNonceSlot));
                if (n) user.device_nonce = static_cast<std::uint32_t>(*n);
                user.abort_planned = false;
                recoveries_due_.emplace(head_height_ + s.recovery.delay, u);
                return;
            }
            ++counts_.recoveries_aborted;
            return recovery_ended(host, u, RecoveryRecord::Aborted, b.meta.height);
    }
}

void EconomyDriver::recovery_ended(core::ClientHost& host, std::uint32_t u, RecoveryRecord::End end,
                                   std::uint64_t height) {
    User& user = users_[u];
    user.recovering = false;
    user.abort_planned = false;
    user.early_planned = false;
    if (auto it = open_recovery_record_.find(u); it != open_recovery_record_.end()) {
        recovery_records_[it->second].end = end;
        recovery_records_[it->second].ended = height;
        open_recovery_record_.erase(it);
    }
    if (user.opening_waits) {
        user.opening_waits = false;
        open_session(host, u, user.opening_funded);
    }
}

void EconomyDriver::reset_owner(core::ClientHost& host, std::uint32_t u) {
    const chain::Address holder = economy_.holder(u);
    // The epoch moves when the reset is sent (as a device replacement's does), so that what the
    // relayer sends after it is signed by the owner the chain will have by then.
    std::uint32_t& epoch = owner_epochs_[u];
    const protocol::KeyHolder owner = economy_.recovery_owner(u, epoch);
    const chain::Address next = economy_.recovery_owner(u, ++epoch).address();
    const protocol::KeySignature sig = owner.sign(protocol::DelayedRecovery::reset_digest(holder, owner.address(), next));
    Pending p{.op = Op::Reset, .intent = host.now()};
    if (economy_.spec().record) {
        p.record = static_cast<std::uint32_t>(owner_reset_records_.size());
        owner_reset_records_.push_back({u, epoch, host.now()});
    }
    relay(host, u, protocol::ResetRecoveryOwner{next, sig}, p, false);
}

void EconomyDriver::seen_reset(const Pending& p, const core::Receipt& r, const core::Block& b) {
    if (economy_.spec().record) {  // as the block that first holds it says
        OwnerResetRecord& rec = owner_reset_records_[p.record];
        rec.height = b.meta.height;
        rec.outcome = r.account;
    }
    if (r.ok()) {
        ++counts_.owner_resets;
        return;
    }
    ++counts_.owner_resets_reverted;
    if (--owner_epochs_[p.user] == 0) owner_epochs_.erase(p.user);  // the owner stayed
}

}  // namespace ostsim::workload
