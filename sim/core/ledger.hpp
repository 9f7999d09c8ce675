// A core's world state as blocks change it: each block's state is its parent's with the
// producer's reward and the block's transactions applied, committed as a version named by the
// block, so nodes on different forks build on the right parent and every header carries the
// real state root.
//
// Shared by all nodes of a core, which may run in different partitions: calls are serialised
// by a mutex. A block's state depends only on its parent's state and its own contents, so the
// roots do not depend on the order of calls. Limits: the last `retained_versions` blocks
// executed can be built on; building on an older one throws (a fork that deep is a model error).
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "chain/block_tree.hpp"
#include "chain/state_transition.hpp"
#include "chain/transaction.hpp"
#include "chain/world_state.hpp"

namespace ostsim::core {

struct Allocation {
    chain::Address address;
    chain::uint256 balance;
};

// What executing a block did: the transactions it holds, those it left out and why.
struct Execution {
    chain::Hash state_root;
    std::uint64_t gas_used = 0;
    std::vector<chain::Transaction> included;
    std::vector<std::pair<chain::Transaction, chain::Rejection>> rejected;
};

class Ledger {
  public:
    Ledger(std::span<const Allocation> genesis, std::size_t retained_versions = 1024);

    const chain::Hash& genesis_root() const { return genesis_root_; }
    // Executes block `id` on `parent`: the reward to `producer`, then each candidate in order
    // that is valid and fits in `gas_limit`; the others are left out with their reason.
    Execution execute(chain::BlockId parent, chain::BlockId id, const chain::Address& producer,
                      const chain::uint256& reward, std::span<const chain::Transaction> candidates,
                      std::uint64_t gas_limit);
    // The account at block `id`'s state.
    chain::Account account(chain::BlockId id, const chain::Address& a);

  private:
    void checkout(chain::BlockId id);

    std::mutex mutex_;
    chain::WorldState state_;
    chain::Hash genesis_root_;
    std::uint64_t current_;  // the version the working state holds
};

// A node's coinbase address: keccak256("ostsim node" || core || index), last 20 bytes.
chain::Address node_address(std::uint32_t core, std::uint32_t index);

}  // namespace ostsim::core
