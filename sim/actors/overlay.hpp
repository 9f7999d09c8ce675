// The OST overlay on a world's cores (PROTOCOL.md 1, 2, 4): one origin core and auxiliary cores,
// each auxiliary joined to the origin by a gateway pair - Gateway, stake vault and an Anchor of
// the auxiliary's roots on the origin; CoGateway, OST Prime and an Anchor of the origin's roots
// on the auxiliary - all deployed at genesis, activated, and OST Prime initialised with its
// TOKENS_MAX. The actors that drive it (reporters, and a facilitator with its stakers and
// redeemers per pair) are clients of the world (core::Client).
//
// Limits: the OST economy only (OST staked, OST Prime minted; branded tokens are exercised by
// tests/protocol); an Anchor admits its organisation's owner and admin, so a direction has at
// most two reporters (one, the consensus key, under FinalizedOnly).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/client.hpp"
#include "core/ledger.hpp"
#include "engine/time.hpp"
#include "protocol/anchor.hpp"
#include "protocol/gas_schedule.hpp"

namespace ostsim::actors {

using chain::Address;
using chain::uint256;

// When a reporter anchors the source core's state root on the target core.
struct ReportingSpec {
    std::uint32_t reporters = 1;  // per direction: 1 (the organisation's owner) or 2 (and admin)
    std::uint64_t every = 1;      // anchor heights that are multiples of this
    bool final_only = true;       // anchor final blocks; else every new head
    bool pending_work = false;    // anchor only heights at or above gateway work (reporter.hpp)
    std::vector<engine::Time> extra_delay;  // per reporter, before it sends (slow reporters)
    std::vector<bool> offline;              // per reporter: never reports
    // Who may anchor: the organisation (owner, admin), or, FinalizedOnly (Mosaic-1), only the
    // consensus key of the target core and only heights its block's producer knows final on the
    // source: each node of the target follows a node of the source (core::Follower), learning
    // its finality `finality_latency` later. Under FinalizedOnly the one reporter per direction
    // signs with the consensus key.
    protocol::AnchorRule rule = protocol::AnchorRule::Organization;
    engine::Time finality_latency = 50 * engine::kMillisecond;
};

// The stakers and redeemers of each pair, as the facilitator serves them.
struct TransferSpec {
    std::uint32_t stakers = 16;           // per pair, each with one message in flight at a time
    double stakes_per_second = 0;         // per pair, Poisson; 0: none
    uint256 amount_min = uint256(1'000'000'000);  // of OST, in wei; uniform in [min, max]
    uint256 amount_max = uint256(10'000'000'000);
    double redeem_share = 0.5;            // of completed mints, redeemed back (half the amount)
    std::uint64_t message_gas_price = 1;  // what the facilitator's reward is priced at
    std::uint64_t message_gas_limit = 0;  // 0: no reward
    engine::Time facilitator_delay = 0;   // before each step it takes (a slow facilitator)
    // A staker (or redeemer) whose message is not progressing this long after its declaration
    // is final revokes it (PROTOCOL.md 1.5 R1-R3, 1.6); 0: never.
    engine::Time revoke_after = 0;
};

// How each pair's facilitator misbehaves; lists are per pair, in auxiliaries order, and a
// missing entry is false (honest).
struct FacilitatorSpec {
    std::vector<bool> offline;           // it stops taking any step from offline_after on
    engine::Time offline_after = 0;
    std::vector<bool> withhold_secret;   // it reveals the secret on the source side only
};

struct OverlaySpec {
    std::uint32_t origin = 0;
    std::vector<std::uint32_t> auxiliaries;
    uint256 bounty = 100;  // per message: OST on origin, OST' on an auxiliary (MC's tool: 100)
    std::uint64_t anchor_ring = 100;        // roots an Anchor keeps (MC default, PROTOCOL.md 2.1)
    std::uint64_t storage_root_ring = 100;  // proven storage roots a gateway keeps
    ReportingSpec reporting{};
    TransferSpec transfers{};
    FacilitatorSpec facilitator{};
    protocol::GasSchedule gas{};  // of the overlay's contracts, on each of its cores
    std::uint64_t gas_price = 1;  // of every actor transaction
    engine::Time latency = 50 * engine::kMillisecond;  // between a client and its node
    std::uint32_t node = 0;  // the node of each core the clients use
};

// The addresses of one gateway pair's contracts, and of the people its actors play.
struct Pair {
    std::uint32_t origin = 0, aux = 0;
    // Origin.
    Address ost, gateway, vault, origin_burner, origin_anchor;
    // Auxiliary.
    Address co_gateway, ost_prime, aux_burner, aux_anchor;
    // The consensus key that alone anchors under FinalizedOnly, on the origin and on the
    // auxiliary (it stands for Mosaic-1's Consensus and Coconsensus contracts).
    Address origin_consensus, aux_consensus;
    // People: the organisation's owner and admin (the reporters' keys), the facilitator (one key
    // on both cores), stakers on origin and their beneficiaries (the redeemers) on the auxiliary.
    Address owner, admin, facilitator;
    std::vector<Address> stakers, beneficiaries;
};

// What the overlay puts at a core's genesis: its contracts and the accounts it funds.
struct CoreGenesis {
    std::shared_ptr<const core::ProtocolGenesis> protocol;  // null outside the overlay
    std::vector<core::Allocation> allocations;
};

class Overlay {
  public:
    // Throws std::invalid_argument for an origin or auxiliary outside `cores`, or repeated.
    Overlay(OverlaySpec spec, std::uint32_t cores);

    const OverlaySpec& spec() const { return spec_; }
    const std::vector<Pair>& pairs() const { return pairs_; }
    // Per core, by index.
    const std::vector<CoreGenesis>& genesis() const { return genesis_; }

    // A client and the nodes it uses.
    struct ClientPlan {
        std::unique_ptr<core::Client> client;
        std::vector<core::ClientLink> links;
    };
    // The reporters of both directions of every pair, then each pair's facilitator.
    std::vector<ClientPlan> clients() const;

  private:
    OverlaySpec spec_;
    std::vector<Pair> pairs_;
    std::vector<CoreGenesis> genesis_;
};

// Native coin each actor key starts with on every core it uses, for gas: 10^6 coins of 10^18
// units, far above what a simulated day of its transactions costs.
uint256 actor_coins();

// keccak256("ostsim " || what || core || index), last 20 bytes: an address per role.
Address role_address(std::string_view what, std::uint32_t core, std::uint32_t index = 0);

}  // namespace ostsim::actors
