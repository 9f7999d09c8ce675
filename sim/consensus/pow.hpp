// Nakamoto proof of work on the engine: miners with shares of the hash power, each finding its
// next block after an exponential time with rate share / block_interval (times are drawn from
// rates, never from per-hash trials, so any difficulty is exact), restarted whenever the miner
// adopts a new head; the heaviest chain wins, ties to the block seen first.
//
// The network here is the one the fork law assumes: every block reaches every other miner after
// the same delay d. Topologies and propagation over real links replace it with the net module.
#pragma once

#include <cstdint>
#include <vector>

#include "chain/block_tree.hpp"
#include "engine/context.hpp"
#include "engine/rng.hpp"
#include "engine/time.hpp"

namespace ostsim::consensus {

struct PowEvent {
    enum Kind : std::uint8_t { Start, Mined, Block } kind = Start;
    std::uint32_t epoch = 0;  // Mined: the mining attempt it ends; stale after a head change
    chain::BlockId id;
    chain::BlockId parent;
};

struct PowNetwork {
    engine::Time block_interval = 600 * engine::kSecond;  // T: the mean time between blocks
    engine::Time delay = 0;                               // d: every block, every miner
    std::uint32_t miners = 0;
};

class PowMiner {
public:
    using Payload = PowEvent;

    PowMiner(std::uint32_t index, double share, const PowNetwork& net, std::uint64_t seed)
        : index_(index), share_(share), net_(&net), rng_(seed, index) {}

    void handle(engine::Context<PowMiner>& ctx, const engine::Event<PowEvent>& ev);

    const chain::BlockTree& tree() const { return tree_; }
    std::uint32_t produced() const { return produced_; }

private:
    // Draws the time to this miner's next block on its current head.
    void restart(engine::Context<PowMiner>& ctx);

    std::uint32_t index_;
    double share_;
    const PowNetwork* net_;
    engine::Stream rng_;
    chain::BlockTree tree_;
    std::uint32_t epoch_ = 0;
    std::uint32_t produced_ = 0;
};

}  // namespace ostsim::consensus
