#include "actors/facilitator.hpp"

#include <algorithm>
#include <cmath>

#include "protocol/erc20.hpp"
#include "protocol/message.hpp"
#include "protocol/storage_layout.hpp"

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
        case StepKind::AnchorProgress: return "anchor_progress";
        case StepKind::ProgressProof: return "progress_proof";
        case StepKind::Revert: return "revert";
        case StepKind::AnchorRevert: return "anchor_revert";
        case StepKind::ConfirmRevert: return "confirm_revert";
        case StepKind::AnchorRevoked: return "anchor_revoked";
        case StepKind::ProgressRevert: return "progress_revert";
    }
    return "?";
}

Behaviour Facilitator::behaviour_of(const OverlaySpec& spec, std::uint32_t index) {
    const FacilitatorSpec& f = spec.facilitator;
    Behaviour b;
    b.delay = spec.transfers.facilitator_delay;
    if (index < f.offline.size() && f.offline[index]) b.offline_after = f.offline_after;
    b.withhold_secret = index < f.withhold_secret.size() && f.withhold_secret[index];
    b.revoke_after = spec.transfers.revoke_after;
    return b;
}

Facilitator::Facilitator(const OverlaySpec& spec, Pair pair, std::uint32_t index)
    : spec_(spec.transfers), behaviour_(behaviour_of(spec, index)), gas_price_(spec.gas_price),
      bounty_(spec.bounty), pair_(std::move(pair)), index_(index) {
    balances_.origin_coin = actor_coins();
    balances_.aux_coin = actor_coins();
    for (int f = 0; f < 2; ++f) {
        nonce_[f].assign(pair_.stakers.size(), 0);
        busy_[f].assign(pair_.stakers.size(), false);
    }
}

void Facilitator::start(core::ClientHost& host) {
    if (spec_.stakes_per_second > 0 && !pair_.stakers.empty()) later(host, Arrive, 0);
}

void Facilitator::later(core::ClientHost& host, Action a, std::uint32_t message) {
    engine::Time delay = behaviour_.delay;
    if (a == Arrive) {
        delay = std::max<engine::Time>(
            1, std::llround(host.rng().exponential(1.0 / spec_.stakes_per_second) * engine::kSecond));
    } else if (a == Revoke || a == Complete) {
        delay = behaviour_.revoke_after;
    } else if (delay == 0) {
        return on_timer(host, std::uint64_t{message} << 8 | a);
    }
    host.set_timer(delay, std::uint64_t{message} << 8 | a);
}

void Facilitator::on_timer(core::ClientHost& host, std::uint64_t tag) {
    const auto message = static_cast<std::uint32_t>(tag >> 8);
    const auto a = static_cast<Action>(tag & 0xff);
    if (a == Arrive) {
        arrive(host);
        later(host, Arrive, 0);
        return;
    }
    auto it = live_.find(message);
    if (it == live_.end()) return;  // ended meanwhile
    if (a == Revoke) return revoke(host, message);
    if (a == Complete) return complete_target(host, message);
    // The facilitator's own steps: none once offline.
    if (offline(host)) return;
    switch (a) {
        case Confirm: confirm(host, message, false); break;
        case Progress: progress(host, message); break;
        case ProgressProof: progress_proof(host, message); break;
        case ProgressSourceProof: progress_source_proof(host, message, false); break;
        default: break;
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
    steps_.push_back({message, step, c, host.now(), 0, 0, 0, 0, protocol::Rejection::None,
                      !(from == pair_.facilitator)});
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
    messages_.push_back({Flow::Stake, index_, user, h, amount, host.now(), 0, 0, MessageRecord::Declaring, false});
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
    messages_.push_back({Flow::Redeem, index_, user, h, amount, host.now(), 0, 0, MessageRecord::Declaring, false});
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
    bool anchored = false, own = false;
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
        if (!r.by_user) {
            own = true;
            (c == pair_.origin ? balances_.origin_gas_cost : balances_.aux_gas_cost) +=
                uint256(r.gas_used) * gas_price_;
        }
        included(host, r);
    }
    if (own) read_balances(host, c, b);
    // A new anchor here serves messages from the other core; a new final block there may be
    // the one an earlier anchor names.
    if (anchored) try_anchor(host, other(c));
    try_anchor(host, c);
}

void Facilitator::read_balances(core::ClientHost& host, std::uint32_t c, const core::Block& b) {
    core::Ledger& ledger = host.core(c).ledger();
    if (c == pair_.origin) {
        balances_.origin_coin = ledger.account(b.meta.id, pair_.facilitator).balance;
        balances_.origin_ost =
            ledger.storage(b.meta.id, pair_.ost, protocol::mapping_slot(pair_.facilitator, protocol::Erc20::kBalancesSlot))
                .value_or(balances_.origin_ost);
    } else {
        balances_.aux_coin = ledger.account(b.meta.id, pair_.facilitator).balance;
    }
}

void Facilitator::end(std::uint32_t message, MessageRecord::Phase phase, engine::Time now) {
    MessageRecord& m = messages_[message];
    m.phase = phase;
    m.finished = now;
    live_.erase(message);
}

void Facilitator::wait_anchor(Live& live, std::uint32_t source, std::uint64_t height, Next next) {
    Wait& w = live.waits[waiter(next)];
    w.next = next;
    w.core = source;
    w.height = height;
}

bool Facilitator::lost_race(const StepRecord& s) {
    // What the contracts answer the loser: its status moved on, or its record was deleted by
    // the winner (a progress deletes stakes[h], mints[h], ...).
    if (s.reverted != protocol::Rejection::WrongStatus && s.reverted != protocol::Rejection::UnknownMessage) return false;
    auto it = live_.find(s.message);
    if (it == live_.end()) return false;
    Live& live = it->second;
    MessageRecord& m = messages_[s.message];
    switch (s.step) {
        case StepKind::Revert:  // the source progressed first: not revocable, it goes on
        case StepKind::ConfirmRevert:  // the target progressed first: the source ends by proof
            if (!live.progress_sent) return false;
            live.revoking = false;
            m.revocation_failed = true;
            m.phase = MessageRecord::Progressing;
            return true;
        case StepKind::ProgressSource:
            // The revert came first: the source ends by proof once the target's progress is final.
            if (!live.revoking && !m.revocation_failed) return false;
            live.source_blocked = true;
            if (live.target_height > 0) wait_anchor(live, target_of(m.flow), live.target_height, Next::ProgressSourceProof);
            return true;
        case StepKind::ProgressTarget:
        case StepKind::ProgressProof:
            // Another target progress came first, or the target revoked first (its user's
            // revocation goes on).
            return s.core == target_of(m.flow) && (live.target_height > 0 || live.revoking);
        default: return false;
    }
}

void Facilitator::included(core::ClientHost& host, StepRecord s) {
    MessageRecord& m = messages_[s.message];
    const int flow = m.flow == Flow::Stake ? 0 : 1;
    if (s.reverted != protocol::Rejection::None) {
        // Ended already (a step that lost a race to the one that settled it), or a race lost.
        if (m.phase == MessageRecord::Failed || m.phase == MessageRecord::Done || m.phase == MessageRecord::Revoked) return;
        if (lost_race(s)) return;
        // A reverted declaration registered nothing: its user may try again.
        if (s.step == StepKind::Declare || s.step == StepKind::Wrap || s.step == StepKind::Approve) {
            busy_[flow][m.user] = false;
        }
        end(s.message, MessageRecord::Failed, host.now());
        return;
    }
    auto it = live_.find(s.message);
    if (it == live_.end()) return;  // ended (failed) meanwhile
    Live& live = it->second;
    // The user frees its slot and moves its nonce on once the message is settled both ways.
    auto settle = [&](MessageRecord::Phase phase) {
        ++nonce_[flow][m.user];
        busy_[flow][m.user] = false;
        const bool redeem_back = phase == MessageRecord::Done && m.flow == Flow::Stake &&
                                 !busy_[1][m.user] && host.rng().uniform() < spec_.redeem_share;
        const chain::uint256 half = m.amount / 2;
        const std::uint32_t user = m.user;
        end(s.message, phase, host.now());
        if (redeem_back) redeem(host, user, half);
    };
    switch (s.step) {
        case StepKind::Declare:
            m.phase = MessageRecord::AwaitingAnchor;
            wait_anchor(live, s.core, s.height, Next::Confirm);
            if (behaviour_.revoke_after > 0) later(host, Revoke, s.message);
            break;
        case StepKind::Confirm:
            live.confirmed = true;
            m.phase = live.revoking ? MessageRecord::Revoking : MessageRecord::Progressing;
            // The facilitator does not know that the user revokes: its progress (sent first
            // unless it is slow) races the user's revert.
            later(host, Progress, s.message);
            if (live.revoking) revert(host, s.message);
            break;
        case StepKind::ProgressSource:
            live.source_progressed = true;
            if (behaviour_.withhold_secret && live.target_height == 0) {
                // The target side waits for an anchor of this block, to prove it Progressed.
                wait_anchor(live, s.core, s.height, Next::ProgressProof);
            }
            // Its user completes the target if that is still not done a timeout later.
            if (behaviour_.revoke_after > 0) later(host, Complete, s.message);
            if (--live.progress_left == 0) settle(MessageRecord::Done);
            break;
        case StepKind::ProgressTarget:
        case StepKind::ProgressProof:
            m.with_proof |= s.step == StepKind::ProgressProof;
            if (s.core == target_of(m.flow)) {
                live.target_height = s.height;
                if (live.source_blocked) wait_anchor(live, s.core, s.height, Next::ProgressSourceProof);
            } else {
                live.source_progressed = true;  // by proof, after the race (lost_race)
            }
            if (--live.progress_left == 0) settle(MessageRecord::Done);
            break;
        case StepKind::Revert: wait_anchor(live, s.core, s.height, Next::ConfirmRevert); break;
        case StepKind::ConfirmRevert: wait_anchor(live, s.core, s.height, Next::ProgressRevert); break;
        case StepKind::ProgressRevert: settle(MessageRecord::Revoked); break;
        default: break;
    }
}

void Facilitator::try_anchor(core::ClientHost& host, std::uint32_t source) {
    const Side& from = side(source);
    const Side& at = side(other(source));
    if (at.anchored_height == 0) return;
    auto it = from.finals.find(at.anchored_height);
    // The anchored root must be the state root of the block this facilitator knows final there.
    if (it == from.finals.end() || !(it->second->header.state_root == at.anchored_root)) return;
    // Collected first: a step may end a message (and erase it from live_).
    std::vector<std::pair<std::uint32_t, int>> ready;
    for (auto& [message, live] : live_) {
        for (int k : {kFacilitatorWait, kUserWait}) {
            const Wait& w = live.waits[k];
            if (w.next != Next::None && w.core == source && w.height <= at.anchored_height) ready.emplace_back(message, k);
        }
    }
    for (auto [message, k] : ready) {
        auto found = live_.find(message);
        if (found == live_.end()) continue;  // an earlier step ended it
        Live& live = found->second;
        Wait& w = live.waits[k];
        const Next next = w.next;
        w.next = Next::None;
        w.proof_height = at.anchored_height;
        constexpr StepKind kAnchorOf[] = {StepKind::Anchor, StepKind::Anchor, StepKind::AnchorProgress,
                                          StepKind::AnchorRevert, StepKind::AnchorRevoked, StepKind::AnchorProgress};
        steps_.push_back({message, kAnchorOf[static_cast<int>(next)], other(source), host.now(),
                          at.anchor_block, at.anchor_time, host.now(), 0, protocol::Rejection::None, false});
        switch (next) {
            case Next::Confirm:
                if (live.revoking) {
                    confirm(host, message, true);
                } else {
                    messages_[message].phase = MessageRecord::Confirming;
                    later(host, Confirm, message);
                }
                break;
            case Next::ProgressProof: later(host, ProgressProof, message); break;
            case Next::ConfirmRevert: confirm_revert(host, message); break;
            case Next::ProgressRevert: progress_revert(host, message); break;
            case Next::ProgressSourceProof:
                // Anyone may send it: the facilitator for the bounty, or the user once it is gone.
                if (offline(host)) {
                    progress_source_proof(host, message, true);
                } else {
                    later(host, ProgressSourceProof, message);
                }
                break;
            case Next::None: break;
        }
    }
}

bool Facilitator::prove(core::ClientHost& host, std::uint32_t message, std::uint32_t c,
                        std::uint64_t height, const chain::Address& from) {
    const std::uint32_t remote = other(c);
    auto p = host.core(remote).ledger().prove(side(remote).finals.at(height)->meta.id, gateway_on(remote), {});
    if (!p) {  // state no longer retained
        end(message, MessageRecord::Failed, host.now());
        return false;
    }
    send(host, message, StepKind::Prove, c, from,
         protocol::ProveGateway{gateway_on(c), height, p->account.rlp(), std::move(p->account_proof)}, kProofGas);
    return true;
}

std::optional<eth::Proof> Facilitator::status_proof(core::ClientHost& host, std::uint32_t c,
                                                    std::uint64_t height, protocol::Box box,
                                                    const chain::Hash& hash) {
    const chain::Hash slot = protocol::GatewayBase::status_slot(box, hash);
    auto p = host.core(c).ledger().prove(side(c).finals.at(height)->meta.id, gateway_on(c),
                                         std::span<const chain::Hash>(&slot, 1));
    if (!p) return std::nullopt;
    return std::move(p->storage.front().proof);
}

void Facilitator::confirm(core::ClientHost& host, std::uint32_t message, bool by_user) {
    MessageRecord& m = messages_[message];
    Live& live = live_.at(message);
    if (live.confirm_sent) return;
    const std::uint32_t s = source_of(m.flow), t = target_of(m.flow);
    const bool stake = m.flow == Flow::Stake;
    const chain::Address& from = by_user ? user_key(t, m.user) : pair_.facilitator;
    Side& target = side(t);
    // The facilitator proves each anchored height once, in increasing order, from its one key
    // (so its proof is executed before the confirmation); a user proves its own.
    const std::uint64_t h = live.waits[kFacilitatorWait].proof_height;
    if (by_user || target.proven_height < h) {
        if (!prove(host, message, t, h, from)) return;
        if (!by_user) target.proven_height = h;
    }
    auto proof = status_proof(host, s, h, protocol::Box::Outbox, m.hash);
    if (!proof) return end(message, MessageRecord::Failed, host.now());
    const chain::Address& sender = user_key(s, m.user);
    protocol::IntentParams intent{sender, live.params.nonce, live.params.beneficiary, live.params.amount,
                                  live.params.gas_price, live.params.gas_limit, live.params.hash_lock,
                                  h, std::move(*proof)};
    protocol::Body body = stake ? protocol::Body{protocol::ConfirmStakeIntent{pair_.co_gateway, std::move(intent)}}
                                : protocol::Body{protocol::ConfirmRedeemIntent{pair_.gateway, std::move(intent)}};
    send(host, message, StepKind::Confirm, t, from, std::move(body), kProofGas);
    live.confirm_sent = true;
    m.phase = live.revoking ? MessageRecord::Revoking : MessageRecord::Confirming;
}

void Facilitator::progress(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    Live& live = live_.at(message);
    live.progress_sent = true;
    const bool withhold = behaviour_.withhold_secret;
    if (m.flow == Flow::Stake) {
        send(host, message, StepKind::ProgressSource, pair_.origin, pair_.facilitator,
             protocol::ProgressStake{pair_.gateway, m.hash, live.secret}, kCallGas);
        if (!withhold) {
            send(host, message, StepKind::ProgressTarget, pair_.aux, pair_.facilitator,
                 protocol::ProgressMint{pair_.co_gateway, m.hash, live.secret}, kCallGas);
        }
    } else {
        send(host, message, StepKind::ProgressSource, pair_.aux, pair_.facilitator,
             protocol::ProgressRedeem{pair_.co_gateway, m.hash, live.secret}, kCallGas);
        if (!withhold) {
            send(host, message, StepKind::ProgressTarget, pair_.origin, pair_.facilitator,
                 protocol::ProgressUnstake{pair_.gateway, m.hash, live.secret}, kCallGas);
        }
    }
}

void Facilitator::progress_proof(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    const Live& live = live_.at(message);
    const std::uint32_t s = source_of(m.flow), t = target_of(m.flow);
    const std::uint64_t h = live.waits[kFacilitatorWait].proof_height;
    Side& target = side(t);
    if (target.proven_height < h) {
        if (!prove(host, message, t, h, pair_.facilitator)) return;
        target.proven_height = h;
    }
    auto proof = status_proof(host, s, h, protocol::Box::Outbox, m.hash);
    if (!proof) return end(message, MessageRecord::Failed, host.now());
    protocol::Body body =
        m.flow == Flow::Stake
            ? protocol::Body{protocol::ProgressMintWithProof{pair_.co_gateway, m.hash, h,
                                                             std::move(*proof), protocol::Status::Progressed}}
            : protocol::Body{protocol::ProgressUnstakeWithProof{pair_.gateway, m.hash, h,
                                                                std::move(*proof), protocol::Status::Progressed}};
    send(host, message, StepKind::ProgressProof, t, pair_.facilitator, std::move(body), kProofGas);
}

void Facilitator::progress_source_proof(core::ClientHost& host, std::uint32_t message, bool by_user) {
    const MessageRecord& m = messages_[message];
    const Live& live = live_.at(message);
    const std::uint32_t s = source_of(m.flow), t = target_of(m.flow);
    const std::uint64_t h = live.waits[kFacilitatorWait].proof_height;
    const chain::Address& from = by_user ? user_key(s, m.user) : pair_.facilitator;
    Side& source = side(s);
    if (by_user || source.proven_height < h) {
        if (!prove(host, message, s, h, from)) return;
        if (!by_user) source.proven_height = h;
    }
    auto proof = status_proof(host, t, h, protocol::Box::Inbox, m.hash);
    if (!proof) return end(message, MessageRecord::Failed, host.now());
    protocol::Body body =
        m.flow == Flow::Stake
            ? protocol::Body{protocol::ProgressStakeWithProof{pair_.gateway, m.hash, h, std::move(*proof),
                                                              protocol::Status::Progressed}}
            : protocol::Body{protocol::ProgressRedeemWithProof{pair_.co_gateway, m.hash, h, std::move(*proof),
                                                               protocol::Status::Progressed}};
    send(host, message, StepKind::ProgressProof, s, from, std::move(body), kProofGas);
}

void Facilitator::complete_target(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    Live& live = live_.at(message);
    if (live.target_height > 0 || live.user_completing) return;
    live.user_completing = true;
    // The secret is public: the source-side progress carries it (and its event logs it).
    const std::uint32_t t = target_of(m.flow);
    protocol::Body body = m.flow == Flow::Stake
                              ? protocol::Body{protocol::ProgressMint{pair_.co_gateway, m.hash, live.secret}}
                              : protocol::Body{protocol::ProgressUnstake{pair_.gateway, m.hash, live.secret}};
    send(host, message, StepKind::ProgressTarget, t, user_key(t, m.user), std::move(body), kCallGas);
}

void Facilitator::revoke(core::ClientHost& host, std::uint32_t message) {
    MessageRecord& m = messages_[message];
    Live& live = live_.at(message);
    // Not revocable once its source side is progressed (its user completes the target if need
    // be: Complete); a progress still in flight it does not see, and races.
    if (live.source_progressed || live.revoking) return;
    live.revoking = true;
    m.revoking = host.now();
    m.phase = MessageRecord::Revoking;
    // The target's inbox must hold the message Declared before it can be revoked there.
    if (live.confirmed) return revert(host, message);
    Wait& w = live.waits[kFacilitatorWait];
    if (live.confirm_sent || w.next == Next::Confirm) return;  // on its way, or the anchor is
    // Anchored, but the facilitator did not confirm: the user confirms against the latest anchor
    // (the one seen then may have left the Anchor's ring since).
    w.next = Next::Confirm;
    try_anchor(host, source_of(m.flow));
}

void Facilitator::revert(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    if (m.flow == Flow::Stake) {
        send(host, message, StepKind::Revert, pair_.origin, pair_.stakers[m.user],
             protocol::RevertStake{pair_.gateway, m.hash}, kCallGas);
    } else {
        // The redeemer pays the penalty in base coin, as msg.value.
        send(host, message, StepKind::Revert, pair_.aux, pair_.beneficiaries[m.user],
             protocol::RevertRedeem{pair_.co_gateway, m.hash}, kCallGas, protocol::GatewayBase::penalty(bounty_));
    }
}

void Facilitator::confirm_revert(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    const Live& live = live_.at(message);
    const std::uint32_t s = source_of(m.flow), t = target_of(m.flow);
    const chain::Address& from = user_key(t, m.user);
    const std::uint64_t h = live.waits[kUserWait].proof_height;
    if (!prove(host, message, t, h, from)) return;
    auto proof = status_proof(host, s, h, protocol::Box::Outbox, m.hash);
    if (!proof) return end(message, MessageRecord::Failed, host.now());
    protocol::Body body =
        m.flow == Flow::Stake
            ? protocol::Body{protocol::ConfirmRevertStakeIntent{pair_.co_gateway, m.hash, h, std::move(*proof)}}
            : protocol::Body{protocol::ConfirmRevertRedeemIntent{pair_.gateway, m.hash, h, std::move(*proof)}};
    send(host, message, StepKind::ConfirmRevert, t, from, std::move(body), kProofGas);
}

void Facilitator::progress_revert(core::ClientHost& host, std::uint32_t message) {
    const MessageRecord& m = messages_[message];
    const Live& live = live_.at(message);
    const std::uint32_t s = source_of(m.flow), t = target_of(m.flow);
    const chain::Address& from = user_key(s, m.user);
    const std::uint64_t h = live.waits[kUserWait].proof_height;
    if (!prove(host, message, s, h, from)) return;
    auto proof = status_proof(host, t, h, protocol::Box::Inbox, m.hash);
    if (!proof) return end(message, MessageRecord::Failed, host.now());
    protocol::Body body =
        m.flow == Flow::Stake
            ? protocol::Body{protocol::ProgressRevertStake{pair_.gateway, m.hash, h, std::move(*proof)}}
            : protocol::Body{protocol::ProgressRevertRedeem{pair_.co_gateway, m.hash, h, std::move(*proof)}};
    send(host, message, StepKind::ProgressRevert, s, from, std::move(body), kProofGas);
}

}  // namespace ostsim::actors
