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
// Misbehaviour (FacilitatorSpec): a facilitator that withholds the secret progresses the source
// side only; once an anchor covers that progress it completes the target with
// progress{Mint,Unstake}WithProof (the source outbox proven Progressed). An offline one takes no
// step from some time on.
//
// Users act on what final blocks show, `revoke_after` after their declaration is final. One
// whose source side is not progressed revokes it with its own keys (staker on the origin,
// beneficiary on the auxiliary): it confirms the intent on the target itself if nobody did (the
// revocation needs the target's inbox Declared), then revert (1.5 x bounty penalty), an anchor,
// confirm revert (outbox proven DeclaredRevocation), an anchor, progress revert (inbox proven
// Revoked). One whose source side is progressed cannot revoke: the secret is public (the source
// progress carries it), so it progresses the target itself if that is still not done (a
// facilitator that withheld the secret and went offline). The facilitator does not know that a
// user revokes, so its progress races the revocation (PROTOCOL.md 1.1), and the contracts decide:
// a revert after the source progressed reverts (the message goes on to Progressed); a source
// progress after the revert reverts, and once the target's progress is final and anchored the
// source side ends by progress{Stake,Redeem}WithProof (target inbox proven Progressed), while the
// user's confirm revert reverts on the target (its inbox is Progressed, not Declared). Either
// way the message ends Progressed on both sides; a target that confirms the revocation first
// ends it Revoked on both.
//
// The facilitator acts on final blocks only, and only on an anchored root that is the state root
// of the source block it knows final at that height. A step that reverts ends its message, with
// the contract's reason recorded (a staker whose declaration reverted may stake again; any
// later failure leaves the message in its box), except the steps that lost one of the races
// above, which the contracts answer WrongStatus and the other step's success settles.
#pragma once

#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "actors/overlay.hpp"
#include "protocol/call.hpp"
#include "protocol/gateway_base.hpp"

namespace ostsim::actors {

enum class Flow : std::uint8_t { Stake, Redeem };
// Anchor kinds name what the anchoring lets go on: the confirmation (anchor), the target's
// progress with proof (anchor_progress), confirm revert (anchor_revert), progress revert
// (anchor_revoked).
enum class StepKind : std::uint8_t {
    Wrap, Approve, Declare, Anchor, Prove, Confirm, ProgressSource, ProgressTarget,
    AnchorProgress, ProgressProof, Revert, AnchorRevert, ConfirmRevert, AnchorRevoked, ProgressRevert
};
inline constexpr std::size_t kStepKinds = 15;
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
    bool by_user = false;  // sent with the staker's or beneficiary's key, not the facilitator's
};

struct MessageRecord {
    enum Phase : std::uint8_t { Declaring, AwaitingAnchor, Confirming, Progressing, Done, Failed, Revoking, Revoked };
    Flow flow = Flow::Stake;
    std::uint32_t pair = 0;
    std::uint32_t user = 0;  // the staker's index; its beneficiary redeems
    chain::Hash hash;        // the message hash both gateways key it by
    chain::uint256 amount = 0;
    engine::Time started = 0;
    engine::Time finished = 0;  // when the facilitator saw its last step final
    engine::Time revoking = 0;  // when its user started revoking it; 0: never
    Phase phase = Declaring;
    bool with_proof = false;    // a side of it progressed by proof, not by the secret
    bool revocation_failed = false;  // its user revoked, but a progress won the race (1.1)
};

// How one facilitator behaves (from FacilitatorSpec and TransferSpec).
struct Behaviour {
    engine::Time delay = 0;              // before each step it takes
    engine::Time offline_after = engine::kNever;
    bool withhold_secret = false;
    engine::Time revoke_after = 0;       // its users' timeout; 0: they never revoke
};

// The facilitator's balances at the last final block holding one of its transactions, read from
// each core's ledger, and the gas it paid for its own transactions.
struct Balances {
    uint256 origin_ost = 0;       // OST (ERC-20 on the origin): bounties of stakes, rewards of unstakes
    uint256 origin_coin = 0;      // the origin's base coin: gas
    uint256 aux_coin = 0;         // OST Prime as the auxiliary's base coin: gas, redeem bounties, mint rewards
    uint256 origin_gas_cost = 0;  // gas used x gas price of its own transactions, per core
    uint256 aux_gas_cost = 0;
};

class Facilitator final : public core::Client {
  public:
    Facilitator(const OverlaySpec& spec, Pair pair, std::uint32_t index);
    static Behaviour behaviour_of(const OverlaySpec& spec, std::uint32_t index);

    void start(core::ClientHost& host) override;
    void on_timer(core::ClientHost& host, std::uint64_t tag) override;
    void on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) override;

    const Pair& pair() const { return pair_; }
    std::uint32_t index() const { return index_; }  // its pair's, in overlay.auxiliaries order
    const std::vector<MessageRecord>& messages() const { return messages_; }
    const std::vector<StepRecord>& steps() const { return steps_; }
    std::uint64_t busy_arrivals() const { return busy_arrivals_; }  // stakers with one in flight
    const Behaviour& behaviour() const { return behaviour_; }
    const uint256& bounty() const { return bounty_; }
    // At genesis (before its first transaction is final) and then as said above.
    const Balances& balances() const { return balances_; }
    std::uint64_t gas_price() const { return gas_price_; }

  private:
    // What a message waits for an anchor to do next.
    enum class Next : std::uint8_t { None, Confirm, ProgressProof, ConfirmRevert, ProgressRevert, ProgressSourceProof };
    // Waiting for an anchor, on the other core, of core `core`'s root at or above `height` (the
    // block holding the step to prove), then `next`, which proves against `proof_height`, the
    // anchored height that let it go.
    struct Wait {
        Next next = Next::None;
        std::uint32_t core = 0;
        std::uint64_t height = 0;
        std::uint64_t proof_height = 0;
    };
    static constexpr int kFacilitatorWait = 0, kUserWait = 1;  // they wait side by side in a race
    static int waiter(Next n) { return n == Next::ConfirmRevert || n == Next::ProgressRevert ? kUserWait : kFacilitatorWait; }
    struct Live {  // what a message in flight needs beyond its record
        protocol::StakeParams params;
        chain::Hash secret;
        int progress_left = 2;
        Wait waits[2];
        bool confirm_sent = false, confirmed = false, progress_sent = false, revoking = false;
        bool source_progressed = false;   // a source-side progress of it is final
        bool source_blocked = false;      // the source-side progress reverted: the revert came first
        bool user_completing = false;     // its user sent the target-side progress
        std::uint64_t target_height = 0;  // of the final block holding its target-side progress
    };
    struct Side {  // what the facilitator knows of one core
        std::map<std::uint64_t, const core::Block*> finals;  // its final chain, by height
        std::uint64_t anchored_height = 0;  // the latest remote root anchored here...
        chain::Hash anchored_root;
        std::uint64_t anchor_block = 0;     // ...in this final block height,
        engine::Time anchor_time = 0;       // with this timestamp
        std::uint64_t proven_height = 0;    // the latest remote height the facilitator proved here
    };
    enum Action : std::uint8_t { Arrive, Confirm, Progress, ProgressProof, Revoke, ProgressSourceProof, Complete };

    std::uint32_t source_of(Flow f) const { return f == Flow::Stake ? pair_.origin : pair_.aux; }
    std::uint32_t target_of(Flow f) const { return f == Flow::Stake ? pair_.aux : pair_.origin; }
    Side& side(std::uint32_t c) { return c == pair_.origin ? origin_ : aux_; }
    std::uint32_t other(std::uint32_t c) const { return c == pair_.origin ? pair_.aux : pair_.origin; }
    // The user's key on core c: the staker on the origin, its beneficiary on the auxiliary.
    const chain::Address& user_key(std::uint32_t c, std::uint32_t user) const {
        return c == pair_.origin ? pair_.stakers[user] : pair_.beneficiaries[user];
    }
    const chain::Address& gateway_on(std::uint32_t c) const {
        return c == pair_.origin ? pair_.gateway : pair_.co_gateway;
    }
    bool offline(const core::ClientHost& host) const { return host.now() >= behaviour_.offline_after; }

    void arrive(core::ClientHost& host);
    void stake(core::ClientHost& host, std::uint32_t user);
    void redeem(core::ClientHost& host, std::uint32_t user, const chain::uint256& amount);
    void send(core::ClientHost& host, std::uint32_t message, StepKind step, std::uint32_t c,
              const chain::Address& from, protocol::Body body, std::uint64_t gas_limit,
              const chain::uint256& value = 0);
    void later(core::ClientHost& host, Action a, std::uint32_t message);
    // `s` by value: the steps it sends grow steps(), where it came from.
    void included(core::ClientHost& host, StepRecord s);
    // A new anchor, or a final block an anchor may name: messages waiting for it go on.
    void try_anchor(core::ClientHost& host, std::uint32_t source);
    void wait_anchor(Live& live, std::uint32_t source, std::uint64_t height, Next next);
    // A step of `message` reverted: whether it lost a race the contracts settle another way
    // (then the message goes on).
    bool lost_race(const StepRecord& s);
    // proveGateway on core c at `height` of the other core, from `from`; false (and the message
    // failed) if the ledger no longer retains that state.
    bool prove(core::ClientHost& host, std::uint32_t message, std::uint32_t c, std::uint64_t height,
               const chain::Address& from);
    // The storage proof of box[hash] of core c's gateway at `height`; none if not retained.
    std::optional<eth::Proof> status_proof(core::ClientHost& host, std::uint32_t c, std::uint64_t height,
                                           protocol::Box box, const chain::Hash& hash);
    void confirm(core::ClientHost& host, std::uint32_t message, bool by_user);
    void progress(core::ClientHost& host, std::uint32_t message);
    void progress_proof(core::ClientHost& host, std::uint32_t message);
    // progress{Stake,Redeem}WithProof on the source: the target's inbox proven Progressed.
    void progress_source_proof(core::ClientHost& host, std::uint32_t message, bool by_user);
    // The user's target-side progress with the secret its source-side progress made public.
    void complete_target(core::ClientHost& host, std::uint32_t message);
    void revoke(core::ClientHost& host, std::uint32_t message);
    void revert(core::ClientHost& host, std::uint32_t message);
    void confirm_revert(core::ClientHost& host, std::uint32_t message);
    void progress_revert(core::ClientHost& host, std::uint32_t message);
    void read_balances(core::ClientHost& host, std::uint32_t c, const core::Block& b);
    void end(std::uint32_t message, MessageRecord::Phase phase, engine::Time now);

    TransferSpec spec_;
    Behaviour behaviour_;
    Balances balances_;
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
