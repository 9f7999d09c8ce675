// Delayed recovery of lost devices on a core, end to end (economy `recovery`;
// delayed_recovery.hpp): the relayer initiates with the recovery owner's signature and executes
// only once the delay has passed - an execution tried at once is refused as too early - while
// the other device approves the user's sessions; found devices abort; with a single device the
// user's opening waits for the recovery. With fiat spends besides, the run is the same at 1 and
// 2 threads.
#include <gtest/gtest.h>

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
    auto run = [&](int threads) {
        world::WorldSpec spec = session_world(e, threads);
        spec.duration = 10 * workload::kMinute;
        world::World w(spec);
        w.run_until(spec.duration);
        const workload::EconomyDriver& d = w.economy(0);
        std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, bool, std::uint64_t, std::string,
                               chain::uint256, engine::Time, std::uint64_t>> spends;
        for (const auto& s : d.spends())
            spends.emplace_back(s.user, s.session, s.secret, s.fiat, s.amount_micro, std::string(s.outcome.reason()),
                                s.moved, s.final, s.height);
        std::vector<std::tuple<std::uint32_t, std::uint64_t, std::uint64_t, RecoveryRecord::End, AccountRejection>> recoveries;
        for (const auto& r : d.recoveries()) recoveries.emplace_back(r.user, r.initiated, r.ended, r.end, r.early);
        return std::make_pair(spends, recoveries);
    };
    const auto one = run(1);
    EXPECT_GT(one.first.size(), 500u);
    EXPECT_GT(one.second.size(), 5u);
    EXPECT_TRUE(one == run(2));
}
