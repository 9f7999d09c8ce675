// What relays exchange, and what they need from the node that embeds them. Relays are state
// machines without I/O: a node logical process feeds them the messages it receives and carries
// out their sends (as engine events, or a test's own queue), so they are testable alone.
#pragma once

#include <cstdint>
#include <type_traits>

#include "chain/block_tree.hpp"
#include "engine/rng.hpp"
#include "engine/time.hpp"
#include "net/graph.hpp"

namespace ostsim::net {

enum class RelayKind : std::uint8_t {
    inv,            // "I have block ref"                             (small message)
    getdata,        // "send me block ref"                            (small message)
    block,          // the full block, after its transmission
    compact_block,  // a compact block (BIP 152), after its transmission
    get_block_txn,  // "I could not rebuild ref from the compact block" (small message)
    tx,             // a transaction id, gossiped                      (small message)
};

// 24 bytes, trivially copyable: an engine payload as it is.
struct RelayMsg {
    std::uint64_t ref = 0;    // chain::BlockId::key() of a block, or a transaction id
    NodeId from = 0;          // the sending node
    std::uint32_t bytes = 0;  // block kinds: the full block's size in bytes
    RelayKind kind = RelayKind::inv;
    // inv: the sender's position in the receiver's adjacency, so that the receiver notes who
    // announced without searching its list; kUntracked from 64 on (BlockBook::Entry::heard).
    std::uint8_t position = kUntracked;
    static constexpr std::uint8_t kUntracked = 255;

    chain::BlockId block() const {
        return {static_cast<std::uint32_t>(ref >> 32), static_cast<std::uint32_t>(ref)};
    }
};
static_assert(std::is_trivially_copyable_v<RelayMsg> && sizeof(RelayMsg) <= 24);

// Implemented by the embedding node; a relay keeps no reference to it beyond a call.
class RelayHost {
  public:
    // Deliver msg to node `to` after `delay` (>= 0); `to` may be the node itself.
    virtual void send(NodeId to, engine::Time delay, const RelayMsg& msg) = 0;
    virtual engine::Time now() const = 0;
    // This node's stream: latency draws of its sends, its compact-block reconstruction draws.
    virtual engine::Stream& rng() = 0;

  protected:
    ~RelayHost() = default;
};

}  // namespace ostsim::net
