// Test fixture for accounts: one auxiliary core with a UtilityBrandedToken, a TokenHolder funded
// with it and owned by three device keys (threshold 2), a merchant, and a relayer; every call is
// its own block. Parameterised by the signature mode so that each test runs in both.
#pragma once

#include <gtest/gtest.h>

#include "protocol/account_call.hpp"
#include "protocol/hash_chain.hpp"

namespace ostsim::protocol::test {

struct AccountCore {
    explicit AccountCore(SignatureMode mode, SessionPolicy policy = {},
                         std::optional<PricerRule> pricer = std::nullopt);

    SignatureMode mode;
    chain::WorldState state{64};
    Contracts contracts;
    GasSchedule gas;
    std::uint64_t height = 0;
    std::uint64_t time_s = kGenesisTime;  // the last block's timestamp

    Address ubt, co_gateway, worker, holder_address, merchant, relayer, token_rules;
    std::vector<KeyHolder> devices;  // the three owners, in setup order
    TokenHolder holder;

    static constexpr std::uint64_t kFunds = 1'000'000;
    static constexpr std::uint64_t kGenesisTime = 1'600'000'000;  // s
    static constexpr std::uint64_t kBlockSeconds = 3;             // an auxiliary core's interval

    // Runs one call in the next block; the state is committed either way.
    AccountOutcome call(AccountBody body, std::uint64_t gas_limit = 2'000'000);
    AccountOutcome call_from(const Address& sender, AccountBody body, std::uint64_t gas_limit = 2'000'000);
    // Lets `blocks` empty blocks pass.
    void skip(std::uint64_t blocks) {
        height += blocks;
        time_s += blocks * kBlockSeconds;
    }
    // Lets time pass with no block (a stalled core): only the next block's timestamp moves.
    void stall(std::uint64_t seconds) { time_s += seconds; }
    // The context of the next block, which becomes the last one.
    BlockContext next_block() {
        time_s += kBlockSeconds;
        return {++height, {}, time_s};
    }
    BlockContext last_block() const { return {height, {}, time_s}; }
    uint256 balance(const Address& a);
    uint256 nonce();
    // Signatures of devices `which` over the operation at the holder's current nonce.
    Signatures approve(DeviceOp op, std::vector<Hash> args, std::vector<std::size_t> which);
    Signatures approve_session(const Address& key, const Hash& anchor, const SessionLimits& l,
                               std::vector<std::size_t> which = {0});
    // Opens a hash-chain session with a fresh key; returns the key.
    KeyHolder open(const HashChain& chain, const SessionLimits& l, std::uint8_t key_tag);
    AccountOutcome spend(const KeyHolder& key, const Hash& preimage, const uint256& amount);
};

Hash tag_hash(std::uint8_t tag);

}  // namespace ostsim::protocol::test
