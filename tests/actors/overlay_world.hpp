// The world the actor tests run: an origin and two auxiliary cores on clique (3 s, 1 s, 2 s
// blocks, final 2 deep), joined by the OST overlay, and helpers to read it at its end.
#pragma once

#include <map>
#include <utility>

#include "actors/facilitator.hpp"
#include "world/world.hpp"

namespace ostsim::actors_test {

inline world::CoreSpec clique_core(const char* name, engine::Time period) {
    world::CoreSpec c;
    c.params.name = name;
    c.params.delay = 100 * engine::kMillisecond;
    c.nodes = 4;
    c.rule = world::ValidatorSpec{world::ValidatorSpec::Clique, period, 2, 0, 100};
    return c;
}

inline world::WorldSpec three_cores(int threads) {
    world::WorldSpec w;
    w.seed = 7;
    w.threads = threads;
    w.duration = 15 * 60 * engine::kSecond;
    w.cores = {clique_core("origin", 3 * engine::kSecond), clique_core("aux1", engine::kSecond),
               clique_core("aux2", 2 * engine::kSecond)};
    actors::OverlaySpec o;
    o.origin = 0;
    o.auxiliaries = {1, 2};
    o.transfers.stakers = 6;
    o.transfers.stakes_per_second = 0.1;
    o.transfers.message_gas_limit = 100'000;
    o.transfers.message_gas_price = 2;
    w.overlay = o;
    return w;
}

// The same world with misbehaving facilitators: pair 0's goes offline after 4 minutes (its users
// revoke what it leaves after 90 s), pair 1's withholds the secret on the target side.
inline world::WorldSpec misbehaving(int threads) {
    world::WorldSpec w = three_cores(threads);
    w.duration = 12 * 60 * engine::kSecond;
    w.overlay->facilitator.offline = {true, false};
    w.overlay->facilitator.offline_after = 4 * 60 * engine::kSecond;
    w.overlay->facilitator.withhold_secret = {false, true};
    w.overlay->transfers.revoke_after = 90 * engine::kSecond;
    return w;
}

// Pair 1's facilitator withholds the secret, is slow (15 s before each step) and goes offline
// after 3 min 10 s, when (at seed 7) three stakes have their source progressed and wait for
// the proven target progress it then never sends: their users complete the target with the
// secret that progress made public (docs/actors.md, Revocation).
inline world::WorldSpec withheld_then_offline(int threads) {
    world::WorldSpec w = misbehaving(threads);
    w.overlay->facilitator.offline = {false, true};
    w.overlay->facilitator.offline_after = 190 * engine::kSecond;
    w.overlay->transfers.facilitator_delay = 15 * engine::kSecond;
    return w;
}

// Users that revoke at once (1 s after their declaration is final, mostly before an anchor lets
// anyone confirm): once the confirmation is final, the user's revert and the facilitator's
// progress leave at the same moment, and race (PROTOCOL.md 1.1).
inline world::WorldSpec racing(int threads) {
    world::WorldSpec w = three_cores(threads);
    w.duration = 5 * 60 * engine::kSecond;
    w.overlay->transfers.revoke_after = engine::kSecond;
    return w;
}

inline constexpr std::size_t kPairs = 2;

inline const actors::Facilitator& facilitator(const world::World& w, std::size_t pair) {
    // Clients: 1 reporter per direction and pair, then the facilitators.
    return dynamic_cast<const actors::Facilitator&>(w.client(2 * kPairs + pair));
}

// The last block final at node n that the actors heard of before `end`: its id and height.
inline std::pair<chain::BlockId, std::uint64_t> last_seen_final(const core::Node& n, engine::Time latency,
                                                                engine::Time end) {
    std::size_t k = n.finals().size();
    while (k > 0 && n.finals()[k - 1].time + latency > end) --k;
    return {n.finals().at(k - 1).id, std::uint64_t{k}};
}

// Per message, its steps by kind (the last of each kind).
using Steps = std::map<std::uint32_t, std::map<actors::StepKind, const actors::StepRecord*>>;
inline Steps steps_by_message(const actors::Facilitator& f) {
    Steps out;
    for (const auto& s : f.steps()) out[s.message][s.step] = &s;
    return out;
}

inline chain::uint256 slot_value(const world::World& w, std::size_t c, chain::BlockId at,
                                 const chain::Address& contract, const chain::Hash& slot) {
    return const_cast<core::Core&>(w.core(c)).ledger().storage(at, contract, slot).value_or(0);
}

}  // namespace ostsim::actors_test
