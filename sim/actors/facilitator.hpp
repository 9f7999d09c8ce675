// The facilitator of one gateway pair, with the stakers and redeemers it serves (they hand it
// their secrets off-chain, as Mosaic's facilitator tool has them do). Stakes arrive as a Poisson
// process; each goes through every step of PROTOCOL.md 1.5 as transactions on the two cores:
//   declare     Stake on the origin, by the staker (amount and bounty move to the gateway);
//   anchor      a reporter's anchoring, on the auxiliary, of an origin root at or after it;
//   prove       proveGateway on the auxiliary at that height (once per height), by the facilitator;
//   confirm     confirmStakeIntent with the storage proof of the outbox entry, by the facilitator;
//   progress    progressStake on the origin and progressMint on the auxiliary, with the secret.
// A share of the completed mints is redeemed back (1.6): the beneficiary wraps and approves OST
// Prime and redeems on the auxiliary; the anchoring, proof and confirmation go to the origin, and
// progressRedeem / progressUnstake finish it. Proofs are eth_getProof answers from the source
// core's ledger at the anchored block, checked on chain against the anchored root.
//
// The facilitator acts on final blocks only, and only on an anchored root that is the state root
// of the source block it knows final at that height. A step that reverts ends its message, with
// the contract's reason recorded (a staker whose declaration reverted may stake again; any
// later failure leaves the message in its box, as it would stay until revoked).
#pragma once

#include <map>
#include <unordered_map>
#include <vector>

#include "actors/overlay.hpp"
#include "protocol/call.hpp"

namespace ostsim::actors {

enum class Flow : std::uint8_t { Stake, Redeem };
enum class StepKind : std::uint8_t { Wrap, Approve, Declare, Anchor, Prove, Confirm, ProgressSource, ProgressTarget };
std::string_view to_string(Flow f);
std::string_view to_string(StepKind s);

// One step of one message: sent when, included where (a final block) and at what gas, or why
// it reverted. An anchor step is the reporter's transaction, seen by the facilitator.
struct StepRecord {
    std::uint32_t message = 0;  // index in messages()
    StepKind step = StepKind::Declare;
    std::uint32_t core = 0;
    engine::Time sent = 0;
    std::uint64_t height = 0;    // of the final block that holds it; 0: not (yet) final
    engine::Time included = 0;   // that block's timestamp
    engine::Time seen = 0;       // when the facilitator learnt it final
    std::uint64_t gas_used = 0;
    protocol::Rejection reverted = protocol::Rejection::None;
};

struct MessageRecord {
    enum Phase : std::uint8_t { Declaring, AwaitingAnchor, Confirming, Progressing, Done, Failed };
    Flow flow = Flow::Stake;
    std::uint32_t pair = 0;
    std::uint32_t user = 0;  // the staker's index; its beneficiary redeems
    chain::Hash hash;        // the message hash both gateways key it by
    chain::uint256 amount = 0;
    engine::Time started = 0;
    engine::Time finished = 0;  // when the facilitator saw its last step final
    Phase phase = Declaring;
};

class Facilitator final : public core::Client {
  public:
    Facilitator(const OverlaySpec& spec, Pair pair, std::uint32_t index);

    void start(core::ClientHost& host) override;
    void on_timer(core::ClientHost& host, std::uint64_t tag) override;
    void on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) override;

    const Pair& pair() const { return pair_; }
    const std::vector<MessageRecord>& messages() const { return messages_; }
    const std::vector<StepRecord>& steps() const { return steps_; }
    std::uint64_t busy_arrivals() const { return busy_arrivals_; }  // stakers with one in flight

  private:
    struct Live {  // what a message in flight needs beyond its record
        protocol::StakeParams params;
        chain::Hash secret;
        std::uint64_t declared_height = 0;  // of its source block
        std::uint64_t proof_height = 0;
        int progress_left = 2;
    };
    struct Side {  // what the facilitator knows of one core
        std::map<std::uint64_t, const core::Block*> finals;  // its final chain, by height
        std::uint64_t anchored_height = 0;  // the latest remote root anchored here...
        chain::Hash anchored_root;
        std::uint64_t anchor_block = 0;     // ...in this final block height,
        engine::Time anchor_time = 0;       // with this timestamp
        std::uint64_t proven_height = 0;    // the latest remote height proven to the gateway here
    };
    enum Action : std::uint8_t { Arrive, Confirm, Progress };

    std::uint32_t source_of(Flow f) const { return f == Flow::Stake ? pair_.origin : pair_.aux; }
    std::uint32_t target_of(Flow f) const { return f == Flow::Stake ? pair_.aux : pair_.origin; }
    Side& side(std::uint32_t c) { return c == pair_.origin ? origin_ : aux_; }

    void arrive(core::ClientHost& host);
    void stake(core::ClientHost& host, std::uint32_t user);
    void redeem(core::ClientHost& host, std::uint32_t user, const chain::uint256& amount);
    void send(core::ClientHost& host, std::uint32_t message, StepKind step, std::uint32_t c,
              const chain::Address& from, protocol::Body body, std::uint64_t gas_limit,
              const chain::uint256& value = 0);
    void later(core::ClientHost& host, Action a, std::uint32_t message);
    void included(core::ClientHost& host, const StepRecord& s);
    void try_confirm(core::ClientHost& host, Flow f);
    void confirm(core::ClientHost& host, std::uint32_t message);
    void progress(core::ClientHost& host, std::uint32_t message);
    void end(std::uint32_t message, MessageRecord::Phase phase, engine::Time now);

    TransferSpec spec_;
    std::uint64_t gas_price_;
    chain::uint256 bounty_;
    Pair pair_;
    std::uint32_t index_;
    Side origin_, aux_;
    std::vector<MessageRecord> messages_;
    std::unordered_map<std::uint32_t, Live> live_;  // by message
    std::vector<StepRecord> steps_;
    std::unordered_map<std::uint64_t, std::size_t> pending_;  // call handle -> step
    // Per user and flow: the next nonce its gateway expects, and whether one is in flight.
    std::vector<std::uint64_t> nonce_[2];
    std::vector<bool> busy_[2];
    std::uint64_t busy_arrivals_ = 0;
};

}  // namespace ostsim::actors
