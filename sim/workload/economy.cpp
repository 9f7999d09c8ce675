#include "workload/economy.hpp"

#include <cmath>
#include <stdexcept>

#include "eth/keccak.hpp"

namespace ostsim::workload {

Hash derive(std::string_view what, std::initializer_list<std::uint64_t> ids) {
    eth::Bytes in{'o', 's', 't', 's', 'i', 'm', ' '};
    in.insert(in.end(), what.begin(), what.end());
    for (std::uint64_t v : ids) {
        for (int s = 56; s >= 0; s -= 8) in.push_back(static_cast<std::uint8_t>(v >> s));
    }
    return eth::keccak256(in);
}

Address derive_address(std::string_view what, std::initializer_list<std::uint64_t> ids) {
    const Hash h = derive(what, ids);
    Address a;
    std::copy(h.bytes.end() - 20, h.bytes.end(), a.bytes.begin());
    return a;
}

namespace {

// derive_address(what, {seed, index, i}) for i < count.
std::shared_ptr<const std::vector<Address>> derive_all(std::string_view what, std::uint64_t seed,
                                                       std::uint32_t index, std::uint32_t count) {
    auto out = std::make_shared<std::vector<Address>>();
    out->reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) out->push_back(derive_address(what, {seed, index, i}));
    return out;
}

}  // namespace

uint256 token_units(double units) {
    // Whole micro-units, then 10^12 wei each: exact for amounts up to 1.8e13 tokens.
    return from_micro(static_cast<std::uint64_t>(std::llround(units * 1e6)));
}

Economy::Economy(EconomySpec spec, std::uint32_t index, std::uint64_t seed)
    : spec_(std::move(spec)), index_(index), seed_(seed),
      token_(derive_address("economy token", {seed, index})),
      rules_(derive_address("token rules", {seed, index})),
      co_gateway_(derive_address("economy co-gateway", {seed, index})),
      worker_(derive_address("economy worker", {seed, index})),
      oracle_(derive_address("price oracle", {seed, index})),
      price_worker_(derive_address("price worker", {seed, index})) {
    if (spec_.users == 0 || spec_.merchants == 0 || spec_.relayers == 0 || spec_.devices == 0)
        throw std::invalid_argument("economy " + spec_.name + ": users, merchants, relayers and devices must be at least 1");
    if (spec_.fiat.share > 0 && (spec_.session.model != SessionModel::HashChain || spec_.fiat.price <= 0 ||
                                 spec_.fiat.conversion_rate <= 0 || spec_.fiat.valid_blocks == 0))
        throw std::invalid_argument("economy " + spec_.name + ": fiat spends need hash_chain sessions, a positive price and conversion rate, and valid_blocks >= 1");
    if (spec_.recovery.set_up() && spec_.recovery.delay < protocol::DelayedRecovery::kMinDelay)
        throw std::invalid_argument("economy " + spec_.name + ": the recovery delay must be at least 50 blocks");
    holders_ = derive_all("holder", seed, index, spec_.users);
    merchants_ = derive_all("merchant", seed, index, spec_.merchants);
    relayers_ = derive_all("relayer", seed, index, spec_.relayers);
}

protocol::KeyHolder Economy::device(std::uint32_t user, std::uint32_t d, std::uint32_t epoch) const {
    return protocol::KeyHolder::derive(derive("device", {seed_, index_, user, d, d == 0 ? epoch : 0}),
                                       spec_.signatures);
}

protocol::KeyHolder Economy::recovery_owner(std::uint32_t user, std::uint32_t epoch) const {
    // The first key is derived as before resets existed, so genesis states are unchanged.
    const Hash seed = epoch == 0 ? derive("recovery owner", {seed_, index_, user})
                                 : derive("recovery owner", {seed_, index_, user, epoch});
    return protocol::KeyHolder::derive(seed, spec_.signatures);
}

std::optional<protocol::PricerRule> Economy::pricer() const {
    if (spec_.fiat.share <= 0) return std::nullopt;
    protocol::PricerRule r;
    r.oracle = oracle_;
    // The conversion rate in millionths (conversionRateDecimals 6); the price in 18 decimals.
    r.conversion_rate = static_cast<std::uint64_t>(std::llround(spec_.fiat.conversion_rate * 1e6));
    r.conversion_rate_decimals = 6;
    r.oracle_decimals = 18;
    r.acceptance_margin = token_units(spec_.fiat.margin);
    r.organization.workers = {price_worker_};
    return r;
}

protocol::TokenHolderConfig Economy::holder_config() const {
    protocol::TokenHolderConfig c;
    c.mode = spec_.signatures;
    c.policy = spec_.session.policy;
    c.session_approvals = 1;
    c.pricer = pricer();
    return c;
}

void Economy::add_to(core::ProtocolGenesis& g) const {
    const protocol::UtilityBrandedToken token{{token_, protocol::TransferRule::InternalRecipient},
                                              co_gateway_, protocol::Organization{worker_, {}, {worker_}}};
    g.contracts.add(token);
    g.accounts.push_back({token_, rules_, holder_config()});
    auto before = g.deploy;
    g.deploy = [before, token, e = *this](protocol::Exec& x) {
        if (before) before(x);
        token.deploy(x);
        const uint256 balance = token_units(e.spec_.balance);
        std::vector<Address> devices(e.spec_.devices);
        for (std::uint32_t u = 0; u < e.spec_.users; ++u) {
            const Address h = e.holder(u);
            const Address actor[] = {h};
            if (token.register_internal_actors(x, e.worker_, actor) != protocol::Rejection::None ||
                token.increase_supply(x, e.co_gateway_, h, balance) != protocol::Rejection::None)
                throw std::logic_error("economy: genesis could not fund a holder");
            for (std::uint32_t d = 0; d < e.spec_.devices; ++d) devices[d] = e.device(u, d, 0).address();
            const protocol::TokenHolder holder(h, e.token_, e.rules_, e.holder_config());
            if (holder.devices().setup(x, devices, 1) != protocol::AccountRejection::None)
                throw std::logic_error("economy: genesis could not set up a holder's devices");
            if (e.spec_.recovery.set_up() &&
                holder.recovery().setup(x, e.recovery_owner(u).address(), e.relayer(e.relayer_of(u)),
                                        e.spec_.recovery.delay) != protocol::AccountRejection::None)
                throw std::logic_error("economy: genesis could not set up a holder's recovery");
        }
        if (const auto rule = e.pricer()) {
            const std::uint64_t valid_until = x.block().number + e.spec_.fiat.valid_blocks;
            if (rule->set_price(x, e.price_worker_, token_units(e.spec_.fiat.price), valid_until) !=
                protocol::AccountRejection::None)
                throw std::logic_error("economy: genesis could not publish the oracle's first price");
        }
        for (std::uint32_t m = 0; m < e.spec_.merchants; ++m) {
            const Address actor[] = {e.merchant(m)};
            if (token.register_internal_actors(x, e.worker_, actor) != protocol::Rejection::None)
                throw std::logic_error("economy: genesis could not register a merchant");
        }
    };
}

std::vector<core::Allocation> Economy::allocations() const {
    // Each relayer pays for the openings it sends and funds the session keys: 2^100 wei is
    // more than any run spends (about 10^30; a day of a million users needs under 10^24).
    std::vector<core::Allocation> a;
    for (std::uint32_t r = 0; r < spec_.relayers; ++r) a.push_back({relayer(r), uint256(1) << 100});
    if (spec_.fiat.share > 0) a.push_back({price_worker_, uint256(1) << 100});
    return a;
}

}  // namespace ostsim::workload
