#include "consensus/pow.hpp"

namespace ostsim::consensus {

void Pow::restart(Host& host) {
    ++epoch_;
    if (p_.share <= 0) return;
    const double mean = static_cast<double>(p_.block_interval) / p_.share;
    host.set_timer(static_cast<engine::Time>(host.rng().exponential(mean)), epoch_);
}

void Pow::on_timer(Host& host, std::uint64_t tag) {
    if (tag != epoch_) return;  // the head changed since this attempt began
    host.produce(host.tree().head().id, 1);  // on_block restarts the attempt
}

void Pow::on_block(Host& host, const BlockMeta&, const chain::BlockTree::Change& change) {
    if (!change.new_head) return;
    restart(host);
    const auto& head = host.tree().head();
    if (head.height >= p_.confirmations) {
        host.finalize(host.tree().ancestor(head.id, head.height - p_.confirmations));
    }
}

}  // namespace ostsim::consensus
