#include "world/placement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ostsim::world {
namespace {

double weight_of(const Topology::Core& c) { return c.nodes + c.weight; }

// Whole cores, heaviest first (ties by index), each to the lightest partition so far (ties by
// index): Graham's longest-processing-time rule, within 4/3 of the best balance.
std::vector<std::uint32_t> deal_cores(const Topology& t, std::uint32_t partitions) {
    std::vector<std::uint32_t> order(t.cores.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return weight_of(t.cores[a]) > weight_of(t.cores[b]);
    });
    std::vector<double> load(partitions, 0.0);
    std::vector<std::uint32_t> part_of_core(t.cores.size());
    for (std::uint32_t c : order) {
        const auto lightest = static_cast<std::uint32_t>(
            std::min_element(load.begin(), load.end()) - load.begin());
        part_of_core[c] = lightest;
        load[lightest] += weight_of(t.cores[c]);
    }
    return part_of_core;
}

bool cores_can_be_whole(const Topology& t, std::uint32_t partitions) {
    if (partitions < 2 || t.cores.size() < partitions) return false;
    double total = 0, heaviest = 0;
    for (const auto& c : t.cores) {
        total += weight_of(c);
        heaviest = std::max(heaviest, weight_of(c));
    }
    return heaviest * partitions <= total;
}

// A region split may leave the heaviest partition this much above a fair share: it lengthens
// a window's critical path by as much at most, while the windows it saves are many (the
// lookahead grows from the least delay within a region to the least between groups of them).
constexpr double kRegionBalance = 1.1;
// Groupings tried at most (partitions ^ regions).
constexpr double kMaxGroupings = 1 << 16;

// How many regions core c has; 0 when it has none (or they do not describe its nodes).
std::size_t region_count(const Topology& t, std::size_t c) {
    if (c >= t.regions.size() || t.regions[c].of_node.size() != t.cores[c].nodes) return 0;
    const Topology::Regions& r = t.regions[c];
    std::size_t n = 0;
    while (n * n < r.least.size()) ++n;
    if (n * n != r.least.size()) return 0;
    const bool known =
        std::all_of(r.of_node.begin(), r.of_node.end(), [n](std::uint32_t g) { return g < n; });
    return known ? n : 0;
}

// The least delay between nodes of regions that `group` (by region) puts in different groups.
engine::Time least_between(const Topology::Regions& r, const std::vector<std::uint32_t>& count,
                           const std::vector<std::uint32_t>& group) {
    const std::size_t n = count.size();
    engine::Time least = engine::kNever;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            if (count[i] > 0 && count[j] > 0 && group[i] != group[j])
                least = std::min(least, r.least[i * n + j]);
        }
    }
    return least;
}

// The regions of core 0 in `partitions` groups (by region): of the groupings whose heaviest group
// is within kRegionBalance of a fair share, the one whose least delay between groups is longest
// (then the best balanced, then the first counted). Empty when none is longer than `within`,
// the bound that contiguous blocks give, or when there are too many groupings to try.
std::vector<std::uint32_t> group_regions(const Topology& t, std::uint32_t partitions,
                                         engine::Time within) {
    const Topology::Regions& r = t.regions[0];
    const std::size_t n = region_count(t, 0);
    if (n == 0 || std::pow(partitions, n) > kMaxGroupings) return {};
    std::vector<std::uint32_t> count(n, 0);
    for (std::uint32_t g : r.of_node) ++count[g];
    const double fair = static_cast<double>(r.of_node.size()) / partitions;
    std::vector<std::uint32_t> group(n, 0), best;
    engine::Time best_least = within;
    double best_heaviest = 0;
    for (;;) {
        std::vector<double> load(partitions, 0.0);
        for (std::size_t i = 0; i < n; ++i) load[group[i]] += count[i];
        const double heaviest = *std::max_element(load.begin(), load.end());
        if (heaviest <= kRegionBalance * fair) {
            const engine::Time least = least_between(r, count, group);
            const bool tie = least == best_least && !best.empty();
            if (least > best_least || (tie && heaviest < best_heaviest)) {
                best = group;
                best_least = least;
                best_heaviest = heaviest;
            }
        }
        std::size_t i = 0;  // the next grouping: count in base `partitions`
        while (i < n && ++group[i] == partitions) group[i++] = 0;
        if (i == n) return best;
    }
}

// Whether the placement puts core c's nodes in more than one partition.
bool spans(const Topology& t, const Placement& p, std::uint32_t c) {
    const auto* b = p.partition.data() + p.first_lp[c];
    return std::any_of(b, b + t.cores[c].nodes, [&](std::uint32_t q) { return q != *b; });
}

// The least delay of a message between nodes of core c that the placement separates.
engine::Time least_across(const Topology& t, const Placement& p, std::uint32_t c) {
    const std::size_t n = region_count(t, c);
    if (n == 0) return spans(t, p, c) ? t.cores[c].latency : engine::kNever;
    const auto* b = p.partition.data() + p.first_lp[c];
    const Topology::Regions& r = t.regions[c];
    // Each region's partition when all its nodes share one; kMixed when they do not.
    constexpr std::uint32_t kNone = ~std::uint32_t{0}, kMixed = kNone - 1;
    std::vector<std::uint32_t> whole(n, kNone);
    for (std::uint32_t v = 0; v < t.cores[c].nodes; ++v) {
        std::uint32_t& w = whole[r.of_node[v]];
        w = w == kNone || w == b[v] ? b[v] : kMixed;
    }
    engine::Time least = engine::kNever;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            if (whole[i] == kNone || whole[j] == kNone) continue;
            if (whole[i] == kMixed || whole[i] != whole[j])
                least = std::min(least, r.least[i * n + j]);
        }
    }
    return least;
}

}  // namespace

Placement place(const Topology& t, std::uint32_t partitions) {
    Placement p;
    std::vector<std::uint32_t> first_lp(t.cores.size());
    std::uint32_t nodes = 0;
    for (std::size_t c = 0; c < t.cores.size(); ++c) {
        first_lp[c] = nodes;
        nodes += t.cores[c].nodes;
    }
    const std::size_t lps = nodes + t.clients.size();
    p.partition.assign(lps, 0);
    p.cores_whole = cores_can_be_whole(t, partitions);
    const auto with_nodes = [&] {  // each client joins its first link's node
        for (std::size_t i = 0; i < t.clients.size(); ++i) {
            const auto& links = t.clients[i];
            if (links.empty()) continue;
            const core::ClientLink& l = links.front();
            if (l.core < t.cores.size() && l.node < t.cores[l.core].nodes)
                p.partition[nodes + i] = p.partition[first_lp[l.core] + l.node];
        }
    };
    if (p.cores_whole) {
        const std::vector<std::uint32_t> core_part = deal_cores(t, partitions);
        for (std::size_t c = 0; c < t.cores.size(); ++c)
            std::fill_n(p.partition.begin() + first_lp[c], t.cores[c].nodes, core_part[c]);
        with_nodes();
    } else if (partitions > 1) {
        const bool one_core = t.cores.size() == 1 && t.cores[0].weight == 0;
        const std::vector<std::uint32_t> group =
            one_core ? group_regions(t, partitions, t.cores[0].latency)
                     : std::vector<std::uint32_t>{};
        p.by_region = !group.empty();
        if (p.by_region) {
            for (std::uint32_t v = 0; v < nodes; ++v)
                p.partition[v] = group[t.regions[0].of_node[v]];
            with_nodes();
        } else {
            for (std::size_t i = 0; i < lps; ++i)
                p.partition[i] = static_cast<std::uint32_t>(i * partitions / lps);
        }
    }
    p.first_lp = std::move(first_lp);

    // The least delay of every kind of event whose ends the placement separates.
    const auto& first = p.first_lp;
    auto bound = [&](engine::Time latency) { p.lookahead = std::min(p.lookahead, latency); };
    for (std::uint32_t c = 0; c < t.cores.size(); ++c) bound(least_across(t, p, c));
    for (std::size_t i = 0; i < t.clients.size(); ++i) {
        for (const core::ClientLink& l : t.clients[i]) {
            if (l.core >= t.cores.size() || l.node >= t.cores[l.core].nodes) continue;  // the client rejects it
            if (p.partition[first[l.core] + l.node] != p.partition[nodes + i]) bound(l.latency);
        }
    }
    for (const Topology::Follow& f : t.follows) {
        if (t.cores[f.from].nodes == 0 || t.cores[f.to].nodes == 0) continue;
        if (spans(t, p, f.from) || spans(t, p, f.to) ||
            p.partition[first[f.from]] != p.partition[first[f.to]]) {
            bound(f.latency);
        }
    }
    return p;
}

}  // namespace ostsim::world
