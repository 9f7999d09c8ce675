// The simplest relay, for analytic validations (the fork law 1 - e^(-d/T) wants a fixed delay
// d per hop): a node pushes the full block to every neighbour but the one it came from, arriving
// one latency draw later; no announcement, no request, no transmission time, no queue.
// Same interface as BlockRelay, so a node can take either.
#pragma once

#include <optional>

#include "net/block_book.hpp"
#include "net/network.hpp"
#include "net/relay_msg.hpp"

namespace ostsim::net {

class DirectRelay {
  public:
    DirectRelay(const Network& net, NodeId self) : net_(&net), self_(self) {}

    void announce(RelayHost& host, chain::BlockId id, std::uint32_t bytes);
    // Only RelayKind::block is valid here; anything else throws std::invalid_argument.
    std::optional<chain::BlockId> receive(RelayHost& host, const RelayMsg& msg);

    bool has(chain::BlockId id) const { return book_.has(id); }
    void forget(chain::BlockId id) { book_.forget(id); }
    NodeId self() const { return self_; }

  private:
    const Network* net_;
    NodeId self_;
    BlockBook book_;
};

}  // namespace ostsim::net
