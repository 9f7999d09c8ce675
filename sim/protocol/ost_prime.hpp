// OST Prime, the base coin of an auxiliary core (MC gateway/OSTPrime.sol, OSTPrimeConfig.sol;
// PROTOCOL.md 4.4): an EIP-20 wrapper of the native coin. Genesis gives the contract TOKENS_MAX
// native coin, handed in once by initialize(). Minting (increaseSupply, by the co-gateway) credits
// the ERC20 amount to the contract itself and pays the account in native coin, so minted OST'
// arrives as gas money; wrap() turns native coin into ERC20 from the contract's pool and unwrap()
// back; decreaseSupply burns the co-gateway's ERC20 balance. Hence the identities
//     native(contract) + ERC20(contract) == TOKENS_MAX, when initialised;
//     totalSupply == ERC20(contract) + ERC20 held outside it.
//
// Storage past Erc20's: the initialised flag at slot 7 (ostsim's layout).
#pragma once

#include "protocol/erc20.hpp"

namespace ostsim::protocol {

struct OstPrime {
    Erc20 token;
    Address co_gateway;
    // TOKENS_MAX = 800,000,000 x 10^18 (MC OSTPrimeConfig.sol).
    uint256 tokens_max = uint256(800'000'000) * uint256(1'000'000'000'000'000'000ULL);

    static constexpr std::uint64_t kInitializedSlot = 7;

    bool initialized(Exec& x) const { return x.load(token.address, slot(kInitializedSlot)) != 0; }
    bool exists(Exec&, const Address&) const { return true; }  // UtilityToken.exists
    // `value` is msg.value, already credited to the contract by the call.
    Rejection initialize(Exec& x, const uint256& value) const;
    Rejection wrap(Exec& x, const Address& caller, const uint256& value) const;
    Rejection unwrap(Exec& x, const Address& caller, const uint256& amount) const;
    Rejection increase_supply(Exec& x, const Address& caller, const Address& account,
                              const uint256& amount) const;
    Rejection decrease_supply(Exec& x, const Address& caller, const uint256& amount) const;
};

}  // namespace ostsim::protocol
