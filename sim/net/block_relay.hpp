// Block relay as Bitcoin (before headers-first announcements) and SimBlock run it, for one
// node: a node announces (inv) a block it holds to its neighbours, except the one it came from
// and those that announced it (they hold it; Bitcoin Core likewise announces a block only to
// peers not known to have it, while SimBlock sends those announcements, which their receivers
// ignore: the relay's timing and results are the same, only fewer messages go);
// a neighbour that neither holds nor has requested the block asks for it (getdata); the sender
// transmits to one requester at a time, first come first served, each transfer taking
// size_bits / min(its upload, the receiver's download) (+ processing), and the block arrives one
// latency draw after its transmission ends. inv and getdata cost a latency draw + the small-
// message extra. With compact blocks (network.hpp) the transfer is the compact block when both
// ends use them; a receiver that cannot rebuild it asks the sender (get_block_txn, small), whose
// full-block transfer joins the same queue.
//
// Senders' queues are kept as a time: transfers are never cancelled or reordered, so the start
// of each is known when it is queued (max(now, end of the previous one)); no completion events.
// A block's fate is the node's: receive() reports it, and the node announces it (announce())
// when it accepts it, e.g. when it becomes its head, as SimBlock and Bitcoin Core relay.
#pragma once

#include <optional>

#include "net/block_book.hpp"
#include "net/network.hpp"
#include "net/relay_msg.hpp"

namespace ostsim::net {

class BlockRelay {
  public:
    BlockRelay(const Network& net, NodeId self) : net_(&net), self_(self) {}

    // The node holds block `id` of `bytes` bytes (its own, or one receive() returned) and
    // announces it to its neighbours but the one it came from. A block announced before is
    // not announced again.
    void announce(RelayHost& host, chain::BlockId id, std::uint32_t bytes);

    // Handles one message for this node; returns the block that became available to it, once
    // per block. Throws std::invalid_argument for a transaction message.
    std::optional<chain::BlockId> receive(RelayHost& host, const RelayMsg& msg);

    bool has(chain::BlockId id) const { return book_.has(id); }
    // Drops what the node knows of a block (it will request it again if announced).
    void forget(chain::BlockId id) { book_.forget(id); }
    NodeId self() const { return self_; }

  private:
    // Queues a transfer of `wire_bytes` to `to`; msg is what arrives.
    void transfer(RelayHost& host, NodeId to, RelayMsg msg, std::uint32_t wire_bytes);

    const Network* net_;
    NodeId self_;
    BlockBook book_;
    engine::Time free_at_ = 0;  // when this node's uplink finishes its queued transfers
};

}  // namespace ostsim::net
