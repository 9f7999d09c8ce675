// Small models for the engine tests.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/digest.hpp"
#include "engine/engine.hpp"
#include "engine/rng.hpp"

namespace ostsim::engine::testing {

// Many equal timestamps: every delay is 0 (to itself) or a multiple of the lookahead, and all
// LPs start at t = 0. Each LP folds (source, sequence, hops) of every event into its state, so
// any change in the order of equal-time events changes the result.
struct TieLp {
    struct Payload {
        std::uint32_t hops = 0;
    };
    Time lookahead;
    std::uint32_t nlp;
    Stream rng;
    std::uint64_t state = 0;

    void handle(Context<TieLp>& ctx, const Event<Payload>& ev) {
        state = digest_step(state, ev.tie, ev.payload.hops);
        if (rng.below(4) == 0) {
            ctx.send(ctx.self(), 0, {ev.payload.hops + 1});
        } else {
            ctx.send(rng.below(nlp), lookahead * (1 + rng.below(2)), {ev.payload.hops + 1});
        }
    }
};

struct TieResult {
    std::uint64_t engine_digest;
    std::uint64_t state_digest;
    std::uint64_t committed;
};

inline TieResult run_ties(const Config& config, std::uint32_t nlp, std::uint32_t per_lp, Time end) {
    Engine<TieLp> eng(config);
    for (std::uint32_t i = 0; i < nlp; ++i) {
        eng.add_lp({config.lookahead, nlp, Stream(99, i)}, kAutoPartition);
    }
    for (std::uint32_t i = 0; i < nlp; ++i) {
        for (std::uint32_t e = 0; e < per_lp; ++e) eng.schedule(i, 0);
    }
    const Stats& s = eng.run_until(end);
    std::uint64_t h = 0;
    for (std::uint32_t i = 0; i < nlp; ++i) h = digest_step(h, eng.lp(i).state, i);
    return {eng.digest(), h, s.committed};
}

// Checks the two causality properties from inside handlers and counts violations:
// a partition's clock never goes back, and a cross-partition event arrives at or after the end
// of the window in which it was sent (so no window ran past an event it had not received).
struct Watch {
    std::vector<Time> last_time;            // per partition
    std::vector<std::uint64_t> violations;  // per partition
    explicit Watch(std::size_t partitions) : last_time(partitions, 0), violations(partitions, 0) {}
};

struct WatchLp {
    struct Payload {
        Time sent_window_end = 0;
        std::uint32_t from_partition = 0;
    };
    Watch* watch;
    Time lookahead;
    std::uint32_t nlp;
    Stream rng;

    void handle(Context<WatchLp>& ctx, const Event<Payload>& ev) {
        const std::uint32_t p = ctx.partition();
        if (ctx.now() < watch->last_time[p]) ++watch->violations[p];
        if (ev.payload.from_partition != p && ev.time < ev.payload.sent_window_end) {
            ++watch->violations[p];
        }
        watch->last_time[p] = ctx.now();
        // Delays of exactly the lookahead test the window's edge.
        const Time delay = rng.below(2) ? lookahead : lookahead + rng.below(1000);
        ctx.send(rng.below(nlp), delay, {ctx.window_end(), p});
    }
};

}  // namespace ostsim::engine::testing
