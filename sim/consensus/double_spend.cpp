#include "consensus/double_spend.hpp"

namespace ostsim::consensus {

void DoubleSpender::start(Host& host) {
    public_tip_ = host.tree().head().id;
    public_height_ = host.tree().head().height;
    begin();
    if (p_.mining.share > 0) host.set_timer(next_block_in(host.rng(), p_.mining), 0);
}

void DoubleSpender::begin() {
    private_tip_ = public_tip_;
    private_height_ = fork_height_ = public_height_;
    branch_.clear();
    racing_ = !p_.premine;
}

void DoubleSpender::on_timer(Host& host, std::uint64_t) {
    private_tip_ = host.produce(private_tip_, 1, 0, /*withhold=*/true);
    ++private_height_;
    branch_.push_back(private_tip_);
    racing_ = true;  // a premined block sends the payment
    settle(host);
    host.set_timer(next_block_in(host.rng(), p_.mining), 0);
}

void DoubleSpender::on_block(Host& host, const BlockMeta& block,
                             const chain::BlockTree::Change& change) {
    if (block.producer == host.self() || change.known || change.waiting) return;
    if (block.height <= public_height_) return;  // an honest fork: no longer chain
    public_tip_ = block.id;
    public_height_ = block.height;
    if (racing_) {
        settle(host);
    } else {  // premining: the payment is not out yet, so mine on the new head
        begin();
    }
}

void DoubleSpender::settle(Host& host) {
    const bool shipped = honest() >= p_.confirmations;
    if (shipped && own() > honest()) {  // longer after the merchant shipped: release
        for (chain::BlockId id : branch_) host.publish(id);
        public_tip_ = private_tip_;
        public_height_ = private_height_;
        ++counts_.succeeded;
    } else if ((p_.give_up_behind > 0 && honest() >= own() + p_.give_up_behind) ||
               (p_.horizon > 0 && honest() >= p_.horizon)) {
        // Abandoned: the private branch stays private.
    } else {
        return;
    }
    ++counts_.attacks;
    begin();
}

}  // namespace ostsim::consensus
