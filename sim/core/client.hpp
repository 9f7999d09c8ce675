// An off-chain actor (a reporter, a facilitator, a wallet) as an engine logical process. It talks
// to one node of each core it uses, as a relayer talks to its node's RPC: it learns the blocks
// that become final there (and, if it asks, each new head) a link latency later, reads state
// through the core's ledger, and sends contract calls that reach the node a latency later and
// propagate from there like any transaction.
//
// What the actor does is a Client; ClientLp is the process the engine runs, and the Host the
// Client acts through. Determinism: a client's transactions are named by its LP id and a count,
// its randomness is its own stream, and what it reads of a ledger is a committed block's state.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/core.hpp"
#include "core/ledger.hpp"
#include "core/node_event.hpp"
#include "engine/context.hpp"
#include "engine/rng.hpp"
#include "protocol/call.hpp"

namespace ostsim::core {

class Participant;

// What a Client acts through.
class ClientHost {
  public:
    virtual engine::Time now() const = 0;
    virtual engine::Stream& rng() = 0;
    virtual void set_timer(engine::Time delay, std::uint64_t tag) = 0;
    virtual Core& core(std::uint32_t c) = 0;
    // Sends `body` as a transaction from `sender` (its next nonce on core c, as this client
    // counts them) to this client's node of core c; returns the transaction's call handle.
    virtual std::uint64_t send(std::uint32_t c, const chain::Address& sender, protocol::Body body,
                               std::uint64_t gas_limit, std::uint64_t gas_price,
                               const chain::uint256& value = 0) = 0;
    // The same for a call to a user's account, from `sender` at `nonce`: a client that drives
    // many short-lived keys counts their nonces itself rather than in a map of every key.
    virtual std::uint64_t send(std::uint32_t c, const chain::Address& sender, std::uint64_t nonce,
                               AccountTx call, std::uint64_t gas_limit, std::uint64_t gas_price) = 0;
    // A plain transfer of the native coin, from `sender` at `nonce` (which the caller counts).
    virtual std::uint64_t transfer(std::uint32_t c, const chain::Address& sender, std::uint64_t nonce,
                                   const chain::Address& to, const chain::uint256& value,
                                   std::uint64_t gas_price) = 0;

  protected:
    ~ClientHost() = default;
};

class Client {
  public:
    virtual ~Client() = default;
    virtual void start(ClientHost&) {}
    virtual void on_timer(ClientHost&, std::uint64_t /*tag*/) {}
    // Block b of core c became final at this client's node of c (or, `final` false, its head).
    virtual void on_block(ClientHost& host, std::uint32_t c, const Block& b, bool final) = 0;
};

// Which node of a core a client uses, and the latency each way.
struct ClientLink {
    std::uint32_t core = 0;
    std::uint32_t node = 0;
    engine::Time latency = 0;
    bool heads = false;  // also told of every block that joins its chain (lowest first), not only final ones
};

class ClientLp final : public ClientHost {
  public:
    // `cores` by index (they outlive the engine); the client must be added to the engine as
    // LP `self`: the links register it with each core's watchers.
    ClientLp(std::vector<Core*> cores, std::vector<ClientLink> links, std::unique_ptr<Client> client,
             engine::LpId self, std::uint64_t seed);

    void handle(engine::Context<Participant>& ctx, const engine::Event<NodeEvent>& ev);

    engine::Time now() const override;
    engine::Stream& rng() override { return rng_; }
    void set_timer(engine::Time delay, std::uint64_t tag) override;
    Core& core(std::uint32_t c) override { return *cores_.at(c); }
    std::uint64_t send(std::uint32_t c, const chain::Address& sender, protocol::Body body,
                       std::uint64_t gas_limit, std::uint64_t gas_price,
                       const chain::uint256& value = 0) override;
    std::uint64_t send(std::uint32_t c, const chain::Address& sender, std::uint64_t nonce,
                       AccountTx call, std::uint64_t gas_limit, std::uint64_t gas_price) override;
    std::uint64_t transfer(std::uint32_t c, const chain::Address& sender, std::uint64_t nonce,
                           const chain::Address& to, const chain::uint256& value,
                           std::uint64_t gas_price) override;

    const Client& client() const { return *client_; }
    // The transactions this client sent, in order.
    const std::deque<chain::Transaction>& sent() const { return sent_; }

  private:
    // Names, publishes and submits `tx` (its fields set but its call handle and size) to this
    // client's node of core c; `calldata_gas` sizes it on the wire.
    std::uint64_t submit(std::uint32_t c, chain::Transaction tx, std::uint64_t calldata_gas,
                         bool is_call);
    std::uint64_t next_id() const { return std::uint64_t{self_} << 32 | (sent_.size() + 1); }
    const ClientLink& link(std::uint32_t c) const;
    std::optional<std::uint32_t> core_of(engine::LpId node) const;

    std::vector<Core*> cores_;
    std::vector<ClientLink> links_;
    std::unique_ptr<Client> client_;
    engine::LpId self_;
    engine::Stream rng_;
    engine::Context<Participant>* ctx_ = nullptr;  // during handle() only
    std::map<std::pair<std::uint32_t, chain::Address>, std::uint64_t> nonces_;
    std::deque<chain::Transaction> sent_;  // stable: the cores resolve ids to them
};

}  // namespace ostsim::core
