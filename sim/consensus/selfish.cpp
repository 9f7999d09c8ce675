#include "consensus/selfish.hpp"

namespace ostsim::consensus {

void SelfishMiner::start(Host& host) {
    private_tip_ = public_tip_ = host.tree().head().id;
    private_height_ = public_height_ = host.tree().head().height;
    if (p_.share > 0) host.set_timer(next_block_in(host.rng(), p_), 0);
}

void SelfishMiner::on_timer(Host& host, std::uint64_t) {
    const std::int64_t lead_before = lead();
    private_tip_ = host.produce(private_tip_, 1, 0, /*withhold=*/true);
    unpublished_.push_back({private_tip_, ++private_height_});
    ++branch_;
    if (lead_before == 0 && branch_ == 2) {  // won the race: release the branch
        publish_through(host, private_height_);
        branch_ = 0;
    }
    host.set_timer(next_block_in(host.rng(), p_), 0);
}

void SelfishMiner::on_block(Host& host, const BlockMeta& block,
                            const chain::BlockTree::Change& change) {
    if (block.producer == host.self() || change.known || change.waiting) return;
    if (block.height <= public_height_) return;  // an honest fork: the public length is unchanged
    public_tip_ = block.id;
    public_height_ = block.height;
    const std::int64_t lead_after = lead();  // the paper's Delta_prev less one
    if (lead_after < 0) {                    // the honest chain is longer: adopt it
        private_tip_ = public_tip_;
        private_height_ = public_height_;
        unpublished_.clear();
        branch_ = 0;
    } else if (lead_after == 1) {  // was 2: release everything, the longer branch wins
        publish_through(host, private_height_);
        branch_ = 0;
    } else {  // was 1 (race) or more than 2 (keep ahead): match the honest block
        publish_through(host, public_height_);
    }
}

void SelfishMiner::publish_through(Host& host, std::uint64_t height) {
    while (!unpublished_.empty() && unpublished_.front().height <= height) {
        const Private b = unpublished_.front();
        unpublished_.pop_front();
        host.publish(b.id);
        if (b.height > public_height_) {
            public_tip_ = b.id;
            public_height_ = b.height;
        }
    }
}

}  // namespace ostsim::consensus
