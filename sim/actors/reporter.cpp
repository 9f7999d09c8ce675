#include "actors/reporter.hpp"

#include "protocol/gateway_base.hpp"

namespace ostsim::actors {

void Reporter::on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) {
    if (c == p_.target && final) {
        target_final_ = &b;
        for (std::size_t i = 0; i < b.txs.size(); ++i) {
            auto it = pending_.find(b.txs[i].call);
            if (it == pending_.end()) continue;
            AnchorRecord& r = records_[it->second];
            r.target_height = b.meta.height;
            r.included = b.meta.timestamp;
            r.gas_used = b.receipts[i].gas_used;
            r.reverted = b.receipts[i].reverted;
            pending_.erase(it);
        }
    }
    if (c != p_.source || final != p_.final_only) return;
    const std::uint64_t h = b.meta.height;
    if (p_.pending_work && work_height_ == 0 && holds_work(host, b)) work_height_ = h;
    if (h <= last_height_ || h % p_.every != 0) return;
    if (p_.pending_work) {
        if (work_height_ == 0 || h < work_height_) return;
        work_height_ = 0;  // this anchoring covers it
    }
    last_height_ = h;
    records_.push_back({p_.id, p_.source, p_.target, h, host.now(), 0, 0, 0, 0, protocol::Rejection::None});
    roots_.push_back(b.header.state_root);
    if (p_.delay > 0) {
        host.set_timer(p_.delay, records_.size() - 1);
    } else {
        send(host, records_.size() - 1);
    }
}

bool Reporter::holds_work(core::ClientHost& host, const core::Block& b) const {
    core::Ledger& source = host.core(p_.source).ledger();
    for (std::size_t i = 0; i < b.txs.size(); ++i) {
        const chain::Transaction& tx = b.txs[i];
        if (tx.call == 0 || !(tx.to == p_.source_gateway) || b.receipts[i].reverted != protocol::Rejection::None) {
            continue;
        }
        const protocol::Body* body = source.call(tx.call);
        if (!body) continue;
        // A declaration, or a revocation declared (outbox) or confirmed (inbox): the target
        // proves it next.
        if (std::holds_alternative<protocol::Stake>(*body) || std::holds_alternative<protocol::Redeem>(*body) ||
            std::holds_alternative<protocol::RevertStake>(*body) || std::holds_alternative<protocol::RevertRedeem>(*body) ||
            std::holds_alternative<protocol::ConfirmRevertStakeIntent>(*body) ||
            std::holds_alternative<protocol::ConfirmRevertRedeemIntent>(*body)) {
            return true;
        }
        // A source-side progress: work unless the target side is already progressed.
        const chain::Hash* message = nullptr;
        if (const auto* p = std::get_if<protocol::ProgressStake>(body)) message = &p->message_hash;
        if (const auto* p = std::get_if<protocol::ProgressRedeem>(body)) message = &p->message_hash;
        if (message) {
            if (!target_final_) return true;
            const auto status = host.core(p_.target).ledger().storage(
                target_final_->meta.id, p_.target_gateway, protocol::GatewayBase::status_slot(protocol::Box::Inbox, *message));
            if (!status || *status != static_cast<std::uint64_t>(protocol::Status::Progressed)) return true;
            continue;
        }
        // A target-side progress (this core holds the inbox) whose outbox on the other core was
        // revoked first, in the race of PROTOCOL.md 1.1: the outbox closes by proof of it.
        const chain::Hash* inbox = nullptr;
        if (const auto* p = std::get_if<protocol::ProgressMint>(body)) inbox = &p->message_hash;
        if (const auto* p = std::get_if<protocol::ProgressUnstake>(body)) inbox = &p->message_hash;
        if (!inbox || !target_final_) continue;
        const auto status = host.core(p_.target).ledger().storage(
            target_final_->meta.id, p_.target_gateway, protocol::GatewayBase::status_slot(protocol::Box::Outbox, *inbox));
        if (status && *status == static_cast<std::uint64_t>(protocol::Status::DeclaredRevocation)) return true;
    }
    return false;
}

void Reporter::on_timer(core::ClientHost& host, std::uint64_t tag) { send(host, tag); }

void Reporter::send(core::ClientHost& host, std::size_t record) {
    AnchorRecord& r = records_[record];
    r.sent = host.now();
    const std::uint64_t handle =
        host.send(p_.target, p_.key, protocol::AnchorStateRoot{p_.anchor, r.height, roots_[record]},
                  p_.gas_limit, p_.gas_price);
    pending_.emplace(handle, record);
}

}  // namespace ostsim::actors
