// What a finished (or interrupted) run of a world shows, per core and per block, computed from
// the nodes' records. The main chain is the one node 0 of the core follows at the end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain/state_transition.hpp"
#include "world/world.hpp"

namespace ostsim::world {

struct BlockResult {
    const core::Block* block;
    bool main = false;        // on node 0's chain at the end
    std::uint32_t reached = 0;  // nodes that have it, its producer included
    engine::Time reach50 = -1;  // after production, until half of the nodes have it; -1: never
    engine::Time reach90 = -1;
};

// A submitted transaction's fate, as node 0 of its core sees the main chain at the end.
struct TxResult {
    enum Status : std::uint8_t { Pending, Included, Final, Rejected };
    const chain::Transaction* tx;
    std::uint32_t node;             // where it was submitted
    Status status = Pending;
    engine::Time included = -1;     // the including block's production time; -1: not included
    std::uint64_t height = 0;       // of the including block
    engine::Time final = -1;        // when that block became final at node 0
    chain::Rejection reason = chain::Rejection::None;  // the last builder's, when rejected
};

struct TransferResult {
    std::uint64_t submitted = 0;
    std::uint64_t included = 0;  // on the main chain, final ones included
    std::uint64_t final = 0;
    std::uint64_t rejected = 0;
    std::uint64_t pending = 0;
    std::uint64_t priced_out = 0;     // arrivals that did not send at the oracle's price
    double inclusion_delay_s = 0;     // mean, submission to the including block; NaN if none
    double mean_price_gwei = 0;       // of included transactions; NaN if none
};

struct CoreResult {
    std::string name;
    std::uint32_t nodes = 0;
    std::uint64_t produced = 0;  // every block, stale ones included
    std::uint64_t main = 0;      // blocks on the main chain (genesis excluded)
    double stale_rate = 0;       // stale blocks / produced
    double mean_interval_s = 0;  // between main-chain blocks
    double finality_delay_s = 0;  // mean, at node 0, over blocks final there; NaN if none
    std::uint64_t final_blocks = 0;
    std::uint64_t transactions = 0;  // on the main chain
    double throughput_tps = 0;       // main-chain transactions per simulated second
    double reach50_median_s = 0;     // median over blocks of the time to reach half the nodes
    double reach90_median_s = 0;
    std::uint64_t reorgs = 0;        // over all nodes
    std::uint32_t deepest_reorg = 0;
    std::uint64_t invalid = 0;
    std::uint64_t stalls = 0;
    std::uint64_t conflicting_final = 0;
    std::vector<BlockResult> blocks;  // by producer, then sequence
    TransferResult transfers;
    std::vector<TxResult> txs;        // by submitting node, then submission
};

CoreResult core_result(const World& world, std::size_t core, engine::Time reached);

}  // namespace ostsim::world
