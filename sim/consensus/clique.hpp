// Clique proof of authority (EIP-225, as geth implements it in consensus/clique and OST's
// auxiliary chains ran it): N authorised signers, nodes 0..N-1 of the core, take turns.
//
//  - Height h is signer (h mod N)'s turn. In turn, a signer seals at the block's header time
//    with difficulty (fork-choice weight) 2; out of turn, at the header time plus a wiggle drawn
//    uniformly from [0, (N/2 + 1) x 500 ms), with difficulty 1 (geth Clique.Seal).
//  - A block's header time is max(parent's header time + period, the time its signer started on
//    the parent) (geth Clique.Prepare): the wiggle delays sealing, not the timestamp, so header
//    times stay on the parent-plus-period grid while blocks arrive in time. It travels in
//    BlockMeta::seal (nanoseconds); BlockMeta::timestamp is when the block was sealed.
//  - Recency: a signer signs at most one of any floor(N/2) + 1 consecutive blocks, so it may not
//    sign on a parent if it signed that parent or one of the floor(N/2) - 1 blocks below it
//    (geth snapshot.apply: Recents keeps the last limit - 1 signers). A signer on such a parent
//    waits for the next head; valid() rejects such blocks, blocks by non-signers, blocks whose
//    difficulty does not match the turn and header times closer than the period.
//  - Producers restart on every new head (geth's worker aborts the seal on a chain-head event).
//  - Finality: clique has none; a block `confirmations` deep is declared final, 0: never.
//
// Behaviours: an Offline signer never seals; a Slow one seals `delay` after it would have (its
// in-turn blocks then race the wiggled out-of-turn ones, and win when they arrive, weight 2 over
// 1); an Equivocating one seals two sibling blocks each time it seals.
//
// Limits: the signer set is fixed (no voting signers in or out, no epoch checkpoints); header
// times are nanoseconds rather than geth's whole seconds; blocks from the future (header time
// beyond the receiver's clock) cannot arise with non-negative delays and are not checked.
#pragma once

#include "consensus/rule.hpp"
#include "consensus/validator.hpp"

namespace ostsim::consensus {

struct CliqueParams {
    std::uint32_t signers = 1;                           // N: nodes 0..N-1 sign, others follow
    engine::Time period = 3 * engine::kSecond;           // OST auxiliary chains (PROTOCOL.md 5.3)
    engine::Time wiggle = 500 * engine::kMillisecond;    // geth wiggleTime, per (N/2 + 1)
    std::uint32_t confirmations = 0;                     // k-deep finality; 0: none
    Behaviour behaviour{};                                // this node's
};

class Clique final : public Rule {
  public:
    explicit Clique(CliqueParams p) : p_(p) {}

    void start(Host& host) override { restart(host); }
    void on_timer(Host& host, std::uint64_t tag) override;
    bool valid(const Host& host, const BlockMeta& block) const override;
    void on_block(Host& host, const BlockMeta& block,
                  const chain::BlockTree::Change& change) override;

    // The signer whose turn `height` is.
    NodeIndex in_turn(std::uint64_t height) const {
        return static_cast<NodeIndex>(height % p_.signers);
    }
    // Whether `signer` signed `parent` or one of the blocks below it that bar it from signing
    // the next block.
    bool recently_signed(const Host& host, chain::BlockId parent, NodeIndex signer) const;
    // The wiggle's upper bound, (N/2 + 1) x wiggle.
    engine::Time wiggle_span() const { return (p_.signers / 2 + 1) * p_.wiggle; }

  private:
    void restart(Host& host);

    CliqueParams p_;
    std::uint64_t epoch_ = 0;  // the current sealing attempt; older timers are void
    chain::BlockId parent_ = chain::kGenesis;
    std::uint64_t header_time_ = 0;
    std::uint64_t difficulty_ = 0;
};

}  // namespace ostsim::consensus
