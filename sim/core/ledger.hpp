// A core's world state as blocks change it: each block's state is its parent's with the
// producer's reward and the block's transactions applied, committed as a version named by the
// block, so nodes on different forks build on the right parent and every header carries the
// real state root.
//
// Shared by all nodes of a core, which may run in different partitions: calls are serialised
// by a mutex. A block's state depends only on its parent's state and its own contents, so the
// roots do not depend on the order of calls. Limits: the last `retained_versions` blocks
// executed can be built on; building on an older one throws (a fork that deep is a model error).
//
// Contract calls: a transaction whose `call` is not zero executes the call registered under that
// handle with add_call() (before the transaction is submitted anywhere, so every node resolves it
// the same way at any thread count): a protocol::Body on the contracts deployed at genesis, or
// an AccountTx on a user's TokenHolder. Every call sees its block's number and timestamp, and
// the other cores' heights its producer knew final (Block::remote_finalized): like the
// timestamp, part of what the producer puts in the block.
//
// Limits: registered calls are kept for the whole run (a spend's about 400 bytes), since a
// reorganisation may put any pending transaction into a new block.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "chain/block_tree.hpp"
#include "chain/state_transition.hpp"
#include "chain/transaction.hpp"
#include "chain/tx_source.hpp"
#include "chain/world_state.hpp"
#include "core/block.hpp"
#include "protocol/account_call.hpp"
#include "protocol/apply.hpp"

namespace ostsim::core {

struct Allocation {
    chain::Address address;
    chain::uint256 balance;
};

// A kind of user account (one economy's): TokenHolders of `token`, moving it through
// `token_rules`, configured alike. Which addresses are holders of a kind is the deployment's
// business (their device multisig is set up); an account call names its kind.
struct AccountKind {
    chain::Address token, token_rules;
    protocol::TokenHolderConfig config{};
};

// The protocol contracts a core runs from genesis: the contracts by address, their gas
// schedule, the account kinds its users hold, and the constructors (`deploy`, run once before
// the genesis root is taken).
struct ProtocolGenesis {
    protocol::Contracts contracts;
    protocol::GasSchedule gas{};
    std::function<void(protocol::Exec&)> deploy;
    std::vector<AccountKind> accounts;
};

// A call to the TokenHolder at `holder`, of ProtocolGenesis::accounts[kind].
struct AccountTx {
    std::uint32_t kind = 0;
    chain::Address holder;
    protocol::AccountBody body;
};

// What executing a block did: the transactions it holds, those it left out and why, and the
// contract calls it holds that reverted (they used gas and paid for it) with the contract's reason.
struct Execution {
    chain::Hash state_root;
    std::uint64_t gas_used = 0;
    std::vector<chain::Transaction> included;
    std::vector<Receipt> receipts;  // one per included transaction
    std::vector<std::pair<chain::Transaction, chain::Rejection>> rejected;
    std::vector<std::pair<chain::Transaction, protocol::Rejection>> reverted;  // also in `included`
    std::vector<protocol::Event> events;  // of the calls that succeeded, in block order
};

class Ledger {
  public:
    Ledger(std::span<const Allocation> genesis, std::size_t retained_versions = 1024,
           std::shared_ptr<const ProtocolGenesis> protocol = nullptr);

    const chain::Hash& genesis_root() const { return genesis_root_; }
    // What the transactions with call handle `handle` call; a handle names one call for good.
    void add_call(std::uint64_t handle, protocol::Body body);
    void add_call(std::uint64_t handle, AccountTx call);
    // The contract call a handle names; null for a handle no such call was added under.
    const protocol::Body* call(std::uint64_t handle);

    // Executes block `id` at `height` on `parent`: the reward to `producer`, then the candidates
    // `source` offers, one at a time, with the block gas left (`gas_limit` less the gas the
    // included ones used); a valid one that fits is included, the others left out with their
    // reason. `remote_finalized`: what the producer knows final on other cores (finalised-only
    // anchors).
    Execution execute(chain::BlockId parent, chain::BlockId id, std::uint64_t height,
                      std::uint64_t timestamp_ns, const chain::Address& producer,
                      const chain::uint256& reward, chain::TxSource& source,
                      std::uint64_t gas_limit,
                      std::span<const protocol::RemoteFinality> remote_finalized = {});
    // The same with the candidates chosen beforehand, tried in order.
    Execution execute(chain::BlockId parent, chain::BlockId id, std::uint64_t height,
                      std::uint64_t timestamp_ns, const chain::Address& producer,
                      const chain::uint256& reward, std::span<const chain::Transaction> txs,
                      std::uint64_t gas_limit,
                      std::span<const protocol::RemoteFinality> remote_finalized = {}) {
        chain::TxList list(txs);
        return execute(parent, id, height, timestamp_ns, producer, reward, list, gas_limit, remote_finalized);
    }
    // The account at block `id`'s state.
    chain::Account account(chain::BlockId id, const chain::Address& a);
    // A contract's storage slot at block `id`'s state, without moving the working state; none
    // if that state is no longer retained.
    std::optional<chain::uint256> storage(chain::BlockId id, const chain::Address& contract,
                                          const chain::Hash& slot);
    // eth_getProof at block `id`'s state: `a`'s account and its `slots`; none if that state
    // is no longer retained.
    std::optional<chain::StateProof> prove(chain::BlockId id, const chain::Address& a,
                                           std::span<const chain::Hash> slots);

  private:
    void checkout(chain::BlockId id);
    using Call = std::variant<protocol::Body, AccountTx>;
    void add(std::uint64_t handle, Call call);
    // The gas fees a block's contract calls owe its producer, credited at once (settle()) rather
    // than with a read and a write of its account per call: nothing reads the producer's account
    // between, but a transaction it sends (its envelope and gas), so execute() settles first then.
    // Every other change to that account is an addition, so the state is the same either way.
    // Nothing owed, nothing written: a credit of zero leaves the state as it was.
    struct ProducerFees {
        chain::uint256 owed = 0;
        void add(const chain::uint256& fee) { owed += fee; }
        void settle(chain::WorldState& state, const chain::Address& producer);
    };
    // A contract call's envelope, execution and gas (its fee into `fees`); gas_used as
    // chain::TxOutcome's.
    chain::TxOutcome apply_call(const chain::Transaction& tx, std::uint64_t block_gas_left,
                                const protocol::BlockContext& block, Execution& x, Receipt& receipt,
                                ProducerFees& fees);
    chain::TxOutcome apply_account_call(const chain::Transaction& tx, const AccountTx& call,
                                        std::uint64_t block_gas_left,
                                        const protocol::BlockContext& block, Receipt& receipt,
                                        ProducerFees& fees);
    // The sender's gas: its account as read for the envelope unless the call moved coin.
    void pay_gas(const chain::Transaction& tx, std::uint64_t gas_used, bool moved_coin,
                 const chain::Account& from, ProducerFees& fees);

    std::mutex mutex_;
    std::shared_ptr<const ProtocolGenesis> protocol_;
    std::map<std::uint64_t, Call> calls_;
    chain::WorldState state_;
    chain::Hash genesis_root_;
    std::uint64_t current_;  // the version the working state holds
};

// A node's coinbase address: keccak256("ostsim node" || core || index), last 20 bytes.
chain::Address node_address(std::uint32_t core, std::uint32_t index);

}  // namespace ostsim::core
