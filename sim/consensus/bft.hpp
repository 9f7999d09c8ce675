// Tendermint-style BFT: Algorithm 1 of Buchman, Kwon and Milosevic, "The latest gossip on BFT
// consensus" (2018), with voting power, on validators 0..n-1 of the core (later nodes follow:
// they count votes and commit, and never vote).
//
// Height h, round r: the proposer (ProposerRotation, Tendermint's weighted round robin)
// proposes; validators prevote, then precommit once more than 2/3 of the power prevoted a block
// (a polka), locking on it; a block with precommits of more than 2/3 is committed at once
// (host.finalize: instant finality) and the next height starts timeout_commit later. Timeouts
// grow by a delta per round; as in the paper (lines 34, 47) and Tendermint Core, the prevote and
// precommit timeouts start only once more than 2/3 of the power has cast a vote of that kind,
// and f+1 (over 1/3) of the power heard in a later round moves a node to it (line 55).
//
// Proposals: a fresh proposal is a block the proposer produces on the last committed block with
// seal = its round, weight 1. A proposer that holds a valid value (a block that had a polka)
// proposes it again rather than a new block; as the block already exists, the proposer's own
// prevote for it in the new round is its proposal message, and a receiver accepts it when it has
// itself seen a polka for the block in an earlier round (the paper's vr, line 28: the latest
// such round, the most permissive choice a receiver can verify).
//
// Fork choice: committed blocks are final, and honest proposers build only on them; valid()
// rejects a block whose parent is at a decided height but off the committed chain, so only the
// committed chain grows. A proposal that fails (late, or a second block of an equivocating
// proposer) is a sibling of equal weight: when seen first it is the node's tree head until the
// next height's block arrives (that block carries the commit of its parent, as a Tendermint
// block carries LastCommit), which the node records as a depth-1 reorganisation. Finality never
// moves.
//
// Stalls: host.stalled(h, r) when round r ends without a decision, and, while fewer than 2/3
// vote so that no timeout can start (more than 1/3 offline: liveness lost, the node waits in
// its round for good), once per nominal round duration (the sum of the round's three timeouts).
//
// Behaviours (this node's): Offline does nothing at all. Slow casts its votes and produces its
// proposals `delay` late. Equivocating casts, beside each vote, a conflicting one of the same
// kind in the same round (for nil beside a block; for its second block beside its first when it
// proposed two), and as proposer produces two blocks. Honest nodes keep a validator's first
// vote and count each conflicting one as evidence.
//
// Limits: static validator set; proposals and votes reach every node (no gossip of missed
// messages, no block sync); no evidence is acted on (no slashing, no jailing).
#pragma once

#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "consensus/delayed_votes.hpp"
#include "consensus/proposer_rotation.hpp"
#include "consensus/rule.hpp"
#include "consensus/validator.hpp"
#include "consensus/vote_set.hpp"

namespace ostsim::consensus {

struct BftParams {
    std::vector<std::uint64_t> powers{};  // voting power of validators 0..n-1, each > 0
    // Tendermint Core's defaults (config.toml, [consensus]; v0.34): timeout(r) = base + r x delta.
    engine::Time timeout_propose = 3 * engine::kSecond;
    engine::Time timeout_propose_delta = 500 * engine::kMillisecond;
    engine::Time timeout_prevote = 1 * engine::kSecond;
    engine::Time timeout_prevote_delta = 500 * engine::kMillisecond;
    engine::Time timeout_precommit = 1 * engine::kSecond;
    engine::Time timeout_precommit_delta = 500 * engine::kMillisecond;
    engine::Time timeout_commit = 1 * engine::kSecond;  // after a commit, before the next height
    Behaviour behaviour{};                               // this node's
};

class Bft final : public Rule {
  public:
    explicit Bft(BftParams p);

    void start(Host& host) override;
    void on_timer(Host& host, std::uint64_t tag) override;
    bool valid(const Host& host, const BlockMeta& block) const override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;
    void on_vote(Host& host, const Vote& vote) override;

    std::uint64_t height() const { return height_; }  // being decided
    std::uint32_t round() const { return round_; }
    // Conflicting votes seen (a validator's second vote of a kind in a round, for another block).
    std::uint64_t evidence() const { return evidence_; }

  private:
    enum class Step : std::uint8_t { NewHeight, Propose, Prevote, Precommit };
    struct Candidate {  // a possible proposal: a block, and who put it forward
        chain::BlockId block;
        NodeIndex from;
    };
    struct Round {
        VoteSet prevotes, precommits;
        std::vector<bool> heard;  // by validator: any vote in this round
        std::uint64_t heard_power = 0;
        std::vector<Candidate> candidates;
        bool prevote_wait = false, precommit_wait = false, polka = false;  // "for the first time"
    };
    struct Timer {
        enum Kind : std::uint8_t { Commit, Propose, Prevote, Precommit, Watch, Proposal } kind;
        std::uint64_t height;
        std::uint32_t round;
    };

    bool is_validator(NodeIndex n) const { return n < p_.powers.size(); }
    bool offline() const { return p_.behaviour.kind == Behaviour::Offline; }
    engine::Time timeout(engine::Time base, engine::Time delta, std::uint32_t r) const {
        return base + static_cast<engine::Time>(r) * delta;
    }
    engine::Time round_length(std::uint32_t r) const;

    // Runs `handle`, then the paper's upon-rules until none applies; re-entrant calls (producing
    // a block delivers it back) only ask for another pass.
    template <class F>
    void input(Host& host, F&& handle);
    void apply_rules(Host& host);
    void fire(Host& host, const Timer& t);
    void set_timer(Host& host, Timer::Kind kind, engine::Time delay);

    void start_round(Host& host, std::uint32_t r);
    void propose(Host& host);
    void produce_proposal(Host& host);
    void commit(Host& host, chain::BlockId block);
    void cast(Host& host, Vote::Kind kind, chain::BlockId block);
    void record(const Vote& vote);
    void add_block(const BlockMeta& block);

    Round& round_at(std::uint32_t r);
    std::optional<chain::BlockId> proposal(const Host& host);
    bool acceptable(const Host& host, chain::BlockId block) const;  // the paper's valid(v)
    std::optional<std::uint32_t> polka_round(chain::BlockId block) const;  // latest, < round_
    std::optional<chain::BlockId> decided(const Host& host) const;

    BftParams p_;
    std::uint64_t total_ = 0;
    ProposerRotation height_set_;  // this height's set, round 0
    ProposerRotation round_set_;   // advanced to round_

    std::uint64_t height_ = 1;
    std::uint32_t round_ = 0;
    Step step_ = Step::NewHeight;
    chain::BlockId last_commit_ = chain::kGenesis;
    chain::BlockId locked_ = kNil, valid_ = kNil;  // valid_: the latest block with a polka
    std::int64_t locked_round_ = -1;
    std::map<std::uint32_t, Round> rounds_;  // this height's
    std::map<std::uint64_t, std::vector<Vote>> future_votes_;  // by height
    std::map<std::uint64_t, std::vector<chain::BlockId>> future_blocks_;
    chain::BlockId second_ = kNil;  // an equivocating proposer's other block, this round

    std::unordered_map<std::uint64_t, Timer> timers_;  // by tag, below DelayedVotes::kTagBit
    std::uint64_t next_tag_ = 0;
    DelayedVotes outbox_;
    bool busy_ = false, again_ = false;
    std::uint64_t evidence_ = 0;
};

}  // namespace ostsim::consensus
