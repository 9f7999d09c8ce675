// A tiny discrete-event loop for relay tests: one queue of (time, sequence) ordered messages,
// one RelayHost per node. A node announces every block its relay makes available (and floods
// every new transaction id), and the loop records when and how often that happened.
#pragma once

#include <cstdint>
#include <map>
#include <queue>
#include <vector>

#include "net/network.hpp"
#include "net/relay_msg.hpp"
#include "net/tx_gossip.hpp"

namespace ostsim::net::test {

template <class Relay>
class RelaySim {
  public:
    RelaySim(const Network& net, std::uint64_t seed) {
        nodes_.reserve(net.nodes());
        for (NodeId v = 0; v < net.nodes(); ++v) nodes_.emplace_back(net, v, seed, this);
    }

    // Node v produces block `id` of `bytes` at time t (>= now).
    void produce(NodeId v, chain::BlockId id, std::uint32_t bytes, engine::Time t) {
        push({t, seq_++, v, RelayMsg{id.key(), v, bytes, RelayKind::block}, true});
    }
    void originate_tx(NodeId v, std::uint64_t tx, engine::Time t) {
        push({t, seq_++, v, RelayMsg{tx, v, 0, RelayKind::tx}, true});
    }

    void run() {
        while (!queue_.empty()) {
            Ev e = queue_.top();
            queue_.pop();
            now_ = e.t;
            Node& n = nodes_[e.to];
            ++delivered_[{e.to, e.msg.ref, e.msg.kind}];
            if (e.msg.kind == RelayKind::tx) {
                if (e.local || n.gossip.receive(n, e.msg)) {
                    if (!e.local) seen_[{e.to, e.msg.ref}].push_back(now_);
                    n.gossip.announce(n, e.msg.ref);
                }
            } else if (e.local) {
                n.relay.announce(n, e.msg.block(), e.msg.bytes);
            } else if (auto id = n.relay.receive(n, e.msg)) {
                seen_[{e.to, id->key()}].push_back(now_);
                n.relay.announce(n, *id, e.msg.bytes);
            }
        }
    }

    // When node v got block or transaction `ref` (empty: never; two entries: a bug).
    const std::vector<engine::Time>& seen(NodeId v, std::uint64_t ref) { return seen_[{v, ref}]; }
    // How many messages of `kind` about `ref` node v received.
    int delivered(NodeId v, std::uint64_t ref, RelayKind kind) {
        return delivered_[{v, ref, kind}];
    }
    engine::Time now() const { return now_; }

  private:
    struct Ev {
        engine::Time t;
        std::uint64_t seq;
        NodeId to;
        RelayMsg msg;
        bool local;  // produced here, not received
        bool operator>(const Ev& o) const { return t != o.t ? t > o.t : seq > o.seq; }
    };
    struct Node final : RelayHost {
        Node(const Network& net, NodeId v, std::uint64_t seed, RelaySim* s)
            : relay(net, v), gossip(net, v), stream(seed, v), sim(s) {}
        void send(NodeId to, engine::Time delay, const RelayMsg& msg) override {
            EXPECT_GE(delay, 0);
            sim->push({sim->now_ + delay, sim->seq_++, to, msg, false});
        }
        engine::Time now() const override { return sim->now_; }
        engine::Stream& rng() override { return stream; }

        Relay relay;
        TxGossip gossip;
        engine::Stream stream;
        RelaySim* sim;
    };

    void push(const Ev& e) { queue_.push(e); }

    std::vector<Node> nodes_;
    std::priority_queue<Ev, std::vector<Ev>, std::greater<>> queue_;
    std::uint64_t seq_ = 0;
    engine::Time now_ = 0;
    std::map<std::pair<NodeId, std::uint64_t>, std::vector<engine::Time>> seen_;
    std::map<std::tuple<NodeId, std::uint64_t, RelayKind>, int> delivered_;
};

// A network on an edge list where every node is in region 0 unless `region` says otherwise.
inline Network make_network(std::uint32_t n, const std::vector<Edge>& edges, LinkParams links,
                            RelayParams relay = {}, std::vector<std::uint32_t> region = {},
                            std::uint64_t seed = 1) {
    Graph g = graph_from_edges(n, edges);
    if (region.empty()) region.assign(n, 0);
    for (NodeId v = 0; v < n; ++v) g[v].region = region[v];
    engine::Stream rng(seed, ~std::uint64_t{0});
    return Network(to_adjacency(g), Links(links, region), relay, rng);
}

// One region: fixed latency `ms`, upload = download = `bps`, the 10 ms small-message extra.
inline LinkParams one_region(double ms, double bps) {
    Eigen::MatrixXd m(1, 1);
    m(0, 0) = ms;
    return {m, Jitter::fixed(), {bps}, {bps}, 10 * engine::kMillisecond};
}

}  // namespace ostsim::net::test
