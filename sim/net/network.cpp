#include "net/network.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "net/relay_msg.hpp"
#include "net/sampling.hpp"

namespace ostsim::net {

namespace {

// Which nodes have a property held by a share `rate` of them.
std::vector<std::uint32_t> draw_flags(double rate, const char* what, std::uint32_t n,
                                      engine::Stream& rng) {
    if (!(rate >= 0 && rate <= 1)) {
        throw std::invalid_argument(std::string("relay: compact.") + what + " must lie in [0, 1], got " +
                                    std::to_string(rate));
    }
    const double cdf[2] = {1 - rate, 1};
    return draw_categories(cdf, n, Assignment::stratified, rng);
}

}  // namespace

Network::Network(Adjacency adjacency, Links links, RelayParams relay, engine::Stream& roles_rng)
    : adjacency_(std::move(adjacency)), links_(std::move(links)), relay_(relay),
      role_(adjacency_.nodes(), 0) {
    if (links_.nodes() != adjacency_.nodes()) {
        throw std::invalid_argument("relay: the links know " + std::to_string(links_.nodes()) +
                                    " nodes, the topology has " +
                                    std::to_string(adjacency_.nodes()));
    }
    for (NodeId v = 0; v < nodes(); ++v) {
        if (links_.region(v) != adjacency_.region[v]) {
            throw std::invalid_argument("relay: node " + std::to_string(v) + " is in region " +
                                        std::to_string(adjacency_.region[v]) +
                                        " in the topology but " +
                                        std::to_string(links_.region(v)) + " in the links");
        }
    }
    back_.resize(adjacency_.neighbours.size(), RelayMsg::kUntracked);
    for (NodeId v = 0; v < nodes(); ++v) {
        const auto mine = adjacency_.of(v);
        for (std::size_t i = 0; i < mine.size(); ++i) {
            const auto theirs = adjacency_.of(mine[i]);
            const auto at = std::lower_bound(theirs.begin(), theirs.end(), v);
            if (at == theirs.end() || *at != v) continue;
            back_[adjacency_.offsets[v] + i] = static_cast<std::uint8_t>(
                std::min<std::ptrdiff_t>(at - theirs.begin(), RelayMsg::kUntracked));
        }
    }
    if (relay_.processing < 0) throw std::invalid_argument("relay: processing must be >= 0");
    const auto& c = relay_.compact;
    for (double f : {c.failure_control, c.failure_churn}) {
        if (!(f >= 0 && f <= 1)) {
            throw std::invalid_argument("relay: compact failure rates must lie in [0, 1], got " +
                                        std::to_string(f));
        }
    }
    if (!c.enabled) return;
    const auto compact = draw_flags(c.usage_rate, "usage_rate", nodes(), roles_rng);
    const auto churn = draw_flags(c.churn_rate, "churn_rate", nodes(), roles_rng);
    for (NodeId v = 0; v < nodes(); ++v) {
        role_[v] = static_cast<std::uint8_t>((compact[v] ? kCompact : 0) | (churn[v] ? kChurn : 0));
    }
}

}  // namespace ostsim::net
