// The tables of a run with an OST overlay, a row written once its record settles
// (cli/settled.hpp) or at the end of the run:
// - `transfers`: one row per message (a stake & mint or a redeem & unstake); settled once done,
//   failed or revoked with every step of it final;
// - `messages`: one row per step of each message - which core, which final block, when, at
//   what gas, and the contract's reason when it reverted; settled once final;
// - `anchors`: one row per anchoring a reporter sent; settled once final.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "cli/settled.hpp"
#include "trace/table.hpp"
#include "trace/writer.hpp"
#include "world/world.hpp"

namespace ostsim::cli {

struct TransferRow {
    std::uint32_t pair;
    std::uint32_t message;
    std::array<char, 8> flow;
    std::uint32_t user;
    double amount;
    std::int64_t started;
    std::int64_t finished;
    std::array<char, 16> phase;
};
const trace::TableSpec& transfers_spec();

struct MessageRow {
    std::uint32_t pair;
    std::uint32_t message;
    std::array<char, 16> step;
    std::uint32_t core;
    std::int64_t sent;
    std::uint64_t height;
    std::int64_t included;
    std::int64_t seen;
    std::uint64_t gas_used;
    std::array<char, 48> reverted;
};
const trace::TableSpec& messages_spec();

struct AnchorRow {
    std::uint32_t reporter;
    std::uint32_t source;
    std::uint32_t target;
    std::uint64_t height;
    std::int64_t observed;
    std::int64_t sent;
    std::uint64_t target_height;
    std::int64_t included;
    std::uint64_t gas_used;
    std::array<char, 48> reverted;
};
const trace::TableSpec& anchors_spec();

// The three tables of the world's reporters and facilitators (a world without an overlay has
// none).
class OverlayRows {
  public:
    OverlayRows(trace::Writer& trace, const world::World& w);
    // Appends the rows settled since the last call; every row not written yet when `all`.
    void append(bool all);

  private:
    const world::World& world_;
    trace::Table<TransferRow> transfers_;
    trace::Table<MessageRow> messages_;
    trace::Table<AnchorRow> anchors_;
    // Per client of the world (only reporters' and facilitators' are used).
    std::vector<Settled> transfers_written_, steps_written_, anchors_written_;
};

}  // namespace ostsim::cli
