#include "world/placement.hpp"

#include <algorithm>
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
    if (p.cores_whole) {
        const std::vector<std::uint32_t> core_part = deal_cores(t, partitions);
        for (std::size_t c = 0; c < t.cores.size(); ++c)
            std::fill_n(p.partition.begin() + first_lp[c], t.cores[c].nodes, core_part[c]);
        for (std::size_t i = 0; i < t.clients.size(); ++i) {
            const auto& links = t.clients[i];
            if (!links.empty() && links.front().core < t.cores.size())
                p.partition[nodes + i] = core_part[links.front().core];
        }
    } else if (partitions > 1) {
        for (std::size_t i = 0; i < lps; ++i)
            p.partition[i] = static_cast<std::uint32_t>(i * partitions / lps);
    }

    // The least delay of every kind of event whose ends the placement separates.
    auto spans = [&](std::uint32_t c) {
        const auto* b = p.partition.data() + first_lp[c];
        return std::any_of(b, b + t.cores[c].nodes, [&](std::uint32_t q) { return q != *b; });
    };
    auto bound = [&](engine::Time latency) { p.lookahead = std::min(p.lookahead, latency); };
    for (std::uint32_t c = 0; c < t.cores.size(); ++c) {
        if (spans(c)) bound(t.cores[c].latency);
    }
    for (std::size_t i = 0; i < t.clients.size(); ++i) {
        for (const core::ClientLink& l : t.clients[i]) {
            if (l.core >= t.cores.size() || l.node >= t.cores[l.core].nodes) continue;  // the client rejects it
            if (p.partition[first_lp[l.core] + l.node] != p.partition[nodes + i]) bound(l.latency);
        }
    }
    for (const Topology::Follow& f : t.follows) {
        if (t.cores[f.from].nodes == 0 || t.cores[f.to].nodes == 0) continue;
        if (spans(f.from) || spans(f.to) ||
            p.partition[first_lp[f.from]] != p.partition[first_lp[f.to]]) {
            bound(f.latency);
        }
    }
    p.first_lp = std::move(first_lp);
    return p;
}

}  // namespace ostsim::world
