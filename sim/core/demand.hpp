// Transfer demand on a core: funded accounts send value to each other as a Poisson process,
// bidding a gas price by a policy, so that congestion shows up as fees and inclusion delay and
// throughput is bounded by the block gas limit (the seed paper's point that fees modulate demand).
//
// Accounts are dealt to nodes (account i is submitted through node i mod nodes), so each node
// draws its share of the arrivals from its own stream and keeps its accounts' nonces without
// asking any other node.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "chain/transaction.hpp"
#include "engine/rng.hpp"
#include "engine/time.hpp"

namespace ostsim::core {

enum class PricePolicy : std::uint8_t {
    Fixed,      // every sender bids `gas_price`
    LogNormal,  // median `gas_price`, log-standard deviation `price_sigma`
    Oracle,     // log-normal around geth's gas price oracle (a percentile of the cheapest
                // prices in recent blocks); senders whose valuation is below their bid leave
};

struct TransferDemand {
    std::uint32_t accounts = 0;       // funded senders (and recipients)
    chain::uint256 balance = 0;       // each account's genesis balance, wei
    double rate = 0;                  // transactions per second over the whole core
    chain::uint256 value = 0;         // wei per transfer
    PricePolicy policy = PricePolicy::Fixed;
    std::uint64_t gas_price = 1'000'000'000;  // wei per gas: 1 gwei
    double price_sigma = 0.5;
    // Oracle: geth's defaults (eth/gasprice: Blocks 20, Percentile 60); a sender whose
    // valuation (log-normal around `gas_price` x `valuation_spread`) is below the oracle's
    // price does not send: demand falls as fees rise.
    std::uint32_t oracle_blocks = 20;
    std::uint32_t oracle_percentile = 60;
    double valuation_spread = 4.0;
    std::uint32_t tx_bytes = 110;  // a signed transfer on the wire (RLP of a legacy transaction)

    bool active() const { return accounts > 0 && rate > 0; }
};

// The address of demand account `i`: keccak256("ostsim account" || core || i), last 20 bytes.
chain::Address demand_account(std::uint32_t core, std::uint32_t i);

// One node's share of the demand.
class DemandSource {
  public:
    // Bids are never below `floor`, the price every node's pool requires: a wallet that bid
    // less would strand its sender's later nonces.
    // `accounts` are the addresses of the demand's accounts, by index (the core keeps them).
    DemandSource(const TransferDemand& d, std::span<const chain::Address> accounts,
                 std::uint32_t node, std::uint32_t nodes, std::uint64_t floor);

    bool active() const { return rate_ > 0; }
    // Time to the next arrival at this node.
    engine::Time next_gap(engine::Stream& rng) const;
    // The next transfer, or nothing when its sender is priced out by `oracle_price` (0: no
    // oracle figure yet).
    std::optional<chain::Transaction> draw(engine::Stream& rng, engine::Time now,
                                           std::uint64_t oracle_price);

  private:
    const TransferDemand* d_;
    std::span<const chain::Address> accounts_;
    std::vector<std::uint32_t> mine_;   // account indices dealt to this node
    std::vector<std::uint64_t> nonce_;  // next nonce of each
    double rate_ = 0;                   // arrivals per ns at this node
    std::uint64_t floor_ = 0;
};

}  // namespace ostsim::core
