#include "consensus/clique.hpp"

#include <algorithm>

namespace ostsim::consensus {

namespace {
constexpr std::uint64_t kInTurn = 2;   // geth diffInTurn
constexpr std::uint64_t kNoTurn = 1;   // geth diffNoTurn
}  // namespace

bool Clique::recently_signed(const Host& host, chain::BlockId parent, NodeIndex signer) const {
    // Out of any limit = N/2 + 1 consecutive blocks a signer signs one: the new block and the
    // limit - 1 blocks below it.
    chain::BlockId b = parent;
    for (std::uint32_t i = 0; i < p_.signers / 2; ++i) {
        const BlockMeta& m = host.meta(b);
        if (m.height == 0) return false;  // genesis has no signer
        if (m.producer == signer) return true;
        b = m.parent;
    }
    return false;
}

void Clique::restart(Host& host) {
    ++epoch_;
    const NodeIndex self = host.self();
    if (self >= p_.signers || p_.behaviour.kind == Behaviour::Offline) return;
    const auto& head = host.tree().head();
    if (recently_signed(host, head.id, self)) return;  // wait for the next head
    const std::uint64_t height = head.height + 1;
    const engine::Time now = host.now();
    parent_ = head.id;
    header_time_ = std::max<std::uint64_t>(host.meta(head.id).seal + p_.period,
                                           static_cast<std::uint64_t>(now));
    engine::Time delay = static_cast<engine::Time>(header_time_) - now;
    difficulty_ = in_turn(height) == self ? kInTurn : kNoTurn;
    if (difficulty_ == kNoTurn) {
        delay += static_cast<engine::Time>(host.rng().uniform() *
                                           static_cast<double>(wiggle_span()));
    }
    if (p_.behaviour.kind == Behaviour::Slow) delay += p_.behaviour.delay;
    host.set_timer(delay, epoch_);
}

void Clique::on_timer(Host& host, std::uint64_t tag) {
    if (tag != epoch_) return;  // the head changed since this attempt began
    // Copies: producing re-enters on_block, which restarts and overwrites them.
    const chain::BlockId parent = parent_;
    const std::uint64_t difficulty = difficulty_, header_time = header_time_;
    host.produce(parent, difficulty, header_time);
    if (p_.behaviour.kind == Behaviour::Equivocating) host.produce(parent, difficulty, header_time);
}

bool Clique::valid(const Host& host, const BlockMeta& block) const {
    if (block.producer >= p_.signers) return false;                    // errUnauthorizedSigner
    if (recently_signed(host, block.parent, block.producer)) return false;  // errRecentlySigned
    const std::uint64_t want = in_turn(block.height) == block.producer ? kInTurn : kNoTurn;
    if (block.weight != want) return false;                            // errWrongDifficulty
    return block.seal >= host.meta(block.parent).seal + p_.period;     // errInvalidTimestamp
}

void Clique::on_block(Host& host, const BlockMeta&, const chain::BlockTree::Change& change) {
    if (!change.new_head) return;
    restart(host);
    const auto& head = host.tree().head();
    if (p_.confirmations > 0 && head.height >= p_.confirmations) {
        host.finalize(host.tree().ancestor(head.id, head.height - p_.confirmations));
    }
}

}  // namespace ostsim::consensus
