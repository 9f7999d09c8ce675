// Gas of contract calls, metered from what a call actually does rather than fixed per function:
// every storage read and write, hashed byte, event, token call and calldata byte is charged at
// the EVM's fee for it, so a proof costs the nodes it carries and a write to a fresh slot costs
// more than an update, as on chain. Defaults are Istanbul's fees (the fork of the contracts' era,
// 2019-20): Yellow Paper appendix G, with EIP-1884 (SLOAD, BALANCE), EIP-2028 (calldata) and
// EIP-2200 (SSTORE net metering). The two members marked "estimate" stand for what metering does
// not see (ABI decoding, memory, jumps); docs/protocol.md gives their derivation and a check
// against a measured figure. Every member is a plain field so that a scenario can override it.
#pragma once

#include <cstdint>

#include "eth/bytes.hpp"

namespace ostsim::protocol {

struct GasSchedule {
    std::uint64_t transaction = 21'000;      // G_transaction (YP)
    std::uint64_t calldata_zero_byte = 4;    // G_txdatazero (YP)
    std::uint64_t calldata_byte = 16;        // G_txdatanonzero (EIP-2028)
    std::uint64_t sload = 800;               // SLOAD (EIP-1884)
    std::uint64_t sstore_set = 20'000;       // clean slot, zero to non-zero (EIP-2200)
    std::uint64_t sstore_reset = 5'000;      // clean slot, non-zero to other (EIP-2200)
    std::uint64_t sstore_dirty = 800;        // slot already written in this call (EIP-2200)
    std::uint64_t sstore_clear_refund = 15'000;  // R_sclear (YP, EIP-2200)
    std::uint64_t balance = 700;             // BALANCE (EIP-1884)
    std::uint64_t call = 700;                // G_call (EIP-150): a token or vault call
    std::uint64_t call_value = 9'000;        // G_callvalue (YP): a call that sends base coin
    std::uint64_t keccak = 30;               // G_sha3 (YP)
    std::uint64_t keccak_word = 6;           // G_sha3word (YP)
    std::uint64_t log = 375;                 // G_log (YP)
    std::uint64_t log_topic = 375;           // G_logtopic (YP)
    std::uint64_t log_byte = 8;              // G_logdata (YP)
    // Refunds are capped at half the gas used (YP eq. 72, before EIP-3529).
    std::uint64_t refund_quotient = 2;
    // Estimate: ABI decoding, memory expansion and control flow of one function call.
    std::uint64_t function_overhead = 3'000;
    // Estimate: RLP decoding and branching per Merkle-Patricia proof node, besides its keccak.
    std::uint64_t proof_node_overhead = 1'500;
    // Estimate: calldata of one static ABI argument word (a small integer costs 140, an
    // address 368, a hash 512 at the fees above); dynamic bytes (proofs) are charged exactly.
    std::uint64_t calldata_word = 350;

    std::uint64_t keccak_gas(std::size_t bytes) const { return keccak + keccak_word * ((bytes + 31) / 32); }
    // Calldata gas of raw bytes, each at its zero or non-zero fee.
    std::uint64_t calldata_gas(eth::ByteView bytes) const;
};

}  // namespace ostsim::protocol
