// Which engine partition each logical process of a world runs in, and the lookahead that
// placement allows (docs/engine.md: only events between partitions bound a window).
//
// A world's LPs are its cores' nodes, core by core, then its clients (the overlay's, then the
// economies' drivers). Cores whose links let them be dealt out evenly are kept whole: each core
// goes, heaviest first, to the partition with the least weight so far, and each client joins the
// core of its first link. Then the only events that cross partitions are those between a client
// or a follower and another core's node, and the lookahead is the least of those latencies; cores
// that never talk to each other leave none (engine::kNever), so a partition runs a whole
// run_until in one window. A core's weight is its nodes plus the users of its economies (whose
// spends make most of its work); when one core outweighs a partition's fair share (one large
// network), the LPs are cut into contiguous blocks of ids instead and every core's own latency
// bounds the window as well. One such core alone (no economy on it) whose network has regions
// is split along its regions instead, when a grouping of the regions balances the partitions
// and lets only slower messages cross (SimBlock's Bitcoin network: Europe against the rest,
// 114 ms instead of Japan's 4 ms within; docs/performance.md); its clients join their first
// link's node. Either way the results do not depend on the placement.
#pragma once

#include <cstdint>
#include <vector>

#include "core/client.hpp"
#include "engine/time.hpp"

namespace ostsim::world {

// What can send to what, core by core, as placement needs it.
struct Topology {
    struct Core {
        std::uint32_t nodes = 0;
        engine::Time latency = 0;  // the least delay of a message between two of its nodes
        double weight = 0;         // beyond its nodes: its economies' users
    };
    // A node of core `to` follows core `from` (finalised-only anchors), `latency` later; every
    // node of `from` may send to a follower.
    struct Follow {
        std::uint32_t from = 0, to = 0;
        engine::Time latency = 0;
    };
    // A core's network by region: each node's region, and the least delay of a message from a
    // node of region i to one of region j (row-major, regions x regions).
    struct Regions {
        std::vector<std::uint32_t> of_node;
        std::vector<engine::Time> least;
    };
    std::vector<Core> cores;
    std::vector<std::vector<core::ClientLink>> clients;  // each client's links, in LP order
    std::vector<Follow> follows;
    std::vector<Regions> regions;  // by core; a core without (or past the end) has one region
};

struct Placement {
    std::vector<std::uint32_t> partition;  // by LP id
    std::vector<std::uint32_t> first_lp;   // by core: its node 0's LP id (its nodes follow)
    engine::Time lookahead = engine::kNever;  // kNever: no event crosses partitions
    bool cores_whole = false;                 // false: contiguous blocks of LP ids, or regions
    bool by_region = false;                   // one core split along its regions
};

Placement place(const Topology& t, std::uint32_t partitions);

}  // namespace ostsim::world
