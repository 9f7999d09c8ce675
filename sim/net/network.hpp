// Everything the relays of one network's nodes share, immutable once built: the adjacency,
// the links, the relay parameters and each node's relay role.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/rng.hpp"
#include "engine/time.hpp"
#include "net/adjacency.hpp"
#include "net/links.hpp"

namespace ostsim::net {

// Compact-block relay (BIP 152) as SimBlock models it: a block goes compact when both ends use
// compact blocks; the receiver fails to rebuild it with a probability that depends on whether
// it is a churn node, and then asks for the block, which the sender transmits in full (SimBlock
// draws the size of that second transfer from a table of fractions of the block; the vectors
// file, and ostsim, send the full block). Defaults: shared/vectors/network/simblock-bitcoin.yaml.
struct CompactRelay {
    bool enabled = false;
    std::uint32_t compact_bytes = 18'000;  // the compact block's size
    double usage_rate = 0.964;             // share of nodes using compact blocks
    double churn_rate = 0.976;             // share of churn (less reliable) nodes
    double failure_control = 0.13;         // P(cannot rebuild) at a control node
    double failure_churn = 0.27;           // P(cannot rebuild) at a churn node
};

struct RelayParams {
    // Added to each block transmission (SimBlock's processingTime: 2 ms).
    engine::Time processing = 0;
    // false: a sender starts its next transfer when the previous one is on the wire (its
    // uplink is free); true: only when it has arrived, after the latency too, as SimBlock does
    // (BlockMessageTask.run calls sendNextBlockMessage at arrival).
    bool sender_busy_until_arrival = false;
    CompactRelay compact;
};

class Network {
  public:
    // Draws the compact-block roles from `roles_rng` (exact shares, shuffled, as SimBlock's
    // makeRandomList). Throws std::invalid_argument when the adjacency and the links disagree
    // on the node count or a rate is outside [0, 1].
    Network(Adjacency adjacency, Links links, RelayParams relay, engine::Stream& roles_rng);

    const Adjacency& adjacency() const { return adjacency_; }
    const Links& links() const { return links_; }
    const RelayParams& relay() const { return relay_; }
    std::uint32_t nodes() const { return adjacency_.nodes(); }
    bool uses_compact(NodeId v) const { return role_[v] & kCompact; }
    bool churn(NodeId v) const { return role_[v] & kChurn; }
    // Node v's position in the adjacency of its i-th neighbour (RelayMsg::position), computed
    // once here rather than searched for on every announcement; 255 from 255 on.
    std::uint8_t position_at_neighbour(NodeId v, std::size_t i) const {
        return back_[adjacency_.offsets[v] + i];
    }

  private:
    static constexpr std::uint8_t kCompact = 1, kChurn = 2;
    Adjacency adjacency_;
    Links links_;
    RelayParams relay_;
    std::vector<std::uint8_t> role_;
    std::vector<std::uint8_t> back_;  // per edge end, as adjacency_.neighbours
};

}  // namespace ostsim::net
