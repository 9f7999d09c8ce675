#include "engine/phold_baseline.hpp"

#include <chrono>
#include <queue>
#include <vector>

namespace ostsim::engine {
namespace {

struct BareEvent {
    Time time;
    LpId lp;
};
static_assert(sizeof(BareEvent) == 16);

struct Later {
    bool operator()(const BareEvent& a, const BareEvent& b) const {
        return a.time > b.time || (a.time == b.time && a.lp > b.lp);
    }
};

}  // namespace

BaselineResult run_phold_baseline(const PholdParams& params) {
    const PholdModel m(params);
    std::vector<Stream> rng;
    rng.reserve(params.nlp);
    std::vector<BareEvent> init;
    init.reserve(std::size_t{params.nlp} * params.events);
    for (std::uint32_t i = 0; i < params.nlp; ++i) {
        rng.emplace_back(params.seed, i);
        for (std::uint32_t e = 0; e < params.events; ++e) init.push_back({m.increment(rng[i]), i});
    }
    std::priority_queue<BareEvent, std::vector<BareEvent>, Later> heap(Later{}, std::move(init));

    const auto t0 = std::chrono::steady_clock::now();
    std::uint64_t committed = 0;
    while (!heap.empty() && heap.top().time <= m.end) {
        const BareEvent ev = heap.top();
        heap.pop();
        Stream& r = rng[ev.lp];
        LpId dst = ev.lp;
        if (r.uniform32() <= m.remote) dst = r.below(m.nlp);
        heap.push({ev.time + m.increment(r), dst});
        ++committed;
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return {committed, wall};
}

}  // namespace ostsim::engine
