#include "world/world.hpp"

#include <algorithm>
#include <stdexcept>

#include "consensus/bft.hpp"
#include "consensus/clique.hpp"
#include "consensus/ffg.hpp"

namespace ostsim::world {
namespace {

std::unique_ptr<consensus::Rule> make_rule(const CoreSpec& core, std::uint32_t node) {
    const std::uint32_t nodes = core.nodes;
    return std::visit(
        [&](const auto& s) -> std::unique_ptr<consensus::Rule> {
            using S = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<S, PowSpec>) {
                const std::uint32_t miners = s.miners == 0 ? nodes : std::min(s.miners, nodes);
                const bool mines = node < miners && node < miners - std::min(core.offline, miners);
                // The offline miners' power is lost: the others keep their 1/miners shares.
                const double share = mines ? 1.0 / miners : 0.0;
                return std::make_unique<consensus::Pow>(
                    consensus::PowParams{s.block_interval, share, s.confirmations});
            } else {
                const std::uint32_t n = s.validators == 0 ? nodes : std::min(s.validators, nodes);
                consensus::Behaviour behaviour{};
                if (node < n && node >= n - std::min(core.offline, n)) {
                    behaviour.kind = consensus::Behaviour::Offline;
                }
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

}  // namespace

engine::Config World::engine_config(const WorldSpec& spec) {
    engine::Config c;
    c.threads = spec.threads;
    c.partitions = spec.partitions;
    c.lookahead = spec.lookahead;
    if (c.lookahead == 0) {
        c.lookahead = engine::kNever;
        for (const CoreSpec& core : spec.cores) c.lookahead = std::min(c.lookahead, core.params.delay);
        if (spec.cores.empty()) c.lookahead = 1;
    }
    return c;
}

World::World(const WorldSpec& spec) : engine_(engine_config(spec)) {
    engine::LpId next = 0;
    for (std::size_t c = 0; c < spec.cores.size(); ++c) {
        const CoreSpec& cs = spec.cores[c];
        core::CoreParams params = cs.params;
        params.id = static_cast<std::uint32_t>(c);
        cores_.push_back(std::make_unique<core::Core>(params, cs.genesis, next, cs.nodes));
        for (std::uint32_t n = 0; n < cs.nodes; ++n) {
            engine_.add_lp(core::Node(*cores_.back(), n, make_rule(cs, n), spec.seed));
        }
        next += cs.nodes;
    }
    for (engine::LpId lp = 0; lp < next; ++lp) engine_.schedule(lp, 0);
}

}  // namespace ostsim::world
