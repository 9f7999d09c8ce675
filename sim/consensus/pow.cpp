#include "consensus/pow.hpp"

#include <algorithm>

namespace ostsim::consensus {

engine::Time next_block_in(engine::Stream& rng, const PowParams& p) {
    return static_cast<engine::Time>(
        rng.exponential(static_cast<double>(p.block_interval) / p.share));
}

void Pow::start(Host& host) { mine_on(host, host.tree().head().id); }

void Pow::mine_on(Host& host, chain::BlockId tip) {
    tip_ = tip;
    ++epoch_;
    if (p_.share > 0) host.set_timer(next_block_in(host.rng(), p_), epoch_);
}

bool Pow::preferred(NodeIndex producer) const {
    return std::find(prefer_.begin(), prefer_.end(), producer) != prefer_.end();
}

void Pow::on_timer(Host& host, std::uint64_t tag) {
    if (tag != epoch_) return;  // the tip changed since this attempt began
    host.produce(tip_, 1);      // on_block restarts the attempt
}

void Pow::on_block(Host& host, const BlockMeta& block, const chain::BlockTree::Change& change) {
    const chain::BlockTree& tree = host.tree();
    if (change.new_head) {
        mine_on(host, tree.head().id);
        const auto& head = tree.head();
        if (head.height >= p_.confirmations) {
            host.finalize(tree.ancestor(head.id, head.height - p_.confirmations));
        }
        return;
    }
    // A tie: an equal-weight tip from a preferred producer replaces one from anybody else.
    if (prefer_.empty() || !tree.contains(block.id) || !preferred(block.producer) ||
        preferred(host.meta(tip_).producer)) {
        return;
    }
    if (tree.block(block.id).total_weight == tree.block(tip_).total_weight) mine_on(host, block.id);
}

}  // namespace ostsim::consensus
