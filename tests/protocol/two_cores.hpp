// Test fixture: an origin core and an auxiliary core, each a world state with the protocol's
// contracts deployed, a block per call, and helpers that anchor one core's state roots on the
// other and build proofs with WorldState::prove - the parts a facilitator and a reporter play.
#pragma once

#include <gtest/gtest.h>

#include "protocol/apply.hpp"
#include "protocol/proofs.hpp"

namespace ostsim::protocol::test {

Address addr(std::uint8_t tag);
Hash secret_of(std::uint8_t i);

// One core: every call is its own block, committed as the next height.
struct Core {
    chain::WorldState state{64};
    Contracts contracts;
    GasSchedule gas;
    std::uint64_t height = 0;
    std::vector<RemoteFinality> remote_finalized;  // what each block's context knows final

    Outcome call(const Address& sender, Body body, const uint256& value = 0,
                 std::uint64_t gas_limit = 10'000'000);
    // Runs `f` outside any call (deployment, genesis balances), then commits the next height.
    template <typename F>
    void genesis(F f) {
        Exec x(state, contracts, gas, {height + 1, {}});
        f(x);
        state.commit(++height);
    }
    // A free read of the current state.
    template <typename F>
    auto read(F f) {
        Exec x(state, contracts, gas, {height, {}});
        return f(x);
    }
    Hash root() const { return *state.root_at(height); }
    uint256 native(const Address& a) { return state.account(a).balance; }
    uint256 balance(const Address& token, const Address& a) {
        return read([&](Exec& x) { return contracts.erc20(token)->balance_of(x, a); });
    }
};

enum class Economy : std::uint8_t { Ost, Branded };

struct TwoCores {
    // Origin.
    Address ost = addr(0x01), origin_anchor = addr(0x02), gateway = addr(0x03),
            vault = addr(0x04), origin_burner = addr(0x05), branded = addr(0x06);
    // Auxiliary.
    Address aux_anchor = addr(0x12), co_gateway = addr(0x13), ost_prime = addr(0x14),
            aux_burner = addr(0x15), ubt = addr(0x16);
    // People.
    Address org = addr(0x20), staker = addr(0x21), facilitator = addr(0x22),
            beneficiary = addr(0x23), stranger = addr(0x24), worker = addr(0x25);

    Core origin, aux;
    Economy economy;
    uint256 bounty = 100;  // origin, in OST; aux, in OST' (PROTOCOL.md 6: "100" in MC's tool)
    Address value_token() const { return economy == Economy::Ost ? ost : branded; }
    Address utility_token() const { return economy == Economy::Ost ? ost_prime : ubt; }

    explicit TwoCores(Economy e = Economy::Ost, std::uint64_t anchor_ring = 100,
                      std::uint64_t storage_root_ring = 100);

    // The organisation anchors the source core's latest root on the target's anchor.
    Outcome anchor_origin_on_aux();
    Outcome anchor_aux_on_origin();
    // proveGateway on `target` of `source`'s gateway at `height`, with an account proof.
    Outcome prove(Core& source, const Address& remote_gateway, Core& target,
                  const Address& local_gateway, std::uint64_t height);
    // The storage proof of `box`[h] of the gateway at `gw` in `source`'s state at `height`.
    eth::Proof status_proof(Core& source, const Address& gw, Box box, const Hash& h,
                            std::uint64_t height);

    StakeParams stake_params(const uint256& amount, const Hash& lock, const uint256& nonce = 0,
                             const uint256& gas_price = 2, const uint256& gas_limit = 100'000) const;
    IntentParams intent(const StakeParams& p, const Address& sender, std::uint64_t height,
                        eth::Proof proof) const;
    // S1 with approvals for amount + bounty + penalty; returns the message hash.
    Hash stake(const StakeParams& p);
    // S1, anchor, prove, S3: returns the message hash.
    Hash stake_and_confirm(const StakeParams& p);
    Status status(Core& c, const Address& gw, Box box, const Hash& h);
};

}  // namespace ostsim::protocol::test
