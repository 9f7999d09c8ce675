#include "world/world.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <string>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "consensus/bft.hpp"
#include "consensus/clique.hpp"
#include "consensus/double_spend.hpp"
#include "consensus/selfish.hpp"
#include "consensus/ffg.hpp"

namespace ostsim::world {
namespace {

// Miners are the first `miners` nodes; the last `offline` of them lose their power, the others
// keep theirs (1/miners each, or with an attacker at node 0: its share, the rest split among
// the other miners).
std::unique_ptr<consensus::Rule> make_pow(const PowSpec& s, const CoreSpec& core,
                                          std::uint32_t node) {
    const std::uint32_t miners = s.miners == 0 ? core.nodes : std::min(s.miners, core.nodes);
    const bool mines = node < miners && node < miners - std::min(core.offline, miners);
    const AdversarySpec& a = s.adversary;
    if (a.kind == AdversarySpec::None) {
        return std::make_unique<consensus::Pow>(
            consensus::PowParams{s.block_interval, mines ? 1.0 / miners : 0.0, s.confirmations});
    }
    if (node == 0) {
        const consensus::PowParams own{s.block_interval, a.share, s.confirmations};
        if (a.kind == AdversarySpec::Selfish) return std::make_unique<consensus::SelfishMiner>(own);
        return std::make_unique<consensus::DoubleSpender>(consensus::DoubleSpendParams{
            own, a.confirmations, a.premine, a.give_up_behind, a.horizon});
    }
    const std::uint32_t honest = miners - 1;
    const double share = mines ? (1 - a.share) / honest : 0.0;
    // Eyal and Sirer's gamma: the first gamma x honest miners mine on the attacker's tip in a tie.
    std::vector<consensus::NodeIndex> prefer;
    const long preferring = std::lround(a.gamma * honest);
    if (a.kind == AdversarySpec::Selfish && static_cast<long>(node) <= preferring) {
        prefer.push_back(0);
    }
    return std::make_unique<consensus::Pow>(
        consensus::PowParams{s.block_interval, share, s.confirmations}, std::move(prefer));
}

// Of n validators, counted back from the last: offline ones, slow ones, equivocating ones.
consensus::Behaviour behaviour_of(const CoreSpec& core, std::uint32_t n, std::uint32_t node) {
    consensus::Behaviour b{};
    if (node >= n) return b;
    const std::uint32_t from_end = n - 1 - node;
    if (from_end < core.offline) {
        b.kind = consensus::Behaviour::Offline;
    } else if (from_end < core.offline + core.slow) {
        b.kind = consensus::Behaviour::Slow;
        b.delay = core.slow_delay;
    } else if (from_end < core.offline + core.slow + core.equivocating) {
        b.kind = consensus::Behaviour::Equivocating;
    }
    return b;
}

std::unique_ptr<consensus::Rule> make_rule(const CoreSpec& core, std::uint32_t node) {
    const std::uint32_t nodes = core.nodes;
    return std::visit(
        [&](const auto& s) -> std::unique_ptr<consensus::Rule> {
            using S = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<S, PowSpec>) {
                return make_pow(s, core, node);
            } else {
                const std::uint32_t n = s.validators == 0 ? nodes : std::min(s.validators, nodes);
                const consensus::Behaviour behaviour = behaviour_of(core, n, node);
                consensus::CliqueParams clique{n, s.block_time, 500 * engine::kMillisecond,
                                               s.confirmations, behaviour};
                switch (s.rule) {
                    case ValidatorSpec::Clique: return std::make_unique<consensus::Clique>(clique);
                    case ValidatorSpec::Bft: {
                        consensus::BftParams b;
                        b.powers.assign(n, 1);
                        b.timeout_commit = s.block_time;
                        b.behaviour = behaviour;
                        return std::make_unique<consensus::Bft>(b);
                    }
                    case ValidatorSpec::Ffg: {
                        consensus::FfgParams f;
                        f.stakes.assign(n, 1);
                        f.epoch_length = s.epoch_length;
                        f.behaviour = behaviour;
                        clique.confirmations = 0;
                        return std::make_unique<consensus::Ffg>(
                            f, std::make_unique<consensus::Clique>(clique));
                    }
                }
                throw std::logic_error("unknown validator rule");
            }
        },
        core.rule);
}

// Under finalised-only anchors the nodes of each core of a pair follow the other core's.
bool follows_finality(const actors::OverlaySpec& o) {
    return o.reporting.rule == protocol::AnchorRule::FinalizedOnly;
}

// Node k of the target follows node k mod n of the source: every validator of the target
// learns the source's finality from a node of its own, so its blocks carry what that node
// held final (a consensus contract's knowledge).
void follow_finality(const actors::OverlaySpec& o, std::vector<std::unique_ptr<core::Core>>& cores) {
    for (std::uint32_t aux : o.auxiliaries) {
        for (auto [source, target] : {std::pair{o.origin, aux}, std::pair{aux, o.origin}}) {
            core::Core& from = *cores[source];
            const core::Core& to = *cores[target];
            for (std::uint32_t k = 0; k < to.nodes(); ++k) {
                from.follow({k % from.nodes(), to.lp_of(k), o.reporting.finality_latency});
            }
        }
    }
}

}  // namespace

std::vector<std::unique_ptr<net::Network>> World::build_networks(const WorldSpec& spec) {
    std::vector<std::unique_ptr<net::Network>> out;
    for (std::size_t c = 0; c < spec.cores.size(); ++c) {
        const CoreSpec& cs = spec.cores[c];
        if (!cs.network) {
            out.emplace_back();
            continue;
        }
        const auto index = static_cast<std::uint32_t>(c);
        const net::Graph g = build_graph(*cs.network, cs.nodes, spec.seed, index);
        if (boost::num_vertices(g) != cs.nodes) {
            throw std::invalid_argument("core " + cs.params.name + " has " +
                                        std::to_string(cs.nodes) + " nodes, its network has " +
                                        std::to_string(boost::num_vertices(g)));
        }
        out.push_back(build_network(*cs.network, g, spec.seed, index));
    }
    return out;
}

std::optional<actors::Overlay> World::build_overlay(const WorldSpec& spec) {
    if (!spec.overlay) return std::nullopt;
    return actors::Overlay(*spec.overlay, static_cast<std::uint32_t>(spec.cores.size()));
}

// Every message between two nodes of a core takes at least its network's least latency (a
// relay message one latency draw, a vote one too; between two regions, that pair's least),
// one between a client and its node the link's latency, one to a follower the overlay's
// finality latency: the placement bounds its window by those whose ends it separates.
Topology World::topology(const WorldSpec& spec) const {
    Topology t;
    for (std::size_t k = 0; k < spec.cores.size(); ++k) {
        const engine::Time least = networks_[k] ? networks_[k]->links().min_latency()
                                                : spec.cores[k].params.delay;
        t.cores.push_back({spec.cores[k].nodes, least, 0.0});
        Topology::Regions& r = t.regions.emplace_back();
        if (!networks_[k]) continue;
        const net::Links& links = networks_[k]->links();
        for (net::NodeId v = 0; v < links.nodes(); ++v) r.of_node.push_back(links.region(v));
        for (std::uint32_t i = 0; i < links.regions(); ++i) {
            for (std::uint32_t j = 0; j < links.regions(); ++j)
                r.least.push_back(links.min_latency(i, j));
        }
    }
    if (overlay_) {
        for (const actors::Overlay::ClientPlan& plan : overlay_->clients()) t.clients.push_back(plan.links);
        if (follows_finality(overlay_->spec())) {
            const actors::OverlaySpec& o = overlay_->spec();
            for (std::uint32_t aux : o.auxiliaries) {
                t.follows.push_back({o.origin, aux, o.reporting.finality_latency});
                t.follows.push_back({aux, o.origin, o.reporting.finality_latency});
            }
        }
    }
    for (const workload::EconomySpec& e : spec.economies) {
        if (e.core >= spec.cores.size())
            throw std::invalid_argument("economy " + e.name + ": core " + std::to_string(e.core) + " does not exist");
        t.clients.push_back({{e.core, e.node, e.latency, true}});
        t.cores[e.core].weight += e.users;
    }
    return t;
}

engine::Config World::engine_config(const WorldSpec& spec) const {
    engine::Config c;
    c.threads = spec.threads;
    c.partitions = spec.partitions;
    c.lookahead = spec.lookahead != 0 ? spec.lookahead : placement_.lookahead;
    return c;
}

const workload::EconomyDriver& World::economy(std::size_t i) const {
    return static_cast<const workload::EconomyDriver&>(engine_.lp(economies_[i]).client().client());
}

World::World(const WorldSpec& spec)
    : networks_(build_networks(spec)),
      overlay_(build_overlay(spec)),
      placement_(place(topology(spec), static_cast<std::uint32_t>(
                                           std::max(1, spec.partitions > 0 ? spec.partitions : spec.threads)))),
      engine_(engine_config(spec)) {
    // Each core's genesis: its allocations, the overlay's contracts and accounts, then each
    // economy's token, account kind and accounts.
    std::vector<std::shared_ptr<core::ProtocolGenesis>> protocol(spec.cores.size());
    std::vector<std::vector<core::Allocation>> allocations(spec.cores.size());
    for (std::size_t c = 0; c < spec.cores.size(); ++c) {
        allocations[c] = spec.cores[c].genesis;
        if (spec.cores[c].params.protocol)
            protocol[c] = std::make_shared<core::ProtocolGenesis>(*spec.cores[c].params.protocol);
        if (overlay_ && overlay_->genesis()[c].protocol) {
            const actors::CoreGenesis& g = overlay_->genesis()[c];
            protocol[c] = std::make_shared<core::ProtocolGenesis>(*g.protocol);
            allocations[c].insert(allocations[c].end(), g.allocations.begin(), g.allocations.end());
        }
    }
    std::vector<workload::Economy> economies;
    std::vector<std::uint32_t> kinds;
    for (std::size_t i = 0; i < spec.economies.size(); ++i) {
        const workload::EconomySpec& e = spec.economies[i];
        auto& g = protocol[e.core];
        if (!g) g = std::make_shared<core::ProtocolGenesis>();
        const workload::Economy& economy = economies.emplace_back(e, static_cast<std::uint32_t>(i), spec.seed);
        kinds.push_back(static_cast<std::uint32_t>(g->accounts.size()));
        economy.add_to(*g);
        const auto a = economy.allocations();
        allocations[e.core].insert(allocations[e.core].end(), a.begin(), a.end());
    }

    // The cores' genesis states (most of a large world's set-up: each economy's accounts are
    // deployed into its core's state) share nothing, so they are built in parallel.
    const std::vector<engine::LpId>& first = placement_.first_lp;
    engine::LpId next = 0;
    for (const CoreSpec& cs : spec.cores) next += cs.nodes;
    cores_.resize(spec.cores.size());
    auto build_core = [&](std::size_t c) {
        const CoreSpec& cs = spec.cores[c];
        core::CoreParams params = cs.params;
        params.id = static_cast<std::uint32_t>(c);
        params.network = networks_[c].get();
        params.direct_relay = cs.network && cs.network->direct;
        params.protocol = protocol[c];
        cores_[c] = std::make_unique<core::Core>(params, allocations[c], first[c], cs.nodes);
    };
    if (spec.threads > 1 && spec.cores.size() > 1) {
        tbb::task_arena arena(spec.threads);
        arena.execute([&] { tbb::parallel_for(std::size_t{0}, spec.cores.size(), build_core); });
    } else {
        for (std::size_t c = 0; c < spec.cores.size(); ++c) build_core(c);
    }
    for (std::size_t c = 0; c < spec.cores.size(); ++c) {
        for (std::uint32_t n = 0; n < spec.cores[c].nodes; ++n) {
            engine_.add_lp(core::Node(*cores_[c], n, make_rule(spec.cores[c], n), spec.seed),
                           placement_.partition[first[c] + n]);
        }
    }
    if (overlay_ && follows_finality(overlay_->spec())) follow_finality(overlay_->spec(), cores_);
    std::vector<core::Core*> cores;
    for (auto& c : cores_) cores.push_back(c.get());
    if (overlay_) {
        for (actors::Overlay::ClientPlan& plan : overlay_->clients()) {
            engine_.add_lp(core::ClientLp(cores, std::move(plan.links), std::move(plan.client), next,
                                          spec.seed),
                           placement_.partition[next]);
            clients_.push_back(next++);
        }
    }
    for (std::size_t i = 0; i < economies.size(); ++i) {
        const workload::EconomySpec& e = spec.economies[i];
        auto driver = std::make_unique<workload::EconomyDriver>(std::move(economies[i]), kinds[i], spec.seed);
        engine_.add_lp(core::ClientLp(cores, {{e.core, e.node, e.latency, true}}, std::move(driver), next,
                                      spec.seed),
                       placement_.partition[next]);
        clients_.push_back(next);
        economies_.push_back(next++);
    }
    for (engine::LpId lp = 0; lp < next; ++lp) engine_.schedule(lp, 0);
}

}  // namespace ostsim::world
