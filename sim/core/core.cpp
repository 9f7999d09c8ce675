#include "core/core.hpp"

#include <stdexcept>
#include <string>

#include "eth/trie.hpp"

namespace ostsim::core {

namespace {

std::vector<chain::Address> demand_addresses(const CoreParams& p) {
    std::vector<chain::Address> out;
    out.reserve(p.demand.accounts);
    for (std::uint32_t i = 0; i < p.demand.accounts; ++i) out.push_back(demand_account(p.id, i));
    return out;
}

std::vector<Allocation> funded(std::span<const chain::Address> demand, const chain::uint256& balance,
                               std::span<const Allocation> extra) {
    std::vector<Allocation> all(extra.begin(), extra.end());
    for (const chain::Address& a : demand) all.push_back({a, balance});
    return all;
}

}  // namespace

Core::Core(CoreParams params, std::span<const Allocation> genesis, engine::LpId first_lp,
           std::uint32_t nodes)
    : params_(std::move(params)),
      demand_accounts_(demand_addresses(params_)),
      ledger_(funded(demand_accounts_, params_.demand.balance, genesis), 1024, params_.protocol),
      first_lp_(first_lp),
      nodes_(nodes) {
    genesis_.meta.id = genesis_.meta.parent = chain::kGenesis;
    genesis_.header.state_root = ledger_.genesis_root();
    genesis_.header.transactions_root = eth::empty_trie_root();
    genesis_.header.gas_limit = params_.gas_limit;
    genesis_.hash = genesis_.header.hash();
    genesis_.size_bytes = static_cast<std::uint32_t>(genesis_.header.rlp().size());
    publish(genesis_);
}

namespace {

template <typename Map>
const auto& resolve(const Map& map, std::uint64_t key, const char* what) {
    auto it = map.find(key);
    if (it == map.end() || it->second == nullptr) {
        throw std::logic_error(std::string("core: a message names an unknown ") + what);
    }
    return *it->second;
}

}  // namespace

const Block& Core::block(std::uint64_t key) const { return resolve(blocks_, key, "block"); }
const chain::Transaction& Core::tx(std::uint64_t id) const { return resolve(txs_, id, "transaction"); }

}  // namespace ostsim::core
