// What travels between a world's logical processes (nodes and clients), as one payload type.
#pragma once

#include <cstdint>
#include <type_traits>

#include "consensus/rule.hpp"
#include "net/relay_msg.hpp"

namespace ostsim::chain {
struct Transaction;
}

namespace ostsim::core {

struct Block;

// An event's payload: one of its kind's, in a union, since the engine stores and copies every
// pending event (a large network keeps millions queued).
//
// Besides the node-to-node kinds: Submit (a client hands its node a transaction, named by the
// id it published under) and, from a node to the clients that watch it, Head and Final (a block
// became its head, or final); RemoteFinal, from a node to the nodes of another core that follow
// it (Core::follow): the height of its core it now holds final.
struct NodeEvent {
    enum Kind : std::uint8_t { Start, Timer, Block, Vote, Arrival, Tx, Relay, Submit, Head, Final, RemoteFinal } kind = Start;
    struct Finality {
        std::uint32_t core;
        std::uint64_t height;
    };
    union {
        std::uint64_t tag;               // Timer; Submit: the transaction's id
        const core::Block* block;        // Block, Head, Final
        const chain::Transaction* tx;    // Tx
        consensus::Vote vote;            // Vote
        net::RelayMsg relay;             // Relay
        Finality finality;               // RemoteFinal
    };

    NodeEvent() : tag(0) {}  // a Start event
    static NodeEvent arrival() { return with(Arrival); }
    static NodeEvent timer(std::uint64_t t) {
        NodeEvent e = with(Timer);
        e.tag = t;
        return e;
    }
    static NodeEvent of(const core::Block* b, Kind k = Block) {
        NodeEvent e = with(k);
        e.block = b;
        return e;
    }
    static NodeEvent submit(std::uint64_t tx_id) {
        NodeEvent e = with(Submit);
        e.tag = tx_id;
        return e;
    }
    static NodeEvent of(const chain::Transaction* t) {
        NodeEvent e = with(Tx);
        e.tx = t;
        return e;
    }
    static NodeEvent of(const consensus::Vote& v) {
        NodeEvent e = with(Vote);
        e.vote = v;
        return e;
    }
    static NodeEvent remote_final(std::uint32_t core, std::uint64_t height) {
        NodeEvent e = with(RemoteFinal);
        e.finality = {core, height};
        return e;
    }
    static NodeEvent of(const net::RelayMsg& m) {
        NodeEvent e = with(Relay);
        e.relay = m;
        return e;
    }

  private:
    static NodeEvent with(Kind k) {
        NodeEvent e;
        e.kind = k;
        return e;
    }
};
// The engine's buffers and calendar queue hold NodeEvents by value: side by side the payloads
// took 96 bytes, and memory was the SimBlock benchmark's limit (docs/performance.md). The
// largest payload is a Vote (40 bytes), plus the kind.
static_assert(std::is_trivially_copyable_v<NodeEvent> && sizeof(NodeEvent) <= 48);

}  // namespace ostsim::core
