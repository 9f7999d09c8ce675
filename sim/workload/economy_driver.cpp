#include "workload/economy_driver.hpp"

#include <algorithm>
#include <cmath>

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

std::uint64_t micro(double units) { return static_cast<std::uint64_t>(std::llround(units * 1e6)); }

// Token wei in micro-units, rounded up (what a fiat spend takes from the session's budget).
std::uint64_t micro_up(const chain::uint256& wei) {
    const chain::uint256 unit = from_micro(1);
    return static_cast<std::uint64_t>((wei + unit - 1) / unit);
}

// The price worker's stream: an entity above the users' (2^62 | economy << 32 | user).
constexpr std::uint64_t kOracleEntity = std::uint64_t{3} << 61;

}  // namespace

EconomyDriver::EconomyDriver(Economy economy, std::uint32_t kind, std::uint64_t seed)
    : economy_(std::move(economy)), kind_(kind), seed_(seed), users_(economy_.spec().users),
      relayer_nonce_(economy_.spec().relayers, 0), pricer_(economy_.pricer()) {
    if (economy_.spec().record) open_session_record_.assign(users_.size(), 0);
    if (pricer_) {
        saw_price(token_units(economy_.spec().fiat.price), 0);
        walk_price_ = economy_.spec().fiat.price;
    }
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
    if (pricer_ && economy_.spec().fiat.update_every > 0)
        host.set_timer(economy_.spec().fiat.update_every, tag(0, Timer::PriceUpdate));
}

void EconomyDriver::publish_price(core::ClientHost& host) {
    const EconomySpec& s = economy_.spec();
    engine::Stream rng(seed_, kOracleEntity | std::uint64_t{economy_.index()} << 32, oracle_draws_);
    walk_price_ *= std::exp(s.fiat.volatility * rng.normal());
    oracle_draws_ = rng.blocks_drawn();
    chain::uint256 price = token_units(walk_price_);
    if (price == 0) price = 1;  // the oracle refuses a zero price
    send(host, 0, economy_.price_worker(), worker_nonce_++,
         protocol::SetPrice{price, head_height_ + s.fiat.valid_blocks}, s.open_gas_limit,
         {.op = Op::SetPrice, .value = price}, false);
    host.set_timer(s.fiat.update_every, tag(0, Timer::PriceUpdate));
}

void EconomyDriver::saw_price(const chain::uint256& price, engine::Time now) {
    last_price_ = price;
    if (economy_.spec().fiat.quote_lag > 0) seen_prices_.emplace_back(now, price);
}

const chain::uint256& EconomyDriver::quote(engine::Time now) {
    const engine::Time lag = economy_.spec().fiat.quote_lag;
    if (lag == 0) return last_price_;
    // Quotes are asked in time order, so a price followed by one seen by `now - lag` is never
    // quoted again; the genesis price (seen at 0) is the quote until then.
    while (seen_prices_.size() >= 2 && seen_prices_[1].first <= now - lag) seen_prices_.pop_front();
    return seen_prices_.front().second;
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
    if (kind == Timer::PriceUpdate) return publish_price(host);
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

std::uint32_t EconomyDriver::approver(const User& user) const {
    return user.recovering && economy_.spec().devices >= 2 ? 1 : 0;
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

void EconomyDriver::relay(core::ClientHost& host, std::uint32_t u, protocol::AccountBody body, Pending p,
                          bool timeout) {
    const std::uint32_t r = relayer_of(u);
    send(host, u, economy_.relayer(r), relayer_nonce_[r]++, std::move(body), economy_.spec().open_gas_limit, p,
         timeout);
}

EconomyDriver::DeviceSwap EconomyDriver::device0_swap(std::uint32_t u) const {
    const std::uint32_t epoch = users_[u].device_epoch;
    return {economy_.device(u, 0, epoch).address(), economy_.device(u, 0, epoch + 1u).address()};
}

void EconomyDriver::send_opening(core::ClientHost& host, std::uint32_t u) {
    const EconomySpec& s = economy_.spec();
    const SessionSpec& ss = s.session;
    const RecoverySpec& rs = s.recovery;
    User& user = users_[u];
    engine::Stream rng = stream(u);
    const bool lost_device = rng.uniform() < ss.lose_device;
    user.revoke_planned = rng.uniform() < ss.revoke;
    const bool funded = !(rng.uniform() < s.misbehaviour.unfunded);
    // One recovery at a time: a device lost while one is under way is the same loss.
    bool recover = false;
    if (lost_device && rs.share > 0 && !user.recovering) {
        recover = rng.uniform() < rs.share;
        user.abort_planned = rng.uniform() < rs.abort;
        user.early_planned = rng.uniform() < rs.early;
    }
    const bool reset = rs.reset > 0 && rng.uniform() < rs.reset;  // drawn only when resets are on
    const bool lost = lost_device && !recover && !user.recovering && s.devices >= 2;
    save(u, rng);
    const std::uint32_t record = s.record ? open_session_record_[u] : 0;

    // Sent first by the same relayer, so a recovery initiated now lands after it, as it is signed
    // by the new owner.
    if (reset) reset_owner(host, u);
    if (recover) {
        initiate_recovery(host, u);
        if (approver(user) == 0) {  // no device left: the opening waits for the recovery
            user.opening_waits = true;
            user.opening_funded = funded;
            return;
        }
    }
    if (lost) {  // device 1 replaces the lost device 0 before approving the session
        const auto [old_device, new_device] = device0_swap(u);
        const Hash args[] = {protocol::address_word(old_device), protocol::address_word(new_device)};
        protocol::Signatures sigs = approve(u, protocol::DeviceOp::ReplaceDevice, args, 1);
        ++user.device_epoch;
        relay(host, u, protocol::ReplaceDevice{old_device, new_device, std::move(sigs)},
              {.op = Op::Replace, .record = record}, false);
    }
    open_session(host, u, funded);
}

void EconomyDriver::open_session(core::ClientHost& host, std::uint32_t u, bool funded) {
    const EconomySpec& s = economy_.spec();
    const SessionSpec& ss = s.session;
    User& user = users_[u];
    const std::uint32_t r = relayer_of(u);
    const chain::Address relayer = economy_.relayer(r);
    const std::uint32_t record = s.record ? open_session_record_[u] : 0;
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
        const Hash anchor = chains_.secret(economy_.chain_seed(u, user.session), ss.secrets, 0);
        const Hash args[] = {protocol::address_word(key.address()), anchor, protocol::TokenHolder::limits_word(l)};
        protocol::Signatures sigs = approve(u, protocol::DeviceOp::OpenSession, args, approver(user));
        body = protocol::OpenSession{key.address(), anchor, l, std::move(sigs)};
    } else {
        // Expiry by height: the lifetime in blocks at the interval seen so far (3 s before any).
        const double interval = head_height_ > 0 ? engine::to_seconds(head_time_) / static_cast<double>(head_height_) : 3.0;
        const std::uint64_t blocks = ss.lifetime == 0 ? (std::uint64_t{1} << 40)
                                                       : std::max<std::uint64_t>(1, static_cast<std::uint64_t>(engine::to_seconds(ss.lifetime) / interval));
        const std::uint64_t expiration = head_height_ + blocks;
        const chain::uint256 limit = token_units(ss.secret_amount);
        const Hash args[] = {protocol::address_word(key.address()), eth::to_word(limit), protocol::slot(expiration)};
        protocol::Signatures sigs = approve(u, protocol::DeviceOp::AuthorizeKey, args, approver(user));
        body = protocol::AuthorizeKey{key.address(), limit, expiration, std::move(sigs)};
    }
    relay(host, u, std::move(body), {.op = Op::Opening, .funded = funded, .record = record, .intent = host.now()},
          true);
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
    const bool fiat = pricer_ && rng.uniform() < s.fiat.share;  // drawn only when the economy has them
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
    chain::uint256 pay = 0, quoted = 0;
    if (fiat) {
        // The pay amount whose token value at the lowest price the margin admits is `value`:
        // an honest fiat spend never asks for more than the limits leave, whatever the price.
        const chain::uint256& margin = pricer_->acceptance_margin;
        quoted = quote(host.now());
        const chain::uint256 lowest = quoted > margin ? quoted - margin : quoted;
        pay = value * lowest * 1'000'000 / (pricer_->conversion_rate * from_micro(1'000'000));
        const Hash preimage = chains_.secret(economy_.chain_seed(u, session), ss.secrets, std::min(index, ss.secrets));
        body = protocol::SpendFiatWithSecret{
            key.address(), to, pay, quoted, preimage,
            key.sign(protocol::TokenHolder::fiat_spend_digest(holder, to, pay, quoted, preimage))};
        ++counts_.fiat_spends;
    } else if (hash_chain) {
        const Hash preimage = chains_.secret(economy_.chain_seed(u, session), ss.secrets, std::min(index, ss.secrets));
        body = protocol::SpendWithSecret{key.address(), to, value, preimage,
                                         key.sign(protocol::TokenHolder::spend_digest(holder, to, value, preimage))};
    } else {
        body = protocol::ExecuteWithKey{key.address(), to, value, index,
                                        key.sign(protocol::SessionKeys::execute_digest(holder, to, value, index))};
    }
    Pending p{.op = Op::Spend, .fiat = fiat, .misbehaviour = bad, .amount_micro = amount, .intent = intent, .value = pay};
    if (s.record) {
        p.record = static_cast<std::uint32_t>(spend_records_.size());
        spend_records_.push_back({u, session, index, bad, amount, intent, host.now()});
        spend_records_.back().fiat = fiat;
        spend_records_.back().quoted = quoted;
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
        body = protocol::RevokeSession{user.key, approve(u, protocol::DeviceOp::RevokeSession, args, approver(user))};
    } else {
        body = protocol::RevokeKey{user.key, approve(u, protocol::DeviceOp::RevokeKey, args, approver(user))};
    }
    user.state = User::Revoking;
    user.revoke_planned = false;
    relay(host, u, std::move(body), {.op = Op::Revoke, .intent = host.now()}, true);
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
    // Before any of the block's transactions is forgotten: the prices its fiat spends met.
    std::vector<chain::uint256> prices;
    if (pricer_) {
        for (std::size_t i = 0; i < b.txs.size() && prices.empty(); ++i) {
            auto it = b.txs[i].call == 0 ? pending_.end() : pending_.find(b.txs[i].call);
            if (it != pending_.end() && it->second.fiat) prices = prices_in(host, b);
        }
    }
    for (std::size_t i = 0; i < b.txs.size(); ++i) {
        auto it = pending_.find(b.txs[i].call);
        if (b.txs[i].call == 0 || it == pending_.end()) continue;
        Pending& p = it->second;
        chain::uint256 moved = 0;
        if (p.op == Op::Spend && b.receipts[i].ok())
            moved = p.fiat ? fiat_tokens(p, prices[i]) : from_micro(p.amount_micro);
        if (p.fiat && economy_.spec().record && (!p.seen || final)) spend_records_[p.record].oracle = prices[i];
        if (!p.seen) seen(host, p, b.receipts[i], b, moved);
        if (final) {
            finished(p, b.receipts[i], b, host.now(), moved);
            pending_.erase(it);
        }
    }
    // Recoveries whose delay has passed at this head: their executions go out now.
    while (!final && !recoveries_due_.empty() && recoveries_due_.begin()->first <= head_height_) {
        const std::uint32_t u = recoveries_due_.begin()->second;
        recoveries_due_.erase(recoveries_due_.begin());
        if (users_[u].recovering) execute_recovery(host, u, false);
    }
}

std::vector<chain::uint256> EconomyDriver::prices_in(core::ClientHost& host, const core::Block& b) const {
    auto& ledger = host.core(economy_.spec().core).ledger();
    const Hash price_slot = protocol::slot(protocol::PricerRule::kPriceSlot);
    // The parent's state, then this block's own accepted price updates (only the worker's set it).
    chain::uint256 price = ledger.storage(b.meta.parent, economy_.oracle(), price_slot)
                               .value_or(last_price_);
    std::vector<chain::uint256> before(b.txs.size());
    for (std::size_t i = 0; i < b.txs.size(); ++i) {
        before[i] = price;
        auto it = b.txs[i].call == 0 ? pending_.end() : pending_.find(b.txs[i].call);
        if (it != pending_.end() && it->second.op == Op::SetPrice && b.receipts[i].ok()) price = it->second.value;
    }
    return before;
}

chain::uint256 EconomyDriver::fiat_tokens(const Pending& p, const chain::uint256& price) const {
    return price == 0 ? chain::uint256(0) : pricer_->tokens(p.value, price);
}

void EconomyDriver::seen(core::ClientHost& host, Pending& p, const core::Receipt& r, const core::Block& b,
                         const chain::uint256& moved) {
    p.seen = true;
    if (p.op == Op::SetPrice) {
        if (r.ok()) {
            saw_price(p.value, host.now());
            ++counts_.price_updates;
        }
        return;
    }
    if (p.op == Op::Initiate || p.op == Op::Execute || p.op == Op::Abort) return seen_recovery(host, p, r, b);
    if (p.op == Op::Reset) return seen_reset(p, r, b);
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
        case Op::SetPrice:
        case Op::Initiate:
        case Op::Execute:
        case Op::Abort:
        case Op::Reset: return;  // handled above
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
                rec.moved = moved;
            }
            const std::uint64_t spent = p.fiat ? micro_up(moved) : p.amount_micro;
            const bool stale = p.misbehaviour == Misbehaviour::Stale;
            ++(stale ? user.previous_key_nonce : user.key_nonce);
            if (!stale && user.state == User::Spending) {
                user.state = User::Active;
                if (r.ok()) {
                    ++user.next;
                    user.spent_micro += spent;
                    if (s.record) {
                        SessionRecord& sr = session_records_[open_session_record_[u]];
                        ++sr.spends;
                        sr.spent_micro += spent;
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

void EconomyDriver::finished(const Pending& p, const core::Receipt& r, const core::Block& b, engine::Time now,
                             const chain::uint256& moved) {
    if (p.op == Op::SetPrice) {
        counts_.oracle_gas += r.gas_used;
        return;
    }
    if (p.op == Op::Reset && economy_.spec().record) {  // as the final block says
        OwnerResetRecord& rec = owner_reset_records_[p.record];
        rec.height = b.meta.height;
        rec.outcome = r.account;
        rec.final = true;
    }
    if (p.op != Op::Spend) {
        const std::uint64_t gas = r.gas_used + (p.funded ? funding_gas_ : 0);
        counts_.open_gas += gas;
        // An opening's own gas, and that of the replacement or recovery sent just before it.
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
        counts_.moved_micro += p.fiat ? static_cast<std::uint64_t>(moved / from_micro(1)) : p.amount_micro;
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
        rec.moved = moved;
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
