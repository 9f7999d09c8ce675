// The tables of a run with session-spending economies, written at the end of the run (a spend's
// row changes until it is final):
// - `spends`: one row per spend a user sent - its session, secret, amount, misbehaviour, when
//   it was wanted, sent, first in the chain and final, and its outcome;
// - `sessions`: one row per session - when it was asked for, opened and ended, why it ended,
//   its accepted spends and what opening it cost.
#pragma once

#include <array>
#include <cstdint>

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

// Writes both tables from the world's economies; nothing without one.
void write_workload(const world::World& w, trace::Writer& trace);

}  // namespace ostsim::cli
