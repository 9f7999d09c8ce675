#include "protocol/session_key.hpp"

namespace ostsim::protocol {

namespace {
constexpr std::uint64_t kFirstWindow = 2;  // TokenHolder.setup: sessionWindow = 2
constexpr std::uint64_t kRevoked = 1;
}  // namespace

uint256 SessionKeys::window(Exec& x) const {
    const uint256 w = x.load(holder_, slot(kWindowSlot));
    return w == 0 ? uint256(kFirstWindow) : w;
}

AccountRejection SessionKeys::authorize(Exec& x, const Address& key, const uint256& spending_limit,
                                        std::uint64_t expiration_height) const {
    if (key.is_zero()) return AccountRejection::ZeroAddress;
    if (x.load(holder_, at(key, kSession)) != 0) return AccountRejection::SessionKeyUsed;
    if (expiration_height <= x.block().number) return AccountRejection::BadLimits;
    x.store(holder_, at(key, kLimit), spending_limit);
    x.store(holder_, at(key, kExpiration), expiration_height);
    x.store(holder_, at(key, kSession), window(x));
    x.emit({"SessionAuthorized", {}, key, spending_limit});
    return AccountRejection::None;
}

AccountRejection SessionKeys::revoke(Exec& x, const Address& key) const {
    if (x.load(holder_, at(key, kSession)) <= kRevoked) return AccountRejection::NoSession;
    x.store(holder_, at(key, kSession), kRevoked);
    x.emit({"SessionRevoked", {}, key, 0});
    return AccountRejection::None;
}

void SessionKeys::logout(Exec& x) const {
    x.store(holder_, slot(kWindowSlot), window(x) + 1);
    x.emit({"SessionsLoggedOut", {}, holder_, 0});
}

AccountRejection SessionKeys::execute(Exec& x, const Address& key, const uint256& nonce,
                                      uint256& limit) const {
    const uint256 session = x.load(holder_, at(key, kSession));
    if (session == 0) return AccountRejection::NoSession;
    if (session != window(x)) return AccountRejection::Revoked;  // revoked or logged out
    if (x.block().number >= x.load(holder_, at(key, kExpiration))) return AccountRejection::Expired;
    const uint256 expected = x.load(holder_, at(key, kNonce));
    if (nonce != expected) return AccountRejection::WrongNonce;
    x.store(holder_, at(key, kNonce), expected + 1);
    limit = x.load(holder_, at(key, kLimit));
    return AccountRejection::None;
}

Hash SessionKeys::execute_digest(const Address& holder, const Address& recipient,
                                 const uint256& amount, const uint256& nonce) {
    return keccak_words({address_word(holder), address_word(recipient), eth::to_word(amount),
                         eth::to_word(nonce)});
}

}  // namespace ostsim::protocol
