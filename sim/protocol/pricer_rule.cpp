#include "protocol/pricer_rule.hpp"

namespace ostsim::protocol {

namespace {
uint256 pow10(std::uint8_t n) {
    uint256 v = 1;
    for (std::uint8_t i = 0; i < n; ++i) v *= 10;
    return v;
}
}  // namespace

AccountRejection PricerRule::set_price(Exec& x, const Address& caller, const uint256& price,
                                       std::uint64_t valid_until) const {
    if (!organization.is_worker(caller)) return AccountRejection::NotWorker;
    if (price == 0 || valid_until <= x.block().number) return AccountRejection::BadLimits;
    x.store(oracle, slot(kPriceSlot), price);
    x.store(oracle, slot(kExpirySlot), valid_until);
    x.emit({"PriceUpdated", {}, caller, price});
    return AccountRejection::None;
}

uint256 PricerRule::tokens(const uint256& pay_amount, const uint256& price) const {
    return pay_amount * conversion_rate * pow10(oracle_decimals) / pow10(conversion_rate_decimals) / price;
}

std::pair<AccountRejection, uint256> PricerRule::convert(Exec& x, const uint256& pay_amount,
                                                         const uint256& intended_price) const {
    x.charge(x.schedule().call);  // priceOracle.getPrice()
    const uint256 price = x.load(oracle, slot(kPriceSlot));
    if (price == 0 || x.block().number >= x.load(oracle, slot(kExpirySlot)))
        return {AccountRejection::NoPrice, 0};
    const uint256 diff = price > intended_price ? price - intended_price : intended_price - price;
    if (diff > acceptance_margin) return {AccountRejection::PriceOutsideMargin, 0};
    return {AccountRejection::None, tokens(pay_amount, price)};
}

}  // namespace ostsim::protocol
