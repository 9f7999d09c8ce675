// Transaction gossip: a node floods the id of a transaction it accepts to its neighbours but
// the one it came from, each copy arriving after a small-message delay (latency draw + extra);
// receivers drop ids they have seen. Bitcoin's per-peer inventory filters and trickling are
// not modelled: a node may send an id to a neighbour that already has it (that copy is
// dropped), which costs messages, not delay. Bandwidth is not charged for transactions.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "net/network.hpp"
#include "net/relay_msg.hpp"

namespace ostsim::net {

class TxGossip {
  public:
    TxGossip(const Network& net, NodeId self) : net_(&net), self_(self) {}

    // The node accepted transaction `tx` (its own or one receive() returned): flood it once.
    void announce(RelayHost& host, std::uint64_t tx);
    // Returns the id when this node sees it for the first time; only RelayKind::tx is valid.
    std::optional<std::uint64_t> receive(RelayHost& host, const RelayMsg& msg);

    bool seen(std::uint64_t tx) const { return seen_.count(tx) != 0; }
    void forget(std::uint64_t tx) { seen_.erase(tx); }

  private:
    struct Seen {
        NodeId from;
        bool announced;
    };
    const Network* net_;
    NodeId self_;
    std::unordered_map<std::uint64_t, Seen> seen_;
};

}  // namespace ostsim::net
