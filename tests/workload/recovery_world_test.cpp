// Delayed recovery of lost devices on a core, end to end (economy `recovery`;
// delayed_recovery.hpp): the relayer initiates with the recovery owner's signature and executes
// only once the delay has passed - an execution tried at once is refused as too early - while
// the other device approves the user's sessions; found devices abort; with a single device the
// user's opening waits for the recovery. Users who reset their recovery owner recover with the
// new owner's key, which the chain holds. With fiat spends (quoted late) and resets besides, the
// run is the same at 1 and 2 threads.
#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "session_world.hpp"

using namespace ostsim;
using namespace ostsim::workload_test;
using protocol::AccountRejection;
using workload::RecoveryRecord;

namespace {

workload::EconomySpec recovering_economy() {
    workload::EconomySpec e = busy_economy();
    e.session.lose_device = 0.2;
    e.recovery.share = 1;
    e.recovery.delay = 50;
    e.recovery.abort = 0.25;
    e.recovery.early = 0.5;
    return e;
}

}  // namespace

TEST(recovery_world, recoveries_execute_after_the_delay_not_before_and_found_devices_abort) {
    const world::WorldSpec spec = session_world(recovering_economy());
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const workload::EconomyCounts& k = d.counts();
    expect_every_spend_accepted(k);  // device 1 approves while device 0 is recovered
    EXPECT_EQ(k.device_replacements, 0u);
    int executed = 0, aborted = 0, early = 0;
    std::uint64_t initiated = 0;
    for (const RecoveryRecord& r : d.recoveries()) {
        if (r.initiated == 0) continue;  // its initiation was not in the chain by the end
        ++initiated;
        if (r.end == RecoveryRecord::Executed) {
            ++executed;
            // The module: initiation height + delay < the execution's block number.
            EXPECT_GT(r.ended, r.initiated + 50);
            EXPECT_LE(r.ended, r.initiated + 53);  // sent when the head reached it
        }
        if (r.end == RecoveryRecord::Aborted) {
            ++aborted;
            EXPECT_EQ(r.early, AccountRejection::None);  // a found device aborts at once
        }
        if (r.early != AccountRejection::None) {
            ++early;
            EXPECT_EQ(r.early, AccountRejection::RecoveryTooEarly);
            // ... and it executes later all the same (unless the run ended first).
            EXPECT_TRUE(r.end == RecoveryRecord::Executed || r.end == RecoveryRecord::Pending);
        }
        EXPECT_NE(r.end, RecoveryRecord::Failed);
    }
    EXPECT_GT(executed, 10);
    EXPECT_GT(aborted, 3);
    EXPECT_GT(early, 3);
    EXPECT_EQ(k.recoveries, initiated);
    EXPECT_EQ(k.recoveries_executed, static_cast<std::uint64_t>(executed));
    EXPECT_EQ(k.recoveries_aborted, static_cast<std::uint64_t>(aborted));
    // Each executed recovery made device 0 a new key: the user's epoch counts them.
    std::uint64_t epochs = 0;
    for (std::uint32_t u = 0; u < d.economy().spec().users; ++u) epochs += d.user(u).device_epoch;
    EXPECT_EQ(epochs, static_cast<std::uint64_t>(executed));
}

TEST(recovery_world, with_one_device_the_opening_waits_for_the_recovery) {
    workload::EconomySpec e = recovering_economy();
    e.devices = 1;
    e.recovery.abort = 0;
    e.recovery.early = 0;
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    expect_every_spend_accepted(d.counts());
    ASSERT_GT(d.counts().recoveries_executed, 5u);
    // The sessions whose opening waited took more than the delay's 50 blocks of 2 s to open.
    int waited = 0;
    for (const auto& s : d.sessions()) {
        if (s.opened >= 0 && s.opened - s.requested > 100 * engine::kSecond) ++waited;
    }
    EXPECT_GE(static_cast<std::uint64_t>(waited), d.counts().recoveries_executed - 1);
}

TEST(recovery_world, fiat_spends_and_recoveries_are_the_same_at_one_and_two_threads) {
    workload::EconomySpec e = recovering_economy();
    e.fiat.share = 0.5;
    e.fiat.update_every = 2 * engine::kSecond;
    e.fiat.volatility = 0.05;
    e.fiat.quote_lag = 5 * engine::kSecond;
    e.recovery.reset = 0.2;
    auto run = [&](int threads) {
        world::WorldSpec spec = session_world(e, threads);
        spec.duration = 10 * workload::kMinute;
        world::World w(spec);
        w.run_until(spec.duration);
        const workload::EconomyDriver& d = w.economy(0);
        std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, bool, std::uint64_t, std::string,
                               chain::uint256, engine::Time, std::uint64_t, chain::uint256, chain::uint256>> spends;
        for (const auto& s : d.spends())
            spends.emplace_back(s.user, s.session, s.secret, s.fiat, s.amount_micro, std::string(s.outcome.reason()),
                                s.moved, s.final, s.height, s.quoted, s.oracle);
        std::vector<std::tuple<std::uint32_t, std::uint64_t, std::uint64_t, RecoveryRecord::End, AccountRejection>> recoveries;
        for (const auto& r : d.recoveries()) recoveries.emplace_back(r.user, r.initiated, r.ended, r.end, r.early);
        std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, AccountRejection>> resets;
        for (const auto& r : d.owner_resets()) resets.emplace_back(r.user, r.epoch, r.height, r.outcome);
        return std::make_tuple(spends, recoveries, resets);
    };
    const auto one = run(1);
    EXPECT_GT(std::get<0>(one).size(), 500u);
    EXPECT_GT(std::get<1>(one).size(), 5u);
    EXPECT_GT(std::get<2>(one).size(), 5u);
    EXPECT_TRUE(one == run(2));
}

TEST(recovery_world, reset_recovery_owners_are_the_chains_and_sign_the_recoveries_after_them) {
    workload::EconomySpec e = recovering_economy();
    e.recovery.abort = 0;
    e.recovery.early = 0;
    e.recovery.reset = 0.3;
    const world::WorldSpec spec = session_world(e);
    world::World w(spec);
    w.run_until(spec.duration);
    const workload::EconomyDriver& d = w.economy(0);
    const workload::EconomyCounts& k = d.counts();
    expect_every_spend_accepted(k);
    EXPECT_EQ(k.owner_resets_reverted, 0u);
    // Final resets per user, each to the user's next owner key, every one accepted.
    const std::uint64_t last_final = w.node(0, 0).finals().size();
    std::vector<std::uint32_t> resets(e.users, 0);
    for (const workload::OwnerResetRecord& r : d.owner_resets()) {
        if (!r.final || r.height > last_final) continue;
        EXPECT_EQ(r.outcome, AccountRejection::None) << r.user;
        EXPECT_EQ(r.epoch, ++resets[r.user]) << r.user;
    }
    const int total = std::accumulate(resets.begin(), resets.end(), 0);
    EXPECT_GT(total, 50);
    EXPECT_LE(static_cast<std::uint64_t>(total), k.owner_resets);
    // The holders' recovery owners in the last final state: the key of each user's last reset.
    const workload::Economy& econ = d.economy();
    auto& ledger = const_cast<core::Core&>(w.core(0)).ledger();
    const chain::BlockId at = w.node(0, 0).finals().back().id;
    for (std::uint32_t u = 0; u < e.users; ++u) {
        const chain::uint256 owner =
            ledger.storage(at, econ.holder(u), protocol::slot(protocol::DelayedRecovery::kOwnerSlot)).value_or(0);
        EXPECT_EQ(protocol::to_address(owner), econ.recovery_owner(u, resets[u]).address())
            << u;
    }
    // Recoveries initiated after a reset were signed by the new owner: none failed.
    int executed = 0;
    for (const RecoveryRecord& r : d.recoveries()) {
        EXPECT_NE(r.end, RecoveryRecord::Failed) << r.user;
        executed += r.end == RecoveryRecord::Executed;
    }
    EXPECT_GT(executed, 10);
}
