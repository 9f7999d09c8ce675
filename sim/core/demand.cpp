#include "core/demand.hpp"

#include <algorithm>
#include <cmath>

#include "chain/state_transition.hpp"
#include "eth/keccak.hpp"

namespace ostsim::core {

chain::Address demand_account(std::uint32_t core, std::uint32_t i) {
    eth::Bytes seed{'o', 's', 't', 's', 'i', 'm', ' ', 'a', 'c', 'c', 'o', 'u', 'n', 't'};
    for (int s = 24; s >= 0; s -= 8) seed.push_back(static_cast<std::uint8_t>(core >> s));
    for (int s = 24; s >= 0; s -= 8) seed.push_back(static_cast<std::uint8_t>(i >> s));
    const chain::Hash h = eth::keccak256(seed);
    chain::Address a;
    std::copy(h.bytes.end() - 20, h.bytes.end(), a.bytes.begin());
    return a;
}

DemandSource::DemandSource(const TransferDemand& d, std::span<const chain::Address> accounts,
                           std::uint32_t node, std::uint32_t nodes, std::uint64_t floor)
    : d_(&d), accounts_(accounts), floor_(floor) {
    for (std::uint32_t i = node; i < d.accounts; i += nodes) mine_.push_back(i);
    nonce_.assign(mine_.size(), 0);
    if (d.active() && !mine_.empty()) {
        rate_ = d.rate * static_cast<double>(mine_.size()) / d.accounts /
                static_cast<double>(engine::kSecond);
    }
}

engine::Time DemandSource::next_gap(engine::Stream& rng) const {
    return std::max<engine::Time>(1, static_cast<engine::Time>(rng.exponential(1.0 / rate_)));
}

std::optional<chain::Transaction> DemandSource::draw(engine::Stream& rng, engine::Time now,
                                                     std::uint64_t oracle_price) {
    const std::uint32_t k = rng.below(static_cast<std::uint32_t>(mine_.size()));
    const std::uint32_t to = rng.below(d_->accounts);
    const auto base = static_cast<double>(d_->gas_price);
    double price = base;
    switch (d_->policy) {
        case PricePolicy::Fixed: break;
        case PricePolicy::LogNormal: price = base * std::exp(d_->price_sigma * rng.normal()); break;
        case PricePolicy::Oracle: {
            const double valuation = base * d_->valuation_spread * std::exp(d_->price_sigma * rng.normal());
            const double reference = oracle_price > 0 ? static_cast<double>(oracle_price) : base;
            price = reference * std::exp(d_->price_sigma * rng.normal());
            if (price > valuation) return std::nullopt;
            break;
        }
    }
    chain::Transaction tx;
    tx.sender = accounts_[mine_[k]];
    tx.to = accounts_[to];
    tx.value = d_->value;
    tx.nonce = nonce_[k]++;
    tx.gas_price = std::max<std::uint64_t>({1, floor_, static_cast<std::uint64_t>(std::llround(price))});
    tx.gas_limit = chain::kTransferGas;
    tx.size_bytes = d_->tx_bytes;
    tx.submitted_ns = now;
    return tx;
}

}  // namespace ostsim::core
