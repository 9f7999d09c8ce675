#include "consensus/bft.hpp"

namespace ostsim::consensus {

Bft::Bft(BftParams p)
    : p_(std::move(p)), height_set_(p_.powers), round_set_(height_set_) {
    total_ = height_set_.total();
}

engine::Time Bft::round_length(std::uint32_t r) const {
    return timeout(p_.timeout_propose, p_.timeout_propose_delta, r) +
           timeout(p_.timeout_prevote, p_.timeout_prevote_delta, r) +
           timeout(p_.timeout_precommit, p_.timeout_precommit_delta, r);
}

template <class F>
void Bft::input(Host& host, F&& handle) {
    if (busy_) {
        handle();
        again_ = true;
        return;
    }
    busy_ = true;
    handle();
    do {
        again_ = false;
        apply_rules(host);
    } while (again_);
    busy_ = false;
}

void Bft::start(Host& host) {
    if (offline()) return;
    input(host, [&] { start_round(host, 0); });
}

void Bft::on_block(Host& host, const BlockMeta& block, const chain::BlockTree::Change&) {
    if (offline()) return;
    input(host, [&] { add_block(block); });
}

void Bft::on_vote(Host& host, const Vote& vote) {
    if (offline() || vote.kind == Vote::Checkpoint || !is_validator(vote.validator)) return;
    input(host, [&] { record(vote); });
}

void Bft::on_timer(Host& host, std::uint64_t tag) {
    if (outbox_.on_timer(host, tag)) return;
    auto it = timers_.find(tag);
    if (it == timers_.end()) return;
    const Timer t = it->second;
    timers_.erase(it);
    input(host, [&] { fire(host, t); });
}

void Bft::set_timer(Host& host, Timer::Kind kind, engine::Time delay) {
    const std::uint64_t tag = next_tag_++;
    timers_.emplace(tag, Timer{kind, height_, round_});
    host.set_timer(delay, tag);
}

void Bft::fire(Host& host, const Timer& t) {
    if (t.height != height_) return;
    if (t.kind == Timer::Commit) {
        if (step_ == Step::NewHeight) start_round(host, 0);
        return;
    }
    if (t.round != round_ || step_ == Step::NewHeight) return;
    switch (t.kind) {
        case Timer::Propose:  // line 57
            if (step_ == Step::Propose) {
                cast(host, Vote::Prevote, kNil);
                step_ = Step::Prevote;
            }
            break;
        case Timer::Prevote:  // line 61
            if (step_ == Step::Prevote) {
                cast(host, Vote::Precommit, kNil);
                step_ = Step::Precommit;
            }
            break;
        case Timer::Precommit: start_round(host, round_ + 1); break;  // line 65
        case Timer::Watch:
            host.stalled(height_, round_);
            set_timer(host, Timer::Watch, round_length(round_));
            break;
        case Timer::Proposal: produce_proposal(host); break;
        case Timer::Commit: break;
    }
}

void Bft::start_round(Host& host, std::uint32_t r) {  // line 11
    if (step_ != Step::NewHeight) host.stalled(height_, round_);  // it ends undecided
    if (r > round_) {
        round_set_.advance(r - round_);
        second_ = kNil;
    }
    round_ = r;
    step_ = Step::Propose;
    // Tendermint Core arms the propose timeout for the proposer too: a slow proposer's own
    // proposal may come too late for it as well.
    set_timer(host, Timer::Propose, timeout(p_.timeout_propose, p_.timeout_propose_delta, r));
    set_timer(host, Timer::Watch, round_length(r));
    if (is_validator(host.self()) && round_set_.proposer() == host.self()) propose(host);
}

void Bft::propose(Host& host) {
    if (!(valid_ == kNil)) {  // line 16: propose the valid value again; our prevote says so
        round_at(round_).candidates.push_back({valid_, host.self()});
        return;
    }
    if (p_.behaviour.kind == Behaviour::Slow) {
        set_timer(host, Timer::Proposal, p_.behaviour.delay);
        return;
    }
    produce_proposal(host);
}

void Bft::produce_proposal(Host& host) {
    host.produce(last_commit_, 1, round_);  // on_block makes it a candidate
    if (p_.behaviour.kind == Behaviour::Equivocating) {
        second_ = host.produce(last_commit_, 1, round_);
    }
}

void Bft::cast(Host& host, Vote::Kind kind, chain::BlockId block) {
    if (!is_validator(host.self())) return;  // followers do not vote
    const Vote vote{kind, host.self(), round_, height_, block, {}};
    record(vote);  // our own vote counts at once
    const engine::Time delay = p_.behaviour.kind == Behaviour::Slow ? p_.behaviour.delay : 0;
    outbox_.send(host, vote, delay);
    if (p_.behaviour.kind != Behaviour::Equivocating) return;
    Vote other = vote;
    if (!(second_ == kNil) && !(block == second_)) {
        other.block = second_;
    } else if (!(block == kNil)) {
        other.block = kNil;
    } else {
        return;
    }
    host.broadcast(other);
}

void Bft::record(const Vote& vote) {
    if (vote.height < height_) return;  // a decided height
    if (vote.height > height_) {
        future_votes_[vote.height].push_back(vote);
        return;
    }
    Round& r = round_at(vote.round);
    VoteSet& set = vote.kind == Vote::Prevote ? r.prevotes : r.precommits;
    const std::uint64_t power = p_.powers[vote.validator];
    switch (set.add(vote.validator, vote.block, power)) {
        case VoteSet::Added::Conflict: ++evidence_; return;
        case VoteSet::Added::Duplicate: return;
        case VoteSet::Added::New: break;
    }
    if (!r.heard[vote.validator]) {
        r.heard[vote.validator] = true;
        r.heard_power += power;
    }
    // A proposer's prevote names its proposal: the one message a re-proposal needs.
    if (vote.kind == Vote::Prevote && !(vote.block == kNil)) {
        r.candidates.push_back({vote.block, vote.validator});
    }
}

void Bft::add_block(const BlockMeta& block) {
    if (block.height > height_) {
        future_blocks_[block.height].push_back(block.id);
    } else if (block.height == height_) {
        round_at(static_cast<std::uint32_t>(block.seal)).candidates.push_back({block.id, block.producer});
    }
}

Bft::Round& Bft::round_at(std::uint32_t r) {
    auto [it, fresh] = rounds_.try_emplace(r);
    if (fresh) {
        it->second.prevotes = VoteSet(p_.powers.size());
        it->second.precommits = VoteSet(p_.powers.size());
        it->second.heard.assign(p_.powers.size(), false);
    }
    return it->second;
}

std::optional<chain::BlockId> Bft::proposal(const Host& host) {
    const NodeIndex proposer = round_set_.proposer();
    for (const Candidate& c : round_at(round_).candidates) {
        if (c.from != proposer) continue;
        // The first the proposer put forward is its proposal, usable once the block is here.
        if (host.tree().contains(c.block)) return c.block;
        return std::nullopt;
    }
    return std::nullopt;
}

bool Bft::acceptable(const Host& host, chain::BlockId block) const {
    const BlockMeta& m = host.meta(block);
    return m.height == height_ && m.parent == last_commit_;
}

std::optional<std::uint32_t> Bft::polka_round(chain::BlockId block) const {
    std::optional<std::uint32_t> found;
    for (const auto& [r, votes] : rounds_) {
        if (r >= round_) break;
        if (over_two_thirds(votes.prevotes.power_for(block), total_)) found = r;
    }
    return found;
}

std::optional<chain::BlockId> Bft::decided(const Host& host) const {
    for (const auto& [r, votes] : rounds_) {
        for (const auto& [block, power] : votes.precommits.blocks()) {
            if (block == kNil || !over_two_thirds(power, total_)) continue;
            if (host.tree().contains(block) && acceptable(host, block)) return block;
        }
    }
    return std::nullopt;
}

void Bft::commit(Host& host, chain::BlockId block) {  // line 49
    host.finalize(block);
    last_commit_ = block;
    ++height_;
    round_ = 0;
    step_ = Step::NewHeight;
    rounds_.clear();
    locked_ = valid_ = second_ = kNil;
    locked_round_ = -1;
    height_set_.advance();
    round_set_ = height_set_;
    set_timer(host, Timer::Commit, p_.timeout_commit);
    // What arrived early for the new height.
    if (auto it = future_blocks_.find(height_); it != future_blocks_.end()) {
        for (chain::BlockId id : it->second) add_block(host.meta(id));
    }
    if (auto it = future_votes_.find(height_); it != future_votes_.end()) {
        const std::vector<Vote> votes = std::move(it->second);
        future_votes_.erase(it);
        for (const Vote& v : votes) record(v);
    }
    future_blocks_.erase(future_blocks_.begin(), future_blocks_.upper_bound(height_));
    future_votes_.erase(future_votes_.begin(), future_votes_.upper_bound(height_));
}

void Bft::apply_rules(Host& host) {
    if (auto block = decided(host)) {
        commit(host, *block);
        again_ = true;
        return;
    }
    if (step_ == Step::NewHeight) return;
    for (auto it = rounds_.rbegin(); it != rounds_.rend() && it->first > round_; ++it) {
        if (over_one_third(it->second.heard_power, total_)) {  // line 55
            start_round(host, it->first);
            again_ = true;
            return;
        }
    }
    Round& cur = round_at(round_);
    const std::optional<chain::BlockId> prop = proposal(host);
    const bool ok = prop && acceptable(host, *prop);
    if (step_ == Step::Propose && prop) {
        const std::uint64_t made_in = host.meta(*prop).seal;
        if (made_in == round_) {  // line 22: a fresh proposal (vr = -1)
            const bool free = locked_round_ < 0 || locked_ == *prop;
            cast(host, Vote::Prevote, ok && free ? *prop : kNil);
            step_ = Step::Prevote;
            again_ = true;
        } else if (made_in < round_) {  // line 28: proposed again, with a polka we must have seen
            if (auto vr = polka_round(*prop)) {
                const bool free = locked_round_ <= static_cast<std::int64_t>(*vr) || locked_ == *prop;
                cast(host, Vote::Prevote, ok && free ? *prop : kNil);
                step_ = Step::Prevote;
                again_ = true;
            }
        }
    }
    if (step_ == Step::Prevote && !cur.prevote_wait && over_two_thirds(cur.prevotes.any(), total_)) {
        cur.prevote_wait = true;  // line 34
        set_timer(host, Timer::Prevote, timeout(p_.timeout_prevote, p_.timeout_prevote_delta, round_));
    }
    if (step_ != Step::Propose && !cur.polka && ok &&
        over_two_thirds(cur.prevotes.power_for(*prop), total_)) {  // line 36
        cur.polka = true;
        if (step_ == Step::Prevote) {
            locked_ = *prop;
            locked_round_ = round_;
            cast(host, Vote::Precommit, *prop);
            step_ = Step::Precommit;
        }
        valid_ = *prop;
        again_ = true;
    }
    if (step_ == Step::Prevote && over_two_thirds(cur.prevotes.power_for(kNil), total_)) {
        cast(host, Vote::Precommit, kNil);  // line 44
        step_ = Step::Precommit;
        again_ = true;
    }
    if (!cur.precommit_wait && over_two_thirds(cur.precommits.any(), total_)) {
        cur.precommit_wait = true;  // line 47
        set_timer(host, Timer::Precommit,
                  timeout(p_.timeout_precommit, p_.timeout_precommit_delta, round_));
    }
}

bool Bft::valid(const Host& host, const BlockMeta& block) const {
    if (!is_validator(block.producer)) return false;
    const auto& tree = host.tree();
    const std::uint64_t decided_height = tree.block(last_commit_).height;
    if (block.height - 1 > decided_height) return true;  // on a proposal not yet decided here
    return tree.ancestor(last_commit_, block.height - 1) == block.parent;
}

}  // namespace ostsim::consensus
