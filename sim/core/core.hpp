// What the nodes of one core share: its parameters, its ledger, its genesis block, and where
// its nodes sit among the engine's logical processes. Owned by whoever builds the world; it
// must outlive the engine that runs the nodes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/block.hpp"
#include "chain/mempool.hpp"
#include "core/demand.hpp"
#include "core/ledger.hpp"
#include "engine/event.hpp"
#include "net/network.hpp"

#include <tbb/concurrent_unordered_map.h>

namespace ostsim::core {

struct CoreParams {
    std::uint32_t id = 0;  // the core's index in the world
    std::string name;
    std::uint64_t gas_limit = 30'000'000;  // per block
    chain::uint256 block_reward = 0;       // wei, to the producer
    // Bytes a block declares beyond its header and transactions, for networks studied without
    // a transaction workload (SimBlock's fixed 535 kB Bitcoin blocks).
    std::uint32_t filler_bytes = 0;
    // Without a network: every block, transaction and vote reaches every other node after this.
    engine::Time delay = 0;
    // With one (owned by the builder, one node per network node): blocks go by its relay
    // (announce, request, transfer), transactions by its gossip (unless tx_gossip is off),
    // votes straight to each node after a link latency.
    const net::Network* network = nullptr;
    bool direct_relay = false;  // push whole blocks to neighbours instead of announcing
    // Transactions reach every node (with a network, by its gossip); without, only the node a
    // transaction was submitted to knows it, so only that node's blocks can include it.
    bool tx_gossip = true;
    TransferDemand demand{};  // its accounts are funded at genesis
    chain::Mempool::Config mempool{};
    // The protocol contracts deployed at genesis; none on a core that runs only transfers.
    std::shared_ptr<const ProtocolGenesis> protocol{};
};

// A client (an off-chain actor, core::Client) that watches node `node` of a core: it learns
// each block that becomes final there and, with `heads`, each block that joins its head chain
// (lowest first, so a client misses none when the head moves by several), `latency` later.
struct Watcher {
    std::uint32_t node = 0;
    engine::LpId client = 0;
    engine::Time latency = 0;
    bool heads = false;
};

// A node of another core that follows node `node` of this one, as a validator of a core that
// anchors this core's roots follows it (PROTOCOL.md 2.3): it learns each height `node` holds
// final, `latency` later, and builds its blocks with that knowledge.
struct Follower {
    std::uint32_t node = 0;
    engine::LpId follower = 0;
    engine::Time latency = 0;
};

class Core {
  public:
    // `genesis` funds accounts besides the demand's, which are funded from params.demand.
    Core(CoreParams params, std::span<const Allocation> genesis, engine::LpId first_lp,
         std::uint32_t nodes);

    const CoreParams& params() const { return params_; }
    // The addresses of the demand's accounts, by index.
    std::span<const chain::Address> demand_accounts() const { return demand_accounts_; }
    Ledger& ledger() { return ledger_; }
    const Block& genesis() const { return genesis_; }
    engine::LpId lp_of(std::uint32_t node) const { return first_lp_ + node; }
    std::uint32_t nodes() const { return nodes_; }

    // Before the run: the nodes read the list while it runs.
    void watch(const Watcher& w) { watchers_.push_back(w); }
    std::span<const Watcher> watchers() const { return watchers_; }
    // Before the run, as watch().
    void follow(const Follower& f) { followers_.push_back(f); }
    std::span<const Follower> followers() const { return followers_; }

    // Blocks and transactions by the ids relays carry, for any node to resolve: the producer
    // registers before it sends, so a receiver always finds what a message names. The block
    // registry holds genesis too and serves Node::block (a node's own knowledge is its tree).
    void publish(const Block& b) { blocks_.emplace(b.meta.id.key(), &b); }
    const Block& block(std::uint64_t key) const;
    void publish(std::uint64_t id, const chain::Transaction& tx) { txs_.emplace(id, &tx); }
    const chain::Transaction& tx(std::uint64_t id) const;

  private:
    CoreParams params_;
    std::vector<chain::Address> demand_accounts_;  // hashed once: every transfer names two
    Ledger ledger_;
    Block genesis_;
    engine::LpId first_lp_;
    std::uint32_t nodes_;
    std::vector<Watcher> watchers_;
    std::vector<Follower> followers_;
    tbb::concurrent_unordered_map<std::uint64_t, const Block*> blocks_;
    tbb::concurrent_unordered_map<std::uint64_t, const chain::Transaction*> txs_;
};

}  // namespace ostsim::core
