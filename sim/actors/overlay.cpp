#include "actors/overlay.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "actors/facilitator.hpp"
#include "actors/reporter.hpp"
#include "eth/keccak.hpp"
#include "protocol/contracts.hpp"

namespace ostsim::actors {
namespace {

const uint256 kGasMoney = actor_coins();
// OST each staker starts with: a thousand of the largest stakes, and their bounties.
constexpr std::uint64_t kStakesFunded = 1000;

protocol::Organization organization(const Pair& p) { return {p.owner, p.admin, {}}; }

protocol::Gateway gateway(const OverlaySpec& s, const Pair& p) {
    protocol::Gateway g;
    g.address = p.gateway;
    g.anchor = p.origin_anchor;
    g.organization = organization(p);
    g.burner = p.origin_burner;
    g.max_storage_root_items = s.storage_root_ring;
    g.value_token = p.ost;
    g.base_token = p.ost;
    g.stake_vault = p.vault;
    return g;
}

protocol::CoGateway co_gateway(const OverlaySpec& s, const Pair& p) {
    protocol::CoGateway g;
    g.address = p.co_gateway;
    g.anchor = p.aux_anchor;
    g.organization = organization(p);
    g.burner = p.aux_burner;
    g.max_storage_root_items = s.storage_root_ring;
    g.utility_token = p.ost_prime;
    return g;
}

// The Anchor at `at`: the origin's holds the auxiliary's roots, the auxiliary's the origin's.
protocol::Anchor anchor(const OverlaySpec& s, const Pair& p, const Address& at) {
    const bool on_origin = at == p.origin_anchor;
    return {at, organization(p), on_origin ? p.origin_consensus : p.aux_consensus, s.anchor_ring,
            s.reporting.rule, on_origin ? p.aux : p.origin};
}

// The root an Anchor's constructor seeds at height 0: neither core's genesis root is known when
// the other's contracts are deployed, so a tag stands in (reporters anchor from height 1).
chain::Hash seed_root() { return eth::keccak256(eth::as_bytes("ostsim anchor seed")); }

void fund(std::vector<core::Allocation>& to, const Address& a, const uint256& amount) {
    to.push_back({a, amount});
}

}  // namespace

uint256 actor_coins() { return uint256(1'000'000) * uint256(1'000'000'000'000'000'000ULL); }

Address role_address(std::string_view what, std::uint32_t core, std::uint32_t index) {
    eth::Bytes seed{'o', 's', 't', 's', 'i', 'm', ' '};
    seed.insert(seed.end(), what.begin(), what.end());
    for (std::uint32_t v : {core, index}) {
        for (int s = 24; s >= 0; s -= 8) seed.push_back(static_cast<std::uint8_t>(v >> s));
    }
    const chain::Hash h = eth::keccak256(seed);
    Address a;
    std::copy(h.bytes.end() - 20, h.bytes.end(), a.bytes.begin());
    return a;
}

Overlay::Overlay(OverlaySpec spec, std::uint32_t cores) : spec_(std::move(spec)), genesis_(cores) {
    std::set<std::uint32_t> seen{spec_.origin};
    if (spec_.origin >= cores) throw std::invalid_argument("overlay: the origin core does not exist");
    for (std::uint32_t a : spec_.auxiliaries) {
        if (a >= cores) throw std::invalid_argument("overlay: auxiliary core " + std::to_string(a) + " does not exist");
        if (!seen.insert(a).second) throw std::invalid_argument("overlay: core " + std::to_string(a) + " is named twice");
    }
    if (spec_.reporting.reporters < 1 || spec_.reporting.reporters > 2) {
        throw std::invalid_argument("overlay: 1 or 2 reporters per direction (an Anchor admits its organisation's owner and admin)");
    }
    if (spec_.reporting.rule == protocol::AnchorRule::FinalizedOnly && spec_.reporting.reporters != 1) {
        throw std::invalid_argument("overlay: 1 reporter per direction under finalised-only anchors (the consensus key)");
    }
    const std::uint32_t o = spec_.origin;
    const Address ost = role_address("OST", o);
    // Funded only when they anchor: genesis allocations are part of every run's state roots.
    const bool finalized_only = spec_.reporting.rule == protocol::AnchorRule::FinalizedOnly;
    for (std::uint32_t a : spec_.auxiliaries) {
        Pair p;
        p.origin = o;
        p.aux = a;
        p.ost = ost;
        p.gateway = role_address("gateway", a);
        p.vault = role_address("stake vault", a);
        p.origin_burner = role_address("burner", o, a);
        p.origin_anchor = role_address("anchor", o, a);
        p.co_gateway = role_address("co-gateway", a);
        p.ost_prime = role_address("OST Prime", a);
        p.aux_burner = role_address("burner", a);
        p.aux_anchor = role_address("anchor", a, o);
        p.origin_consensus = role_address("consensus", o, a);
        p.aux_consensus = role_address("consensus", a, o);
        p.owner = role_address("owner", a);
        p.admin = role_address("admin", a);
        p.facilitator = role_address("facilitator", a);
        for (std::uint32_t i = 0; i < spec_.transfers.stakers; ++i) {
            p.stakers.push_back(role_address("staker", a, i));
            p.beneficiaries.push_back(role_address("beneficiary", a, i));
        }
        pairs_.push_back(std::move(p));
    }

    // The origin: OST, and per pair its Gateway (activated) and the Anchor of the pair's roots.
    auto origin = std::make_shared<core::ProtocolGenesis>();
    origin->gas = spec_.gas;
    origin->contracts.add(protocol::Erc20{ost, protocol::TransferRule::Open});
    const uint256 staker_ost = uint256(spec_.transfers.amount_max + 3 * spec_.bounty) * kStakesFunded;
    for (const Pair& p : pairs_) {
        origin->contracts.add(anchor(spec_, p, p.origin_anchor));
        origin->contracts.add(gateway(spec_, p));
        for (const Address& a : {p.owner, p.admin, p.facilitator}) fund(genesis_[o].allocations, a, kGasMoney);
        if (finalized_only) fund(genesis_[o].allocations, p.origin_consensus, kGasMoney);
        for (const Address& a : p.stakers) fund(genesis_[o].allocations, a, kGasMoney);
    }
    origin->deploy = [pairs = pairs_, s = spec_, staker_ost](protocol::Exec& x) {
        const protocol::Erc20& ost_token = *x.contracts().erc20(pairs.front().ost);
        for (const Pair& p : pairs) {
            anchor(s, p, p.origin_anchor).deploy(x, 0, seed_root());
            const protocol::Gateway g = gateway(s, p);
            g.deploy(x, s.bounty);
            if (g.activate(x, p.owner, p.co_gateway) != protocol::Rejection::None) {
                throw std::logic_error("overlay: the gateway did not activate");
            }
            for (const Address& staker : p.stakers) {
                ost_token.mint(x, staker, staker_ost);
                ost_token.approve(x, staker, p.gateway, staker_ost);
            }
        }
    };
    if (!pairs_.empty()) genesis_[o].protocol = std::move(origin);

    // Each auxiliary: its Anchor of the origin's roots, CoGateway and OST Prime, initialised
    // with TOKENS_MAX from the organisation (PROTOCOL.md 4.4).
    for (const Pair& p : pairs_) {
        auto aux = std::make_shared<core::ProtocolGenesis>();
        aux->gas = spec_.gas;
        const protocol::OstPrime prime{{p.ost_prime, protocol::TransferRule::Open}, p.co_gateway};
        aux->contracts.add(anchor(spec_, p, p.aux_anchor));
        aux->contracts.add(co_gateway(spec_, p));
        aux->contracts.add(prime);
        auto& alloc = genesis_[p.aux].allocations;
        fund(alloc, p.owner, prime.tokens_max + kGasMoney);
        for (const Address& a : {p.admin, p.facilitator}) fund(alloc, a, kGasMoney);
        if (finalized_only) fund(alloc, p.aux_consensus, kGasMoney);
        for (const Address& a : p.beneficiaries) fund(alloc, a, kGasMoney);
        aux->deploy = [p, s = spec_, prime](protocol::Exec& x) {
            anchor(s, p, p.aux_anchor).deploy(x, 0, seed_root());
            co_gateway(s, p).deploy(x, s.bounty, p.gateway);
            if (!x.send(p.owner, p.ost_prime, prime.tokens_max) ||
                prime.initialize(x, prime.tokens_max) != protocol::Rejection::None) {
                throw std::logic_error("overlay: OST Prime did not initialise");
            }
        };
        genesis_[p.aux].protocol = std::move(aux);
    }
}

std::vector<Overlay::ClientPlan> Overlay::clients() const {
    std::vector<ClientPlan> out;
    const ReportingSpec& r = spec_.reporting;
    std::uint32_t reporter = 0;
    for (const Pair& p : pairs_) {
        for (int direction = 0; direction < 2; ++direction) {
            const std::uint32_t source = direction == 0 ? p.origin : p.aux;
            const std::uint32_t target = direction == 0 ? p.aux : p.origin;
            for (std::uint32_t k = 0; k < r.reporters; ++k, ++reporter) {
                if (k < r.offline.size() && r.offline[k]) continue;
                ReporterParams rp;
                rp.id = reporter;
                rp.source = source;
                rp.target = target;
                rp.anchor = direction == 0 ? p.aux_anchor : p.origin_anchor;
                if (r.rule == protocol::AnchorRule::FinalizedOnly) {
                    rp.key = direction == 0 ? p.aux_consensus : p.origin_consensus;
                } else {
                    rp.key = k == 0 ? p.owner : p.admin;
                }
                rp.every = r.every;
                rp.final_only = r.final_only;
                rp.pending_work = r.pending_work;
                rp.source_gateway = direction == 0 ? p.gateway : p.co_gateway;
                rp.target_gateway = direction == 0 ? p.co_gateway : p.gateway;
                rp.delay = k < r.extra_delay.size() ? r.extra_delay[k] : 0;
                rp.gas_price = spec_.gas_price;
                out.push_back({std::make_unique<Reporter>(rp),
                               {{source, spec_.node, spec_.latency, !r.final_only},
                                {target, spec_.node, spec_.latency, false}}});
            }
        }
    }
    for (std::uint32_t i = 0; i < pairs_.size(); ++i) {
        const Pair& p = pairs_[i];
        out.push_back({std::make_unique<Facilitator>(spec_, p, i),
                       {{p.origin, spec_.node, spec_.latency, false},
                        {p.aux, spec_.node, spec_.latency, false}}});
    }
    return out;
}

}  // namespace ostsim::actors
