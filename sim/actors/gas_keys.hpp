// The scenario keys overlay.gas.<name>, one per protocol::GasSchedule member, so that a scenario
// can set any fee of the contracts' metered gas (docs/protocol.md's gas table). Header-only: the
// scenario schema takes its defaults from GasSchedule{} through it, and the world its values.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "protocol/gas_schedule.hpp"

namespace ostsim::actors {

struct GasKey {
    std::string_view name;
    std::uint64_t protocol::GasSchedule::*member;
    std::string_view doc;
};

inline constexpr std::array<GasKey, 20> kGasKeys{{
    {"transaction", &protocol::GasSchedule::transaction, "Per transaction (YP G_transaction)."},
    {"calldata_zero_byte", &protocol::GasSchedule::calldata_zero_byte, "Per zero calldata byte (YP G_txdatazero)."},
    {"calldata_byte", &protocol::GasSchedule::calldata_byte, "Per non-zero calldata byte (EIP-2028)."},
    {"sload", &protocol::GasSchedule::sload, "SLOAD (EIP-1884)."},
    {"sstore_set", &protocol::GasSchedule::sstore_set, "SSTORE of a clean slot from zero (EIP-2200)."},
    {"sstore_reset", &protocol::GasSchedule::sstore_reset, "SSTORE of a clean non-zero slot (EIP-2200)."},
    {"sstore_dirty", &protocol::GasSchedule::sstore_dirty, "SSTORE of a slot already written in the call (EIP-2200)."},
    {"sstore_clear_refund", &protocol::GasSchedule::sstore_clear_refund, "Refund for clearing a slot (YP R_sclear)."},
    {"balance", &protocol::GasSchedule::balance, "BALANCE (EIP-1884)."},
    {"call", &protocol::GasSchedule::call, "A call to a token or vault (EIP-150 G_call)."},
    {"call_value", &protocol::GasSchedule::call_value, "Added to a call that sends base coin (YP G_callvalue)."},
    {"keccak", &protocol::GasSchedule::keccak, "KECCAK256 (YP G_sha3)."},
    {"keccak_word", &protocol::GasSchedule::keccak_word, "Per hashed 32-byte word (YP G_sha3word)."},
    {"log", &protocol::GasSchedule::log, "Per event (YP G_log)."},
    {"log_topic", &protocol::GasSchedule::log_topic, "Per event topic (YP G_logtopic)."},
    {"log_byte", &protocol::GasSchedule::log_byte, "Per event data byte (YP G_logdata)."},
    {"refund_quotient", &protocol::GasSchedule::refund_quotient, "Refunds are capped at gas used / this (YP eq. 72)."},
    {"function_overhead", &protocol::GasSchedule::function_overhead,
     "Estimate: ABI decoding, memory and control flow of one function call."},
    {"proof_node_overhead", &protocol::GasSchedule::proof_node_overhead,
     "Estimate: RLP decoding and branching per Merkle-Patricia proof node."},
    {"calldata_word", &protocol::GasSchedule::calldata_word, "Estimate: calldata of one static ABI word."},
}};
static_assert(sizeof(protocol::GasSchedule) == kGasKeys.size() * sizeof(std::uint64_t),
              "every GasSchedule member needs its scenario key");

}  // namespace ostsim::actors
