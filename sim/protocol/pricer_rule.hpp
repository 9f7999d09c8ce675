// The pricer rule (PROTOCOL.md 3.1; OC contracts/rules/PricerRule.sol): a payment denominated in
// a fiat pay currency is converted to the economy's token at the oracle's price of the base
// currency (OST) in that pay currency, and refused unless the price the payer intended is within
// the rule's acceptance margin of the oracle's current price:
//
//   tokens = payAmount x conversionRate x 10^oracleDecimals / 10^conversionRateDecimals / price
//
// (two floor divisions, in this order, as convertPayCurrencyToToken does), and
// |intendedPrice - price| <= acceptanceMargin (isPriceInRange).
//
// The oracle is an account whose storage holds the price (slot 0) and the height from which it
// is stale (slot 1); a worker of the rule's organisation sets it. An expired or unset price is
// NoPrice, as the contracts' getPrice reverts when the price has expired.
//
// Limits: one pay currency per rule (the contracts keep a map of oracles and margins by currency
// code); the oracle's decimals are the rule's required decimals by construction.
#pragma once

#include <utility>

#include "protocol/account_rejection.hpp"
#include "protocol/exec.hpp"
#include "protocol/organization.hpp"

namespace ostsim::protocol {

struct PricerRule {
    Address oracle;
    uint256 conversion_rate = 1;              // token per base currency, scaled by 10^decimals
    std::uint8_t conversion_rate_decimals = 0;
    std::uint8_t oracle_decimals = 18;        // requiredPriceOracleDecimals
    uint256 acceptance_margin = 0;            // in oracle units
    Organization organization;

    static constexpr std::uint64_t kPriceSlot = 0;
    static constexpr std::uint64_t kExpirySlot = 1;

    // A worker publishes `price` (oracle units), valid while block number < valid_until.
    AccountRejection set_price(Exec& x, const Address& caller, const uint256& price,
                               std::uint64_t valid_until) const;
    // The token amount of `pay_amount`, or why there is none.
    std::pair<AccountRejection, uint256> convert(Exec& x, const uint256& pay_amount,
                                                 const uint256& intended_price) const;
    // The conversion alone (pure arithmetic, for tests and planners).
    uint256 tokens(const uint256& pay_amount, const uint256& price) const;
};

}  // namespace ostsim::protocol
