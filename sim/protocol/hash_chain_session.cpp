#include "protocol/hash_chain_session.hpp"

#include <limits>

#include "eth/keccak.hpp"

namespace ostsim::protocol {

namespace {
const uint256 kLow64 = std::numeric_limits<std::uint64_t>::max();
}  // namespace

SessionStatus HashChainSessions::status(Exec& x, const Address& key) const {
    return static_cast<SessionStatus>(static_cast<std::uint8_t>(x.load(holder_, at(base(key), kStatus))));
}

uint256 HashChainSessions::spent(Exec& x, const Address& key) const {
    return x.load(holder_, at(base(key), kSpent));
}

AccountRejection HashChainSessions::open(Exec& x, const Address& key, const Hash& anchor,
                                         const SessionLimits& l) const {
    if (key.is_zero()) return AccountRejection::ZeroAddress;
    const Hash b = base(key);
    if (x.load(holder_, at(b, kStatus)) != 0) return AccountRejection::SessionKeyUsed;
    const bool never_expires = l.expiration_height == 0 && l.expiration_time == 0;
    const bool expired = (l.expiration_height != 0 && l.expiration_height <= x.block().number) ||
                         (l.expiration_time != 0 && l.expiration_time <= x.block().timestamp_s);
    if (l.secrets == 0 || never_expires || expired || l.session_amount == 0 ||
        l.secret_amount == 0 || (l.spends_per_window != 0 && l.window_blocks == 0))
        return AccountRejection::BadLimits;
    auto put = [&](Field f, const uint256& v) { x.store(holder_, at(b, f), v); };
    put(kStatus, static_cast<std::uint8_t>(SessionStatus::Active));
    put(kAnchor, eth::from_word(anchor));
    put(kSecretsLeft, l.secrets);
    put(kSessionAmount, l.session_amount);
    put(kSecretAmount, l.secret_amount);
    put(kExpiration, uint256(l.expiration_height) | (uint256(l.expiration_time) << 64));
    put(kSecretLifetime, l.secret_lifetime);
    put(kLastHeight, x.block().number);
    put(kSpendsPerWindow, l.spends_per_window);
    put(kWindowBlocks, l.window_blocks);
    x.emit({"SessionOpened", anchor, key, l.session_amount});
    return AccountRejection::None;
}

AccountRejection HashChainSessions::revoke(Exec& x, const Address& key) const {
    const Hash b = base(key);
    const auto s = static_cast<SessionStatus>(static_cast<std::uint8_t>(x.load(holder_, at(b, kStatus))));
    if (s == SessionStatus::None) return AccountRejection::NoSession;
    if (s == SessionStatus::Revoked) return AccountRejection::Revoked;
    x.store(holder_, at(b, kStatus), static_cast<std::uint8_t>(SessionStatus::Revoked));
    x.emit({"SessionRevoked", {}, key, 0});
    return AccountRejection::None;
}

std::uint64_t HashChainSessions::chain_steps(Exec& x, const Hash& preimage, const Hash& anchor) const {
    Hash h = preimage;
    for (std::uint64_t step = 1; step <= 1 + std::uint64_t{policy_.max_skip}; ++step) {
        x.charge_keccak(32);
        h = eth::keccak256(h);
        if (h == anchor) return step;
    }
    return 0;
}

AccountRejection HashChainSessions::spend(Exec& x, const Address& key, const Hash& preimage,
                                          const uint256& amount, uint256& cap) const {
    const Hash b = base(key);
    auto get = [&](Field f) { return x.load(holder_, at(b, f)); };
    auto put = [&](Field f, const uint256& v) { x.store(holder_, at(b, f), v); };
    switch (static_cast<SessionStatus>(static_cast<std::uint8_t>(get(kStatus)))) {
        case SessionStatus::None: return AccountRejection::NoSession;
        case SessionStatus::Revoked: return AccountRejection::Revoked;
        case SessionStatus::Ended: return AccountRejection::Exhausted;
        case SessionStatus::Active: break;
    }
    const std::uint64_t now = x.block().number;
    const uint256 expiration = get(kExpiration);
    const auto expiry_height = static_cast<std::uint64_t>(expiration & kLow64);
    const auto expiry_time = static_cast<std::uint64_t>(expiration >> 64);
    if (expiry_height != 0 && now >= expiry_height) return AccountRejection::Expired;
    if (expiry_time != 0 && x.block().timestamp_s >= expiry_time) return AccountRejection::ExpiredByTime;
    const uint256 lifetime = get(kSecretLifetime);
    if (lifetime != 0 && now >= get(kLastHeight) + lifetime) return AccountRejection::Expired;
    const Hash anchor = eth::to_word(get(kAnchor));
    if (preimage == anchor) return AccountRejection::ReplayedSecret;
    const std::uint64_t steps = chain_steps(x, preimage, anchor);
    if (steps == 0) return AccountRejection::WrongPreimage;
    const uint256 left = get(kSecretsLeft);
    if (left < steps) return AccountRejection::Exhausted;  // skipped past the last secret
    cap = get(kSecretAmount);
    if (amount > cap) return AccountRejection::OverSecretLimit;
    const uint256 spent_after = get(kSpent) + amount;
    const uint256 budget = get(kSessionAmount);
    if (spent_after > budget) return AccountRejection::OverSessionLimit;
    const uint256 m = get(kSpendsPerWindow);
    if (m != 0) {
        const uint256 window = now / get(kWindowBlocks);
        const uint256 count = get(kWindowIndex) == window ? get(kWindowCount) : 0;
        if (count >= m) return AccountRejection::TooFrequent;
        put(kWindowIndex, window);
        put(kWindowCount, count + 1);
    }
    put(kAnchor, eth::from_word(preimage));
    put(kSecretsLeft, left - steps);
    put(kSpent, spent_after);
    put(kLastHeight, now);
    if (left == steps || (policy_.end_when_budget_spent && spent_after == budget)) {
        put(kStatus, static_cast<std::uint8_t>(SessionStatus::Ended));
        x.emit({"SessionEnded", preimage, key, spent_after});
    }
    return AccountRejection::None;
}

}  // namespace ostsim::protocol
