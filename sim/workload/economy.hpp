// An economy's accounts and contracts on its core (PROTOCOL.md 3.1, 3.5, 4.3): its token (a
// UtilityBrandedToken whose supply is the economy's, minted at genesis), TokenRules, a
// TokenHolder per user owned by the user's devices (threshold 1), merchants and the app
// server's relayers. Every address and key is derived from the world's seed and the economy's
// index, so a user is an index; only the holders', merchants' and relayers' addresses are kept,
// derived once (below).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/ledger.hpp"
#include "workload/economy_spec.hpp"

namespace ostsim::workload {

using chain::Address;
using chain::Hash;
using chain::uint256;

// keccak256("ostsim " || what || each id as 8 big-endian bytes).
Hash derive(std::string_view what, std::initializer_list<std::uint64_t> ids);
Address derive_address(std::string_view what, std::initializer_list<std::uint64_t> ids);

// Token amounts: the scenario's token units (18 decimals), and the micro-units spends are drawn in.
// Prices and the pricer's margin use the same 18 decimals (the rule's oracle decimals).
uint256 token_units(double units);
inline uint256 from_micro(std::uint64_t micro) { return uint256(micro) * uint256(1'000'000'000'000ULL); }

class Economy {
  public:
    // `index` among the world's economies; `seed` the world's.
    Economy(EconomySpec spec, std::uint32_t index, std::uint64_t seed);

    const EconomySpec& spec() const { return spec_; }
    std::uint32_t index() const { return index_; }
    const Address& token() const { return token_; }
    const Address& token_rules() const { return rules_; }

    // derive_address("holder" | "merchant" | "relayer", {seed, index, i}), made once when the
    // economy is built: every spend names its holder and merchant (three keccak256 calls a spend
    // when derived each time), and the genesis reads them all anyway. 20 bytes a user.
    const Address& holder(std::uint32_t user) const { return (*holders_)[user]; }
    const Address& merchant(std::uint32_t m) const { return (*merchants_)[m]; }
    const Address& relayer(std::uint32_t r) const { return (*relayers_)[r]; }
    // The relayer that sends a user's openings; also its holder's recovery controller.
    std::uint32_t relayer_of(std::uint32_t user) const { return user % spec_.relayers; }
    // The key a user keeps apart from its devices to recover one (with recovery set up), after
    // `epoch` resets of it.
    protocol::KeyHolder recovery_owner(std::uint32_t user, std::uint32_t epoch = 0) const;
    // The pricer rule's oracle and the worker that publishes its price (with `fiat.share` > 0).
    const Address& oracle() const { return oracle_; }
    const Address& price_worker() const { return price_worker_; }
    // The rule the holders convert fiat spends with; none when the economy has no fiat spends.
    std::optional<protocol::PricerRule> pricer() const;
    // A user's device `d` after `epoch` replacements of device 0 (only device 0 is ever lost).
    protocol::KeyHolder device(std::uint32_t user, std::uint32_t d, std::uint32_t epoch) const;
    // Session `session` of a user: its key, and the seed of its hash chain.
    Hash key_seed(std::uint32_t user, std::uint32_t session) const { return derive("session key", {seed_, index_, user, session}); }
    Hash chain_seed(std::uint32_t user, std::uint32_t session) const { return derive("hash chain", {seed_, index_, user, session}); }

    protocol::TokenHolderConfig holder_config() const;
    // What the economy adds to its core's genesis: its contracts and account kind (for a
    // ProtocolGenesis), its constructor, and the relayers' coin for gas and session funding.
    void add_to(core::ProtocolGenesis& g) const;
    std::vector<core::Allocation> allocations() const;

  private:
    EconomySpec spec_;
    std::uint32_t index_;
    std::uint64_t seed_;
    Address token_, rules_, co_gateway_, worker_, oracle_, price_worker_;
    // Shared by the economy's copies (the driver's, the genesis constructor's); never changed.
    std::shared_ptr<const std::vector<Address>> holders_, merchants_, relayers_;
};

}  // namespace ostsim::workload
