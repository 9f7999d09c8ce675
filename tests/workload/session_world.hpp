// The world the workload tests run: one clique core (2 s blocks, final 2 deep, 4 nodes) with one
// economy of users spending through sessions, and a reader of the economy's token balances.
#pragma once

#include <gtest/gtest.h>

#include <map>

#include "protocol/erc20.hpp"
#include "protocol/storage_layout.hpp"
#include "world/world.hpp"

namespace ostsim::workload_test {

inline world::WorldSpec session_world(workload::EconomySpec e, int threads = 1) {
    world::WorldSpec w;
    w.seed = 11;
    w.threads = threads;
    w.duration = 20 * workload::kMinute;
    world::CoreSpec c;
    c.params.name = "aux";
    c.params.delay = 100 * engine::kMillisecond;
    c.nodes = 4;
    c.rule = world::ValidatorSpec{world::ValidatorSpec::Clique, 2 * engine::kSecond, 2, 0, 100};
    w.cores = {c};
    e.name = "shop";
    e.record = true;
    w.economies = {e};
    return w;
}

inline workload::EconomySpec busy_economy() {
    workload::EconomySpec e;
    e.users = 40;
    e.merchants = 3;
    e.arrivals.per_hour = 120;
    e.session.secrets = 6;
    e.session.secret_amount = 5;
    e.session.session_amount = 20;
    e.session.lifetime = 10 * workload::kMinute;
    return e;
}

// How the economy's sessions ended, counted.
inline std::map<workload::SessionRecord::End, int> session_ends(const workload::EconomyDriver& d) {
    std::map<workload::SessionRecord::End, int> ends;
    for (const auto& s : d.sessions()) ++ends[s.end];
    return ends;
}

// An honest run: many spends, every one accepted, every opening through.
inline void expect_every_spend_accepted(const workload::EconomyCounts& k) {
    EXPECT_GT(k.accepted, 1000u);
    EXPECT_EQ(k.reverted, 0u);
    EXPECT_EQ(k.timed_out, 0u);
    EXPECT_EQ(k.sessions_failed, 0u);
}

// The token balance of `a` in the state of node 0's last final block.
inline chain::uint256 token_balance(const world::World& w, const workload::Economy& e, const chain::Address& a) {
    const core::Node& n = w.node(e.spec().core, 0);
    const chain::BlockId at = n.finals().back().id;
    return const_cast<core::Core&>(w.core(e.spec().core))
        .ledger()
        .storage(at, e.token(), protocol::mapping_slot(a, protocol::Erc20::kBalancesSlot))
        .value_or(0);
}

}  // namespace ostsim::workload_test
