#include "workload/economy_driver.hpp"

#include <algorithm>
#include <cmath>

#include "eth/keccak.hpp"
#include "protocol/session_key.hpp"
#include "protocol/storage_layout.hpp"
#include "workload/arrivals.hpp"

namespace ostsim::workload {

namespace {

using protocol::AccountRejection;

// A user's intents beyond this many waiting are dropped (and counted).
constexpr std::uint16_t kQueueCap = 1000;
// A stale spend uses the previous session's key, funded for this many spends beyond its secrets.
constexpr std::uint64_t kSpareSpends = 4;

// s_i of the chain whose seed is s_n: keccak256 applied n - i times.
Hash chain_secret(Hash s, std::uint32_t n, std::uint32_t i) {
    for (std::uint32_t k = i; k < n; ++k) s = eth::keccak256(s);
    return s;
}

std::uint64_t micro(double units) { return static_cast<std::uint64_t>(std::llround(units * 1e6)); }

}  // namespace

EconomyDriver::EconomyDriver(Economy economy, std::uint32_t kind, std::uint64_t seed)
    : economy_(std::move(economy)), kind_(kind), seed_(seed), users_(economy_.spec().users),
      relayer_nonce_(economy_.spec().relayers, 0) {
    if (economy_.spec().record) open_session_record_.assign(users_.size(), 0);
}

engine::Stream EconomyDriver::stream(std::uint32_t u) const {
    // Entities at and above 2^62 are no engine process's: a user's stream is its own.
    return engine::Stream(seed_, std::uint64_t{1} << 62 | std::uint64_t{economy_.index()} << 32 | u,
                          users_[u].draws);
}

void EconomyDriver::save(std::uint32_t u, const engine::Stream& rng) {
    users_[u].draws = static_cast<std::uint32_t>(rng.blocks_drawn());
}

void EconomyDriver::schedule_arrival(core::ClientHost& host, std::uint32_t u, engine::Stream& rng) {
    User& user = users_[u];
    Phase phase{user.phase_end, user.burst};
    const engine::Time t = next_arrival(economy_.spec().arrivals, host.now(), phase, rng);
    user.phase_end = phase.end;
    user.burst = phase.burst;
    if (t != engine::kNever) host.set_timer(t - host.now(), tag(u, Timer::Arrival));
}

void EconomyDriver::start(core::ClientHost& host) {
    const ArrivalSpec& a = economy_.spec().arrivals;
    const auto& protocol = host.core(economy_.spec().core).params().protocol;
    funding_gas_ = protocol ? protocol->gas.transaction : protocol::GasSchedule{}.transaction;
    for (std::uint32_t u = 0; u < users_.size(); ++u) {
        engine::Stream rng = stream(u);
        if (a.kind == ArrivalSpec::Bursty) {
            const Phase p = initial_phase(a, rng);
            users_[u].phase_end = p.end;
            users_[u].burst = p.burst;
        }
        schedule_arrival(host, u, rng);
        save(u, rng);
    }
}

void EconomyDriver::on_timer(core::ClientHost& host, std::uint64_t t) {
    const auto kind = static_cast<Timer>(t & 0xff);
    const std::uint64_t who = t >> 8;
    if (kind == Timer::Timeout) {
        auto it = pending_.find(handle_high_ << 32 | who);
        if (it != pending_.end() && !it->second.seen) {
            const Pending p = it->second;
            pending_.erase(it);
            timed_out(host, p);
        }
        return;
    }
    const auto u = static_cast<std::uint32_t>(who);
    if (kind == Timer::SendOpening) return send_opening(host, u);
    // An intent: schedule the next, then serve this one or queue it.
    engine::Stream rng = stream(u);
    schedule_arrival(host, u, rng);
    save(u, rng);
    ++counts_.intents;
    User& user = users_[u];
    if (user.state == User::Opening || user.state == User::Spending || user.state == User::Revoking) {
        if (user.queued < kQueueCap) {
            ++user.queued;
        } else {
            ++counts_.busy_dropped;
        }
        return;
    }
    serve(host, u, host.now());
}

bool EconomyDriver::usable(const User& user, engine::Time now) const {
    const SessionSpec& s = economy_.spec().session;
    if (user.state != User::Active) return false;
    if (user.expires != 0 && now >= user.expires) return false;
    if (s.model == SessionModel::SessionKey) return user.next < s.secrets;
    return user.next <= s.secrets && user.spent_micro < micro(s.session_amount);
}

SessionRecord::End EconomyDriver::used_up(const User& user, engine::Time now) {
    return user.expires != 0 && now >= user.expires ? SessionRecord::Expired : SessionRecord::Exhausted;
}

void EconomyDriver::serve(core::ClientHost& host, std::uint32_t u, engine::Time intent) {
    User& user = users_[u];
    if (usable(user, host.now())) return spend(host, u, intent);
    if (user.state == User::Active) {
        end_session(u, used_up(user, host.now()), host.now());
    }
    ++user.queued;  // the intent waits for the session
    begin_open(host, u);
}

void EconomyDriver::next_queued(core::ClientHost& host, std::uint32_t u) {
    User& user = users_[u];
    if (user.queued == 0 || (user.state != User::Active && user.state != User::NoSession)) return;
    --user.queued;
    serve(host, u, host.now());
}

void EconomyDriver::begin_open(core::ClientHost& host, std::uint32_t u) {
    User& user = users_[u];
    user.state = User::Opening;
    ++user.session;
    if (economy_.spec().record) {
        open_session_record_[u] = static_cast<std::uint32_t>(session_records_.size());
        session_records_.push_back({u, user.session, host.now()});
    }
    host.set_timer(economy_.spec().session.open_delay, tag(u, Timer::SendOpening));
}

protocol::Signatures EconomyDriver::approve(std::uint32_t u, protocol::DeviceOp op,
                                            std::span<const Hash> args, std::uint32_t device) {
    User& user = users_[u];
    const Hash digest =
        protocol::TokenHolder::op_digest(economy_.holder(u), op, args, user.device_nonce++);
    return {economy_.device(u, device, user.device_epoch).sign(digest)};
}

std::uint64_t EconomyDriver::send(core::ClientHost& host, std::uint32_t u, const chain::Address& sender,
                                  std::uint64_t nonce, protocol::AccountBody body,
                                  std::uint64_t gas_limit, Pending p, bool timeout) {
    const EconomySpec& s = economy_.spec();
    const std::uint64_t handle = host.send(s.core, sender, nonce,
                                           core::AccountTx{kind_, economy_.holder(u), std::move(body)},
                                           gas_limit, s.gas_price);
    handle_high_ = handle >> 32;
    p.user = u;
    if (opens_session(p)) ++session_records_[p.record].awaited;
    pending_.emplace(handle, p);
    if (timeout) host.set_timer(s.timeout, tag(handle & 0xffff'ffff, Timer::Timeout));
    return handle;
}

void EconomyDriver::send_opening(core::ClientHost& host, std::uint32_t u) {
    const EconomySpec& s = economy_.spec();
    const SessionSpec& ss = s.session;
    User& user = users_[u];
    engine::Stream rng = stream(u);
    const bool lost = rng.uniform() < ss.lose_device && s.devices >= 2;
    user.revoke_planned = rng.uniform() < ss.revoke;
    const bool funded = !(rng.uniform() < s.misbehaviour.unfunded);
    save(u, rng);
    const std::uint32_t r = relayer_of(u);
    const chain::Address relayer = economy_.relayer(r);
    const std::uint32_t record = s.record ? open_session_record_[u] : 0;

    if (lost) {  // device 1 replaces the lost device 0 before approving the session
        const chain::Address old_device = economy_.device(u, 0, user.device_epoch).address();
        const chain::Address new_device = economy_.device(u, 0, user.device_epoch + 1u).address();
        const Hash args[] = {protocol::address_word(old_device), protocol::address_word(new_device)};
        protocol::Signatures sigs = approve(u, protocol::DeviceOp::ReplaceDevice, args, 1);
        ++user.device_epoch;
        send(host, u, relayer, relayer_nonce_[r]++,
             protocol::ReplaceDevice{old_device, new_device, std::move(sigs)}, s.open_gas_limit,
             {.op = Op::Replace, .record = record}, false);
    }

    const protocol::KeyHolder key = protocol::KeyHolder::derive(economy_.key_seed(u, user.session), s.signatures);
    user.key = key.address();
    user.previous_next = user.next;
    user.previous_key_nonce = user.key_nonce;
    user.next = ss.model == SessionModel::HashChain ? 1 : 0;
    user.key_nonce = 0;
    user.spent_micro = 0;
    user.expires = ss.lifetime == 0 ? 0 : host.now() + ss.lifetime;
    if (funded) {
        const chain::uint256 coin = chain::uint256((ss.secrets + kSpareSpends) * s.spend_gas_limit) * s.gas_price;
        host.transfer(s.core, relayer, relayer_nonce_[r]++, key.address(), coin, s.gas_price);
    }

    protocol::AccountBody body;
    if (ss.model == SessionModel::HashChain) {
        protocol::SessionLimits l;
        l.secrets = ss.secrets;
        l.secret_amount = token_units(ss.secret_amount);
        l.session_amount = token_units(ss.session_amount);
        l.expiration_time = user.expires == 0 ? 0 : static_cast<std::uint64_t>(user.expires / engine::kSecond);
        l.spends_per_window = ss.spends_per_window;
        l.window_blocks = ss.window_blocks;
        const Hash anchor = chain_secret(economy_.chain_seed(u, user.session), ss.secrets, 0);
        const Hash args[] = {protocol::address_word(key.address()), anchor, protocol::TokenHolder::limits_word(l)};
        protocol::Signatures sigs = approve(u, protocol::DeviceOp::OpenSession, args, 0);
        body = protocol::OpenSession{key.address(), anchor, l, std::move(sigs)};
    } else {
        // Expiry by height: the lifetime in blocks at the interval seen so far (3 s before any).
        const double interval = head_height_ > 0 ? engine::to_seconds(head_time_) / static_cast<double>(head_height_) : 3.0;
        const std::uint64_t blocks = ss.lifetime == 0 ? (std::uint64_t{1} << 40)
                                                       : std::max<std::uint64_t>(1, static_cast<std::uint64_t>(engine::to_seconds(ss.lifetime) / interval));
        const std::uint64_t expiration = head_height_ + blocks;
        const chain::uint256 limit = token_units(ss.secret_amount);
        const Hash args[] = {protocol::address_word(key.address()), eth::to_word(limit), protocol::slot(expiration)};
        protocol::Signatures sigs = approve(u, protocol::DeviceOp::AuthorizeKey, args, 0);
        body = protocol::AuthorizeKey{key.address(), limit, expiration, std::move(sigs)};
    }
    send(host, u, relayer, relayer_nonce_[r]++, std::move(body), s.open_gas_limit,
         {.op = Op::Opening, .funded = funded, .record = record, .intent = host.now()}, true);
}

void EconomyDriver::spend(core::ClientHost& host, std::uint32_t u, engine::Time intent) {
    const EconomySpec& s = economy_.spec();
    const SessionSpec& ss = s.session;
    const MisbehaviourSpec& m = s.misbehaviour;
    User& user = users_[u];
    engine::Stream rng = stream(u);
    const double pick = rng.uniform();
    Misbehaviour bad = Misbehaviour::None;
    if (pick < m.replay) {
        bad = Misbehaviour::Replay;
    } else if (pick < m.replay + m.over_limit) {
        bad = Misbehaviour::OverLimit;
    } else if (pick < m.replay + m.over_limit + m.stale) {
        bad = Misbehaviour::Stale;
    }
    const std::uint32_t merchant = rng.below(s.merchants);
    const double drawn = s.amounts.median * std::exp(s.amounts.sigma * rng.normal());
    save(u, rng);
    const bool hash_chain = ss.model == SessionModel::HashChain;
    if (bad == Misbehaviour::Stale && user.session < 2) bad = Misbehaviour::None;
    if (bad == Misbehaviour::Replay && user.next == (hash_chain ? 1 : 0)) bad = Misbehaviour::None;

    // Honest: within the per-spend limit and what is left of the budget, at least one micro-unit.
    const std::uint64_t cap = micro(ss.secret_amount);
    std::uint64_t amount = std::max<std::uint64_t>(1, micro(drawn));
    amount = std::min(amount, cap);
    if (hash_chain) amount = std::min(amount, micro(ss.session_amount) - user.spent_micro);
    if (bad == Misbehaviour::OverLimit) amount = cap + cap / 2 + 1;

    const bool stale = bad == Misbehaviour::Stale;
    const std::uint32_t session = stale ? user.session - 1 : user.session;
    const protocol::KeyHolder key =
        stale ? protocol::KeyHolder::derive(economy_.key_seed(u, session), s.signatures)
              : protocol::KeyHolder::from_seed(economy_.key_seed(u, session), user.key, s.signatures);
    std::uint32_t index = stale ? user.previous_next : user.next;
    if (bad == Misbehaviour::Replay) --index;
    const chain::Address holder = economy_.holder(u);
    const chain::Address to = economy_.merchant(merchant);
    const chain::uint256 value = from_micro(amount);
    protocol::AccountBody body;
    if (hash_chain) {
        const Hash preimage = chain_secret(economy_.chain_seed(u, session), ss.secrets, std::min(index, ss.secrets));
        body = protocol::SpendWithSecret{key.address(), to, value, preimage,
                                         key.sign(protocol::TokenHolder::spend_digest(holder, to, value, preimage))};
    } else {
        body = protocol::ExecuteWithKey{key.address(), to, value, index,
                                        key.sign(protocol::SessionKeys::execute_digest(holder, to, value, index))};
    }
    Pending p{.op = Op::Spend, .misbehaviour = bad, .amount_micro = amount, .intent = intent};
    if (s.record) {
        p.record = static_cast<std::uint32_t>(spend_records_.size());
        spend_records_.push_back({u, session, index, bad, amount, intent, host.now()});
    }
    const std::uint16_t nonce = stale ? user.previous_key_nonce : user.key_nonce;
    user.state = User::Spending;
    ++counts_.spends;
    send(host, u, key.address(), nonce, std::move(body), s.spend_gas_limit, p, true);
}

void EconomyDriver::revoke(core::ClientHost& host, std::uint32_t u) {
    const EconomySpec& s = economy_.spec();
    User& user = users_[u];
    const Hash args[] = {protocol::address_word(user.key)};
    protocol::AccountBody body;
    if (s.session.model == SessionModel::HashChain) {
        body = protocol::RevokeSession{user.key, approve(u, protocol::DeviceOp::RevokeSession, args, 0)};
    } else {
        body = protocol::RevokeKey{user.key, approve(u, protocol::DeviceOp::RevokeKey, args, 0)};
    }
    user.state = User::Revoking;
    user.revoke_planned = false;
    const std::uint32_t r = relayer_of(u);
    send(host, u, economy_.relayer(r), relayer_nonce_[r]++, std::move(body), s.open_gas_limit,
         {.op = Op::Revoke, .intent = host.now()}, true);
}

void EconomyDriver::end_session(std::uint32_t u, SessionRecord::End why, engine::Time now) {
    User& user = users_[u];
    user.state = User::NoSession;
    if (why == SessionRecord::Revoked) ++counts_.revocations;
    if (economy_.spec().record) {
        SessionRecord& r = session_records_[open_session_record_[u]];
        if (r.end == SessionRecord::Open) {
            r.end = why;
            r.ended = now;
        }
    }
}

void EconomyDriver::on_block(core::ClientHost& host, std::uint32_t, const core::Block& b, bool final) {
    if (!final) {
        head_height_ = b.meta.height;
        head_time_ = b.meta.timestamp;
    }
    for (std::size_t i = 0; i < b.txs.size(); ++i) {
        auto it = pending_.find(b.txs[i].call);
        if (b.txs[i].call == 0 || it == pending_.end()) continue;
        Pending& p = it->second;
        if (!p.seen) seen(host, p, b.receipts[i], b);
        if (final) {
            finished(p, b.receipts[i], b, host.now());
            pending_.erase(it);
        }
    }
}

void EconomyDriver::seen(core::ClientHost& host, Pending& p, const core::Receipt& r, const core::Block& b) {
    p.seen = true;
    p.included = host.now();
    const std::uint32_t u = p.user;
    User& user = users_[u];
    const EconomySpec& s = economy_.spec();
    const bool hash_chain = s.session.model == SessionModel::HashChain;
    if (!r.ok() && (p.op == Op::Opening || p.op == Op::Replace || p.op == Op::Revoke)) {
        // A device operation that reverted consumed no operation nonce: learn it again.
        const std::optional<chain::uint256> n = host.core(s.core).ledger().storage(
            b.meta.id, economy_.holder(u), protocol::slot(protocol::DeviceMultisig::kNonceSlot));
        if (n) user.device_nonce = static_cast<std::uint32_t>(*n);
        if (p.op == Op::Replace) --user.device_epoch;
    }
    switch (p.op) {
        case Op::Replace:
            if (r.ok()) ++counts_.device_replacements;
            return;
        case Op::Opening:
            if (r.ok()) {
                user.state = User::Active;
                ++counts_.sessions;
                if (s.record) session_records_[open_session_record_[u]].opened = host.now();
            } else {
                ++counts_.sessions_failed;
                end_session(u, SessionRecord::Failed, host.now());
            }
            break;
        case Op::Revoke: end_session(u, SessionRecord::Revoked, host.now()); break;
        case Op::Spend: {
            if (s.record) {  // as first seen; final() records it again from the final block
                SpendRecord& rec = spend_records_[p.record];
                rec.included = p.included;
                rec.height = b.meta.height;
                rec.gas_used = r.gas_used;
                rec.outcome = {r.account, r.reverted, false};
            }
            const bool stale = p.misbehaviour == Misbehaviour::Stale;
            ++(stale ? user.previous_key_nonce : user.key_nonce);
            if (!stale && user.state == User::Spending) {
                user.state = User::Active;
                if (r.ok()) {
                    ++user.next;
                    user.spent_micro += p.amount_micro;
                    if (s.record) {
                        SessionRecord& sr = session_records_[open_session_record_[u]];
                        ++sr.spends;
                        sr.spent_micro += p.amount_micro;
                    }
                } else if (r.account == AccountRejection::Exhausted) {
                    end_session(u, SessionRecord::Exhausted, host.now());
                } else if (r.account == AccountRejection::Expired || r.account == AccountRejection::ExpiredByTime) {
                    end_session(u, SessionRecord::Expired, host.now());
                } else if (r.account == AccountRejection::Revoked) {
                    end_session(u, SessionRecord::Revoked, host.now());
                }
                if (user.state == User::Active && !usable(user, host.now())) {
                    end_session(u, used_up(user, host.now()), host.now());
                }
                if (user.state == User::Active && user.revoke_planned && hash_chain &&
                    user.next > s.session.secrets / 2) {
                    return revoke(host, u);
                }
            } else if (stale) {
                user.state = user.state == User::Spending ? User::Active : user.state;
            }
            break;
        }
    }
    next_queued(host, u);
}

void EconomyDriver::finished(const Pending& p, const core::Receipt& r, const core::Block& b, engine::Time now) {
    if (p.op != Op::Spend) {
        const std::uint64_t gas = r.gas_used + (p.funded ? funding_gas_ : 0);
        counts_.open_gas += gas;
        if (opens_session(p)) {
            session_records_[p.record].open_gas += gas;
            --session_records_[p.record].awaited;
        }
        return;
    }
    counts_.spend_gas += r.gas_used;
    counts_.inclusion_s += engine::to_seconds(p.included - p.intent);
    counts_.finality_s += engine::to_seconds(now - p.intent);
    if (r.ok()) {
        ++counts_.accepted;
        counts_.moved_micro += p.amount_micro;
    } else {
        ++counts_.reverted;
        ++counts_.by_account[static_cast<std::size_t>(r.account)];
        if (r.account == AccountRejection::TokenRejected) ++counts_.by_token[static_cast<std::size_t>(r.reverted)];
    }
    if (economy_.spec().record) {
        SpendRecord& rec = spend_records_[p.record];
        rec.included = p.included;
        rec.final = now;
        rec.height = b.meta.height;
        rec.gas_used = r.gas_used;
        rec.outcome = {r.account, r.reverted, false};
    }
}

void EconomyDriver::timed_out(core::ClientHost& host, const Pending& p) {
    const std::uint32_t u = p.user;
    if (p.op == Op::Spend) {
        ++counts_.timed_out;
        if (economy_.spec().record) spend_records_[p.record].outcome.timed_out = true;
        if (p.misbehaviour == Misbehaviour::Stale) {
            if (users_[u].state == User::Spending) users_[u].state = User::Active;
            return next_queued(host, u);
        }
        end_session(u, SessionRecord::Dropped, host.now());
    } else {
        if (opens_session(p)) --session_records_[p.record].awaited;
        if (p.op == Op::Opening) ++counts_.sessions_failed;
        end_session(u, p.op == Op::Opening ? SessionRecord::Failed : SessionRecord::Dropped, host.now());
    }
    next_queued(host, u);
}

}  // namespace ostsim::workload
