// PHOLD, exactly as ROSS's models/phold defines it, for benchmarking the engine.
// N LPs each start with E events to themselves at L + Exp(mean - L). Handling an event draws
// u ~ U(0,1): if u <= remote the destination is uniform over all N LPs (itself included), else
// itself; it schedules one event at now + L + Exp(mean - L). Events after `end` are not handled.
// About N * E * end / mean events are committed. Times are in seconds in the parameters and in
// nanoseconds (rounded) inside the engine.
#pragma once

#include <cstdint>

#include "engine/engine.hpp"
#include "engine/rng.hpp"

namespace ostsim::engine {

struct PholdParams {
    std::uint32_t nlp = 4096;   // N
    std::uint32_t events = 16;  // E, per LP
    double remote = 0.25;
    double mean = 1.0;       // mean total increment, seconds (ROSS's --mean)
    double lookahead = 0.1;  // L, seconds: the least increment
    double end = 200.0;      // seconds
    std::uint64_t seed = 1;
};

// The model's constants in engine units, shared read-only by all LPs.
struct PholdModel {
    std::uint32_t nlp;
    double remote;
    Time lookahead;
    double extra_mean_ns;  // mean of the exponential part, mean - L, in ns
    Time end;

    explicit PholdModel(const PholdParams& p);

    // L + Exp(mean - L), in ns.
    Time increment(Stream& rng) const {
        return lookahead + static_cast<Time>(rng.exponential(extra_mean_ns) + 0.5);
    }
};

struct PholdLp {
    using Payload = Empty;

    const PholdModel* model;
    Stream rng;

    void handle(Context<PholdLp>& ctx, const Event<Empty>&) {
        const PholdModel& m = *model;
        LpId dst = ctx.self();
        if (rng.uniform32() <= m.remote) dst = rng.below(m.nlp);
        ctx.send(dst, m.increment(rng));
    }
};

// Adds the N LPs (in contiguous blocks over partitions) and their initial events to `eng`;
// `model` must outlive the engine's runs.
void build_phold(Engine<PholdLp>& eng, const PholdModel& model, const PholdParams& params);

// One run, setup excluded from the wall time: returns the engine's statistics and digest.
struct PholdResult {
    Stats stats;
    std::uint64_t digest;
};
PholdResult run_phold(const PholdParams& params, const Config& config);

}  // namespace ostsim::engine
