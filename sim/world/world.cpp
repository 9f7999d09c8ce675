#include "world/world.hpp"

#include <algorithm>
#include <stdexcept>

namespace ostsim::world {
namespace {

std::unique_ptr<consensus::Rule> make_rule(const RuleSpec& spec, std::uint32_t node,
                                           std::uint32_t nodes) {
    return std::visit(
        [&](const auto& s) -> std::unique_ptr<consensus::Rule> {
            using S = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<S, PowSpec>) {
                const std::uint32_t miners = s.miners == 0 ? nodes : std::min(s.miners, nodes);
                const double share = node < miners ? 1.0 / miners : 0.0;
                return std::make_unique<consensus::Pow>(
                    consensus::PowParams{s.block_interval, share, s.confirmations});
            }
        },
        spec);
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
            engine_.add_lp(core::Node(*cores_.back(), n, make_rule(cs.rule, n, cs.nodes), spec.seed));
        }
        next += cs.nodes;
    }
    for (engine::LpId lp = 0; lp < next; ++lp) engine_.schedule(lp, 0);
}

}  // namespace ostsim::world
