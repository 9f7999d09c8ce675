#include "protocol/branded_token.hpp"

#include "eth/keccak.hpp"
#include "protocol/contracts.hpp"

namespace ostsim::protocol {

namespace {

uint256 pow10(std::uint8_t n) {
    uint256 p = 1;
    for (std::uint8_t i = 0; i < n; ++i) p *= 10;
    return p;
}

}  // namespace

uint256 BrandedToken::convert_to_branded(const uint256& ost) const {
    return ost * conversion_rate / pow10(conversion_rate_decimals);
}

uint256 BrandedToken::convert_to_value(const uint256& bt) const {
    return bt * pow10(conversion_rate_decimals) / conversion_rate;
}

Hash BrandedToken::stake_request_hash(const Address& staker, const uint256& stake,
                                      const uint256& nonce) {
    static const Hash type =
        eth::keccak256(eth::as_bytes("StakeRequest(address staker,uint256 stake,uint256 nonce)"));
    Bytes in;
    for (const Hash& w : {type, address_word(staker), eth::to_word(stake), eth::to_word(nonce)})
        in.insert(in.end(), w.bytes.begin(), w.bytes.end());
    return eth::keccak256(in);
}

Rejection BrandedToken::request_stake(Exec& x, const Address& staker, const uint256& stake,
                                      const uint256& mint) const {
    if (stake == 0) return Rejection::ZeroAmount;
    if (mint != convert_to_branded(stake)) return Rejection::ConversionMismatch;
    const Address& self = token.address;
    if (x.load(self, mapping_slot(staker, kRequestHashSlot)) != 0) return Rejection::RequestPending;
    const uint256 nonce = x.load(self, slot(kNonceSlot));
    const Hash request = stake_request_hash(staker, stake, nonce);
    x.charge_keccak(128);
    const Hash base = mapping_slot(request, kRequestsSlot);
    x.store(self, mapping_slot(staker, kRequestHashSlot), eth::from_word(request));
    x.store(self, field(base, 0), to_uint(staker));
    x.store(self, field(base, 1), stake);
    x.store(self, field(base, 2), nonce);
    x.store(self, slot(kNonceSlot), nonce + 1);
    x.emit({"StakeRequested", request, staker, stake}, 1, 128);
    x.charge(x.schedule().call);
    return x.contracts().erc20(value_token)->transfer_from(x, self, staker, self, stake);
}

Rejection BrandedToken::accept_stake_request(Exec& x, const Address& worker, const Hash& request) const {
    if (!organization.is_worker(worker)) return Rejection::NotWorker;
    const Address& self = token.address;
    const Hash base = mapping_slot(request, kRequestsSlot);
    const uint256 stake = x.load(self, field(base, 1));
    if (stake == 0) return Rejection::NoSuchRequest;
    const Address staker = to_address(x.load(self, field(base, 0)));
    for (std::uint64_t j = 0; j < 3; ++j) x.store(self, field(base, j), 0);
    x.store(self, mapping_slot(staker, kRequestHashSlot), 0);
    const uint256 minted = convert_to_branded(stake);
    token.mint(x, staker, minted);
    x.emit({"StakeRequestAccepted", request, staker, minted}, 1, 64);
    return Rejection::None;
}

Rejection BrandedToken::refund(Exec& x, const Hash& request, std::string_view event) const {
    const Address& self = token.address;
    const Hash base = mapping_slot(request, kRequestsSlot);
    const Address staker = to_address(x.load(self, field(base, 0)));
    const uint256 stake = x.load(self, field(base, 1));
    for (std::uint64_t j = 0; j < 3; ++j) x.store(self, field(base, j), 0);
    x.store(self, mapping_slot(staker, kRequestHashSlot), 0);
    x.emit({event, request, staker, stake}, 1, 64);
    x.charge(x.schedule().call);
    return x.contracts().erc20(value_token)->transfer(x, self, staker, stake);
}

Rejection BrandedToken::revoke_stake_request(Exec& x, const Address& staker, const Hash& request) const {
    const Hash base = mapping_slot(request, kRequestsSlot);
    if (x.load(token.address, field(base, 1)) == 0) return Rejection::NoSuchRequest;
    if (to_address(x.load(token.address, field(base, 0))) != staker) return Rejection::NotMessageSender;
    return refund(x, request, "StakeRequestRevoked");
}

Rejection BrandedToken::reject_stake_request(Exec& x, const Address& worker, const Hash& request) const {
    if (!organization.is_worker(worker)) return Rejection::NotWorker;
    if (x.load(token.address, field(mapping_slot(request, kRequestsSlot), 1)) == 0)
        return Rejection::NoSuchRequest;
    return refund(x, request, "StakeRequestRejected");
}

Rejection BrandedToken::redeem(Exec& x, const Address& caller, const uint256& bt) const {
    if (bt == 0) return Rejection::ZeroAmount;
    if (auto r = token.burn(x, caller, bt); r != Rejection::None) return r;
    x.emit({"Redeemed", {}, caller, bt}, 1, 64);
    x.charge(x.schedule().call);
    return x.contracts().erc20(value_token)->transfer(x, token.address, caller, convert_to_value(bt));
}

Rejection BrandedToken::lift_restriction(Exec& x, const Address& worker,
                                         std::span<const Address> who) const {
    if (!organization.is_worker(worker)) return Rejection::NotWorker;
    for (const Address& a : who) token.set_flag(x, a);
    return Rejection::None;
}

}  // namespace ostsim::protocol
