#include "consensus/pow.hpp"

#include <algorithm>

namespace ostsim::consensus {

engine::Time next_block_in(engine::Stream& rng, const PowParams& p) {
    return static_cast<engine::Time>(
        rng.exponential(static_cast<double>(p.block_interval) / p.share));
}

void Pow::start(Host& host) {
    tip_ = host.tree().head().id;
    arm(host);
}

void Pow::arm(Host& host) {
    if (p_.share > 0) host.set_timer(next_block_in(host.rng(), p_), 0);
}

bool Pow::preferred(NodeIndex producer) const {
    return std::find(prefer_.begin(), prefer_.end(), producer) != prefer_.end();
}

void Pow::on_timer(Host& host, std::uint64_t) {
    host.produce(tip_, 1);  // on_block moves tip_ to it
    arm(host);
}

void Pow::on_block(Host& host, const BlockMeta& block, const chain::BlockTree::Change& change) {
    const chain::BlockTree& tree = host.tree();
    if (change.new_head) {
        tip_ = tree.head().id;
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
    if (tree.block(block.id).total_weight == tree.block(tip_).total_weight) tip_ = block.id;
}

}  // namespace ostsim::consensus
