// What the nodes of one core share: its parameters, its ledger, its genesis block, and where
// its nodes sit among the engine's logical processes. Owned by whoever builds the world; it
// must outlive the engine that runs the nodes.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/block.hpp"
#include "chain/mempool.hpp"
#include "core/demand.hpp"
#include "core/ledger.hpp"
#include "engine/event.hpp"

namespace ostsim::core {

struct CoreParams {
    std::uint32_t id = 0;  // the core's index in the world
    std::string name;
    std::uint64_t gas_limit = 30'000'000;  // per block
    chain::uint256 block_reward = 0;       // wei, to the producer
    // Bytes a block declares beyond its header and transactions, for networks studied without
    // a transaction workload (SimBlock's fixed 535 kB Bitcoin blocks).
    std::uint32_t filler_bytes = 0;
    // Until the net module's relay: every block, transaction and vote reaches every other node
    // after this.
    engine::Time delay = 0;
    TransferDemand demand{};  // its accounts are funded at genesis
    chain::Mempool::Config mempool{};
};

class Core {
  public:
    // `genesis` funds accounts besides the demand's, which are funded from params.demand.
    Core(CoreParams params, std::span<const Allocation> genesis, engine::LpId first_lp,
         std::uint32_t nodes);

    const CoreParams& params() const { return params_; }
    Ledger& ledger() { return ledger_; }
    const Block& genesis() const { return genesis_; }
    engine::LpId lp_of(std::uint32_t node) const { return first_lp_ + node; }
    std::uint32_t nodes() const { return nodes_; }

  private:
    CoreParams params_;
    Ledger ledger_;
    Block genesis_;
    engine::LpId first_lp_;
    std::uint32_t nodes_;
};

}  // namespace ostsim::core
