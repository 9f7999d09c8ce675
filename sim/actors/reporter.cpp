#include "actors/reporter.hpp"

namespace ostsim::actors {

void Reporter::on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) {
    if (c == p_.target && final) {
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
    if (h <= last_height_ || h % p_.every != 0) return;
    last_height_ = h;
    records_.push_back({p_.id, p_.source, p_.target, h, host.now(), 0, 0, 0, 0, protocol::Rejection::None});
    roots_.push_back(b.header.state_root);
    if (p_.delay > 0) {
        host.set_timer(p_.delay, records_.size() - 1);
    } else {
        send(host, records_.size() - 1);
    }
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
