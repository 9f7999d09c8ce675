#include "consensus/ffg.hpp"

#include <stdexcept>

#include "consensus/inner_host.hpp"

namespace ostsim::consensus {

Ffg::Ffg(FfgParams p, std::unique_ptr<Rule> proposer)
    : p_(std::move(p)), proposer_(std::move(proposer)) {
    if (p_.epoch_length == 0) throw std::invalid_argument("Ffg: epoch length 0");
    for (std::uint64_t s : p_.stakes) total_ += s;
    justified_.insert(chain::kGenesis.key());
}

void Ffg::start(Host& host) {
    InnerHost inner(host);
    proposer_->start(inner);
}

void Ffg::on_timer(Host& host, std::uint64_t tag) {
    if (outbox_.on_timer(host, tag)) return;
    InnerHost inner(host);
    proposer_->on_timer(inner, tag);
}

bool Ffg::valid(const Host& host, const BlockMeta& block) const {
    if (!proposer_->valid(host, block)) return false;
    if (finalized_height_ == 0) return true;
    // Only descendants of the latest finalised checkpoint; anything at or below its height is
    // a new block, so off its chain.
    if (block.height <= finalized_height_) return false;
    return host.tree().ancestor(block.parent, finalized_height_) == finalized_;
}

void Ffg::on_block(Host& host, const BlockMeta& block, const chain::BlockTree::Change& change) {
    InnerHost inner(host);
    proposer_->on_block(inner, block, change);
    if (block.height % p_.epoch_length == 0) {  // a checkpoint: votes may have come before it
        auto [lo, hi] = by_target_.equal_range(block.id.key());
        std::vector<chain::BlockId> sources;
        for (auto it = lo; it != hi; ++it) sources.push_back(it->second);
        for (chain::BlockId s : sources) try_link(host, s, block.id);
    }
    if (change.new_head) maybe_vote(host);
}

void Ffg::on_vote(Host& host, const Vote& vote) {
    if (vote.kind != Vote::Checkpoint || !is_validator(vote.validator)) return;
    tally(host, vote);
}

void Ffg::maybe_vote(Host& host) {
    const NodeIndex self = host.self();
    if (!is_validator(self) || p_.behaviour.kind == Behaviour::Offline) return;
    const auto& tree = host.tree();
    const auto& head = tree.head();
    if (head.height < p_.vote_depth) return;
    const std::uint64_t E = p_.epoch_length;
    const std::uint64_t epoch = (head.height - p_.vote_depth) / E;
    if (epoch <= voted_epoch_) return;
    const chain::BlockId target = tree.ancestor(head.id, epoch * E);
    std::uint64_t source_epoch = epoch - 1;
    chain::BlockId source = tree.ancestor(target, source_epoch * E);
    while (!justified(source)) {  // genesis is justified: the walk ends
        --source_epoch;
        source = tree.ancestor(source, source_epoch * E);
    }
    // A source below our last one would surround our own earlier vote (after a reorganisation
    // onto a chain with less justified): an honest validator abstains.
    if (source_epoch < voted_source_epoch_) return;
    voted_epoch_ = epoch;
    voted_source_epoch_ = source_epoch;
    const Vote vote{Vote::Checkpoint, self, static_cast<std::uint32_t>(source_epoch), epoch, target,
                    source};
    tally(host, vote);  // our own vote counts at once
    outbox_.send(host, vote, p_.behaviour.kind == Behaviour::Slow ? p_.behaviour.delay : 0);
    if (p_.behaviour.kind == Behaviour::Equivocating && source_epoch > 0) {
        Vote other = vote;
        other.round = 0;
        other.source = chain::kGenesis;
        host.broadcast(other);
    }
}

void Ffg::tally(Host& host, const Vote& vote) {
    const CheckpointVotes::Verdict v = history_.add(vote);
    if (v.duplicate) return;
    double_votes_ += v.double_vote;
    surround_votes_ += v.surround;
    const auto link = std::pair{vote.source.key(), vote.block.key()};
    auto [it, fresh] = stake_.try_emplace(link, 0);
    if (fresh) {
        by_source_.emplace(vote.source.key(), vote.block);
        by_target_.emplace(vote.block.key(), vote.source);
    }
    it->second += p_.stakes[vote.validator];
    try_link(host, vote.source, vote.block);
}

void Ffg::try_link(Host& host, chain::BlockId source, chain::BlockId target) {
    std::vector<std::pair<chain::BlockId, chain::BlockId>> todo{{source, target}};
    const auto& tree = host.tree();
    const std::uint64_t E = p_.epoch_length;
    while (!todo.empty()) {
        const auto [s, t] = todo.back();
        todo.pop_back();
        if (justified(t) || !justified(s) || !tree.contains(t)) continue;
        auto it = stake_.find({s.key(), t.key()});
        if (it == stake_.end() || !over_two_thirds(it->second, total_)) continue;
        const std::uint64_t hs = tree.block(s).height, ht = tree.block(t).height;
        if (ht <= hs || ht % E != 0 || hs % E != 0) continue;  // not a link between checkpoints
        if (!(tree.ancestor(t, hs) == s)) continue;
        justified_.insert(t.key());
        if (ht == hs + E && hs > finalized_height_) {
            finalized_ = s;
            finalized_height_ = hs;
            host.finalize(s);
        }
        auto [lo, hi] = by_source_.equal_range(t.key());
        for (auto l = lo; l != hi; ++l) todo.emplace_back(t, l->second);
    }
}

}  // namespace ostsim::consensus
