#include "actors/facilitator.hpp"

#include <algorithm>
#include <cmath>

#include "protocol/gateway_base.hpp"
#include "protocol/message.hpp"

namespace ostsim::actors {
namespace {

// Gas limits of the actors' transactions: above what each call uses (docs/protocol.md's gas
// table), so that none runs out on a deep proof; only gas used is paid.
constexpr std::uint64_t kProofGas = 2'000'000;
constexpr std::uint64_t kCallGas = 500'000;

chain::Hash random_secret(engine::Stream& rng) {
    chain::Hash s;
    for (std::size_t i = 0; i < s.bytes.size(); i += 8) {
        const std::uint64_t w = rng.next_u64();
        for (std::size_t k = 0; k < 8; ++k) s.bytes[i + k] = static_cast<std::uint8_t>(w >> (8 * k));
    }
    return s;
}

}  // namespace

std::string_view to_string(Flow f) { return f == Flow::Stake ? "stake" : "redeem"; }

std::string_view to_string(StepKind s) {
    switch (s) {
        case StepKind::Wrap: return "wrap";
        case StepKind::Approve: return "approve";
        case StepKind::Declare: return "declare";
        case StepKind::Anchor: return "anchor";
        case StepKind::Prove: return "prove";
        case StepKind::Confirm: return "confirm";
        case StepKind::ProgressSource: return "progress_source";
        case StepKind::ProgressTarget: return "progress_target";
    }
    return "?";
}

Facilitator::Facilitator(const OverlaySpec& spec, Pair pair, std::uint32_t index)
    : spec_(spec.transfers), gas_price_(spec.gas_price), bounty_(spec.bounty),
      pair_(std::move(pair)), index_(index) {
    for (int f = 0; f < 2; ++f) {
        nonce_[f].assign(pair_.stakers.size(), 0);
        busy_[f].assign(pair_.stakers.size(), false);
    }
}

void Facilitator::start(core::ClientHost& host) {
    if (spec_.stakes_per_second > 0 && !pair_.stakers.empty()) later(host, Arrive, 0);
}

void Facilitator::later(core::ClientHost& host, Action a, std::uint32_t message) {
    engine::Time delay = spec_.facilitator_delay;
    if (a == Arrive) {
        delay = std::max<engine::Time>(
            1, std::llround(host.rng().exponential(1.0 / spec_.stakes_per_second) * engine::kSecond));
    } else if (delay == 0) {
        return a == Confirm ? confirm(host, message) : progress(host, message);
    }
    host.set_timer(delay, std::uint64_t{message} << 8 | a);
}

void Facilitator::on_timer(core::ClientHost& host, std::uint64_t tag) {
    const auto message = static_cast<std::uint32_t>(tag >> 8);
    switch (static_cast<Action>(tag & 0xff)) {
        case Arrive:
            arrive(host);
            later(host, Arrive, 0);
            break;
        case Confirm: confirm(host, message); break;
        case Progress: progress(host, message); break;
    }
}

void Facilitator::arrive(core::ClientHost& host) {
    const auto user = static_cast<std::uint32_t>(host.rng().below(static_cast<std::uint32_t>(pair_.stakers.size())));
    if (busy_[0][user]) {
        ++busy_arrivals_;
        return;
    }
    stake(host, user);
}

void Facilitator::send(core::ClientHost& host, std::uint32_t message, StepKind step,
                       std::uint32_t c, const chain::Address& from, protocol::Body body,
                       std::uint64_t gas_limit, const chain::uint256& value) {
    steps_.push_back({message, step, c, host.now(), 0, 0, 0, 0, protocol::Rejection::None});
    const std::uint64_t handle = host.send(c, from, std::move(body), gas_limit, gas_price_, value);
    pending_.emplace(handle, steps_.size() - 1);
}

void Facilitator::stake(core::ClientHost& host, std::uint32_t user) {
    const auto m = static_cast<std::uint32_t>(messages_.size());
    // Uniform in [min, max] to 53 bits, in 256-bit arithmetic (amounts exceed 2^64 wei).
    const chain::uint256 fraction(host.rng().next_u64() >> 11);
    const chain::uint256 amount = spec_.amount_min + (spec_.amount_max - spec_.amount_min) * fraction / (chain::uint256(1) << 53);
    Live live;
    live.secret = random_secret(host.rng());
    live.params = {amount, pair_.beneficiaries[user], spec_.message_gas_price,
                   spec_.message_gas_limit, nonce_[0][user], protocol::hash_lock(live.secret)};
    const chain::Hash intent = protocol::stake_intent_hash(amount, live.params.beneficiary, pair_.gateway);
    const chain::Hash h = protocol::message_hash({intent, live.params.nonce, live.params.gas_price,
                                                  live.params.gas_limit, pair_.stakers[user],
                                                  live.params.hash_lock, 0});
    messages_.push_back({Flow::Stake, index_, user, h, amount, host.now(), 0, MessageRecord::Declaring});
    busy_[0][user] = true;
    send(host, m, StepKind::Declare, pair_.origin, pair_.stakers[user],
         protocol::Stake{pair_.gateway, live.params}, kCallGas);
    live_.emplace(m, std::move(live));
}

void Facilitator::redeem(core::ClientHost& host, std::uint32_t user, const chain::uint256& amount) {
    const auto m = static_cast<std::uint32_t>(messages_.size());
    Live live;
    live.secret = random_secret(host.rng());
    // Unstaked OST returns to the staker whose stake minted it.
    live.params = {amount, pair_.stakers[user], spec_.message_gas_price, spec_.message_gas_limit,
                   nonce_[1][user], protocol::hash_lock(live.secret)};
    const chain::Hash intent = protocol::redeem_intent_hash(amount, live.params.beneficiary, pair_.co_gateway);
    const chain::Address& redeemer = pair_.beneficiaries[user];
    const chain::Hash h = protocol::message_hash({intent, live.params.nonce, live.params.gas_price,
                                                  live.params.gas_limit, redeemer,
                                                  live.params.hash_lock, 0});
    messages_.push_back({Flow::Redeem, index_, user, h, amount, host.now(), 0, MessageRecord::Declaring});
    busy_[1][user] = true;
    // Three transactions in nonce order: the mempool runs them in that order.
    send(host, m, StepKind::Wrap, pair_.aux, redeemer, protocol::Wrap{pair_.ost_prime}, kCallGas, amount);
    send(host, m, StepKind::Approve, pair_.aux, redeemer,
         protocol::Approve{pair_.ost_prime, pair_.co_gateway, amount}, kCallGas);
    send(host, m, StepKind::Declare, pair_.aux, redeemer, protocol::Redeem{pair_.co_gateway, live.params},
         kCallGas, bounty_);
    live_.emplace(m, std::move(live));
}

void Facilitator::on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) {
    if (!final) return;
    Side& s = side(c);
    s.finals[b.meta.height] = &b;
    const chain::Address& anchor = c == pair_.origin ? pair_.origin_anchor : pair_.aux_anchor;
    bool anchored = false;
    for (std::size_t i = 0; i < b.txs.size(); ++i) {
        const chain::Transaction& tx = b.txs[i];
        if (tx.call == 0) continue;
        if (tx.to == anchor && b.receipts[i].reverted == protocol::Rejection::None) {
            // A reporter's anchoring (the Anchor's StateRootAvailable event, as a log filter
            // would show it).
            const auto* body = std::get_if<protocol::AnchorStateRoot>(host.core(c).ledger().call(tx.call));
            if (body && body->height > s.anchored_height) {
                s.anchored_height = body->height;
                s.anchored_root = body->root;
                s.anchor_block = b.meta.height;
                s.anchor_time = b.meta.timestamp;
                anchored = true;
            }
        }
        auto it = pending_.find(tx.call);
        if (it == pending_.end()) continue;
        StepRecord& r = steps_[it->second];
        r.height = b.meta.height;
        r.included = b.meta.timestamp;
        r.seen = host.now();
        r.gas_used = b.receipts[i].gas_used;
        r.reverted = b.receipts[i].reverted;
        pending_.erase(it);
        included(host, r);
    }
    // A new anchor here serves messages from the other core; a new final block there may be
    // the one an earlier anchor names.
    if (anchored) try_confirm(host, c == pair_.aux ? Flow::Stake : Flow::Redeem);
    try_confirm(host, c == pair_.origin ? Flow::Stake : Flow::Redeem);
}

void Facilitator::end(std::uint32_t message, MessageRecord::Phase phase, engine::Time now) {
    MessageRecord& m = messages_[message];
    m.phase = phase;
    m.finished = now;
    live_.erase(message);
}

void Facilitator::included(core::ClientHost& host, const StepRecord& s) {
    MessageRecord& m = messages_[s.message];
    const int flow = m.flow == Flow::Stake ? 0 : 1;
    if (s.reverted != protocol::Rejection::None) {
        if (m.phase == MessageRecord::Failed) return;  // an earlier step already ended it
        // A reverted declaration registered nothing: its user may try again.
        if (s.step == StepKind::Declare || s.step == StepKind::Wrap || s.step == StepKind::Approve) {
            busy_[flow][m.user] = false;
        }
        end(s.message, MessageRecord::Failed, host.now());
        return;
    }
    if (m.phase == MessageRecord::Failed) return;
    Live& live = live_.at(s.message);
    switch (s.step) {
        case StepKind::Declare:
            live.declared_height = s.height;
            m.phase = MessageRecord::AwaitingAnchor;
            break;
        case StepKind::Confirm:
            m.phase = MessageRecord::Progressing;
            later(host, Progress, s.message);
            break;
        case StepKind::ProgressSource:
        case StepKind::ProgressTarget:
            if (--live.progress_left > 0) break;
            ++nonce_[flow][m.user];
            busy_[flow][m.user] = false;
            {
                const bool redeem_back = m.flow == Flow::Stake && !busy_[1][m.user] &&
                                         host.rng().uniform() < spec_.redeem_share;
                const chain::uint256 half = m.amount / 2;
                const std::uint32_t user = m.user;
                end(s.message, MessageRecord::Done, host.now());
                if (redeem_back) redeem(host, user, half);
            }
            break;
        default: break;
    }
}

void Facilitator::try_confirm(core::ClientHost& host, Flow f) {
    const Side& source = side(source_of(f));
    Side& target = side(target_of(f));
    if (target.anchored_height == 0) return;
    auto it = source.finals.find(target.anchored_height);
    // The anchored root must be the state root of the block this facilitator knows final there.
    if (it == source.finals.end() || !(it->second->header.state_root == target.anchored_root)) return;
    for (auto& [message, live] : live_) {
        MessageRecord& m = messages_[message];
        if (m.flow != f || m.phase != MessageRecord::AwaitingAnchor ||
            live.declared_height > target.anchored_height) {
            continue;
        }
        live.proof_height = target.anchored_height;
        m.phase = MessageRecord::Confirming;
        steps_.push_back({message, StepKind::Anchor, target_of(f), host.now(), target.anchor_block,
                          target.anchor_time, host.now(), 0, protocol::Rejection::None});
        later(host, Confirm, message);
    }
}

void Facilitator::confirm(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    const Live& live = live_.at(message);
    const std::uint32_t s = source_of(m.flow), t = target_of(m.flow);
    const bool stake = m.flow == Flow::Stake;
    const chain::Address& remote_gateway = stake ? pair_.gateway : pair_.co_gateway;
    const chain::Address& local_gateway = stake ? pair_.co_gateway : pair_.gateway;
    const core::Block& at = *side(s).finals.at(live.proof_height);
    core::Ledger& ledger = host.core(s).ledger();
    Side& target = side(t);
    if (target.proven_height < live.proof_height) {
        // proveGateway: the remote gateway's account (its storage root) at the anchored height.
        auto p = ledger.prove(at.meta.id, remote_gateway, {});
        if (!p) return end(message, MessageRecord::Failed, host.now());  // state no longer retained
        send(host, message, StepKind::Prove, t, pair_.facilitator,
             protocol::ProveGateway{local_gateway, live.proof_height, p->account.rlp(),
                                    std::move(p->account_proof)},
             kProofGas);
        target.proven_height = live.proof_height;
    }
    const chain::Hash slot = protocol::GatewayBase::status_slot(protocol::Box::Outbox, m.hash);
    auto p = ledger.prove(at.meta.id, remote_gateway, std::span<const chain::Hash>(&slot, 1));
    if (!p) return end(message, MessageRecord::Failed, host.now());
    const chain::Address& sender = stake ? pair_.stakers[m.user] : pair_.beneficiaries[m.user];
    protocol::IntentParams intent{sender, live.params.nonce, live.params.beneficiary, live.params.amount,
                                  live.params.gas_price, live.params.gas_limit, live.params.hash_lock,
                                  live.proof_height, std::move(p->storage.front().proof)};
    protocol::Body body = stake ? protocol::Body{protocol::ConfirmStakeIntent{local_gateway, std::move(intent)}}
                                : protocol::Body{protocol::ConfirmRedeemIntent{local_gateway, std::move(intent)}};
    send(host, message, StepKind::Confirm, t, pair_.facilitator, std::move(body), kProofGas);
}

void Facilitator::progress(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    const Live& live = live_.at(message);
    if (m.flow == Flow::Stake) {
        send(host, message, StepKind::ProgressSource, pair_.origin, pair_.facilitator,
             protocol::ProgressStake{pair_.gateway, m.hash, live.secret}, kCallGas);
        send(host, message, StepKind::ProgressTarget, pair_.aux, pair_.facilitator,
             protocol::ProgressMint{pair_.co_gateway, m.hash, live.secret}, kCallGas);
    } else {
        send(host, message, StepKind::ProgressSource, pair_.aux, pair_.facilitator,
             protocol::ProgressRedeem{pair_.co_gateway, m.hash, live.secret}, kCallGas);
        send(host, message, StepKind::ProgressTarget, pair_.origin, pair_.facilitator,
             protocol::ProgressUnstake{pair_.gateway, m.hash, live.secret}, kCallGas);
    }
}

}  // namespace ostsim::actors
