// The tables of a run with session-spending economies, a row written once its record settles
// (cli/settled.hpp) or at the end of the run:
// - `spends`: one row per spend a user sent - its session, secret, amount, misbehaviour, when
//   it was wanted, sent, first in the chain and final, and its outcome; settled once final or
//   given up;
// - `sessions`: one row per session - when it was asked for, opened and ended, why it ended,
//   its accepted spends and what opening it cost; settled once ended with none of its own
//   transactions still awaited;
// - `recoveries`: one row per delayed recovery of a lost device - when it was initiated, how it
//   ended and in which blocks; settled once executed, aborted or failed.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "cli/settled.hpp"
#include "trace/table.hpp"
#include "trace/writer.hpp"
#include "world/world.hpp"

namespace ostsim::cli {

struct SpendRow {
    std::uint32_t economy;
    std::uint32_t user;
    std::uint32_t session;
    std::uint32_t secret;
    std::array<char, 12> misbehaviour;
    double amount;
    std::int64_t intent;
    std::int64_t sent;
    std::int64_t included;
    std::int64_t final;
    std::uint64_t height;
    std::uint64_t gas_used;
    std::array<char, 48> outcome;
    std::uint8_t fiat;
    double moved;
    double quoted_price;
    double oracle_price;
};
const trace::TableSpec& spends_spec();

struct SessionRow {
    std::uint32_t economy;
    std::uint32_t user;
    std::uint32_t session;
    std::int64_t requested;
    std::int64_t opened;
    std::int64_t ended;
    std::array<char, 12> end;
    std::uint32_t spends;
    double spent;
    std::uint64_t open_gas;
};
const trace::TableSpec& sessions_spec();

struct RecoveryRow {
    std::uint32_t economy;
    std::uint32_t user;
    std::int64_t sent;
    std::uint64_t initiated;
    std::uint64_t ended;
    std::array<char, 12> end;
    std::array<char, 48> early;
};
const trace::TableSpec& recoveries_spec();

struct OwnerResetRow {
    std::uint32_t economy;
    std::uint32_t user;
    std::uint32_t epoch;
    std::int64_t sent;
    std::uint64_t height;
    std::array<char, 48> outcome;
};
const trace::TableSpec& owner_resets_spec();

// The tables of the world's economies (a world without one has none).
class WorkloadRows {
  public:
    WorkloadRows(trace::Writer& trace, const world::World& w);
    // Appends the rows settled since the last call; every row not written yet when `all`.
    void append(bool all);

  private:
    const world::World& world_;
    trace::Table<SpendRow> spends_;
    trace::Table<SessionRow> sessions_;
    trace::Table<RecoveryRow> recoveries_;
    trace::Table<OwnerResetRow> owner_resets_;
    std::vector<Settled> spends_written_, sessions_written_, recoveries_written_, owner_resets_written_;  // per economy
};

}  // namespace ostsim::cli
