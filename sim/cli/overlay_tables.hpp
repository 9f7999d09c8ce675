// The tables of a run with an OST overlay, written at the end of the run (the records of a step
// change until it is final, so a checkpoint would have to rewrite them):
// - `transfers`: one row per message (a stake & mint or a redeem & unstake);
// - `messages`: one row per step of each message - which core, which final block, when, at
//   what gas, and the contract's reason when it reverted;
// - `anchors`: one row per anchoring a reporter sent.
#pragma once

#include <array>
#include <cstdint>

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

// Writes the three tables from the world's clients; nothing without an overlay.
void write_overlay(const world::World& w, trace::Writer& trace);

}  // namespace ostsim::cli
