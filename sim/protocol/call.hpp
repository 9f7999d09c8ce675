// A contract call as a transaction carries it: the sender, msg.value, gas price and limit, and
// one typed body per contract function ostsim models. Every body names its contract (`to`);
// kWords counts its static ABI arguments, for the calldata gas of the arguments that are not
// proofs (proof bytes are charged exactly). Bodies follow the contracts' function names.
#pragma once

#include <variant>
#include <vector>

#include "protocol/gateway.hpp"

namespace ostsim::protocol {

// Anchor
struct AnchorStateRoot { Address to; std::uint64_t height = 0; Hash root; static constexpr std::size_t kWords = 2; };

// Gateway and CoGateway
struct ProveGateway { Address to; std::uint64_t height = 0; Bytes rlp_account; eth::Proof proof; static constexpr std::size_t kWords = 1; };
struct ActivateGateway { Address to; Address co_gateway; static constexpr std::size_t kWords = 1; };
struct DeactivateGateway { Address to; static constexpr std::size_t kWords = 0; };
struct InitiateBountyChange { Address to; uint256 bounty = 0; static constexpr std::size_t kWords = 1; };
struct ConfirmBountyChange { Address to; static constexpr std::size_t kWords = 0; };

// Stake & mint
struct Stake { Address to; StakeParams params; static constexpr std::size_t kWords = 6; };
struct ConfirmStakeIntent { Address to; IntentParams params; static constexpr std::size_t kWords = 8; };
struct ProgressStake { Address to; Hash message_hash; Hash secret; static constexpr std::size_t kWords = 2; };
struct ProgressMint { Address to; Hash message_hash; Hash secret; static constexpr std::size_t kWords = 2; };
struct ProgressStakeWithProof { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; Status status = Status::Undeclared; static constexpr std::size_t kWords = 3; };
struct ProgressMintWithProof { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; Status status = Status::Undeclared; static constexpr std::size_t kWords = 3; };
struct RevertStake { Address to; Hash message_hash; static constexpr std::size_t kWords = 1; };
struct ConfirmRevertStakeIntent { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; static constexpr std::size_t kWords = 2; };
struct ProgressRevertStake { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; static constexpr std::size_t kWords = 2; };

// Redeem & unstake
struct Redeem { Address to; StakeParams params; static constexpr std::size_t kWords = 6; };
struct ConfirmRedeemIntent { Address to; IntentParams params; static constexpr std::size_t kWords = 8; };
struct ProgressRedeem { Address to; Hash message_hash; Hash secret; static constexpr std::size_t kWords = 2; };
struct ProgressUnstake { Address to; Hash message_hash; Hash secret; static constexpr std::size_t kWords = 2; };
struct ProgressRedeemWithProof { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; Status status = Status::Undeclared; static constexpr std::size_t kWords = 3; };
struct ProgressUnstakeWithProof { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; Status status = Status::Undeclared; static constexpr std::size_t kWords = 3; };
struct RevertRedeem { Address to; Hash message_hash; static constexpr std::size_t kWords = 1; };
struct ConfirmRevertRedeemIntent { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; static constexpr std::size_t kWords = 2; };
struct ProgressRevertRedeem { Address to; Hash message_hash; std::uint64_t height = 0; eth::Proof proof; static constexpr std::size_t kWords = 2; };

// Tokens
struct Transfer { Address to; Address recipient; uint256 amount = 0; static constexpr std::size_t kWords = 2; };
struct TransferFrom { Address to; Address from; Address recipient; uint256 amount = 0; static constexpr std::size_t kWords = 3; };
struct Approve { Address to; Address spender; uint256 amount = 0; static constexpr std::size_t kWords = 2; };
struct RequestStake { Address to; uint256 stake = 0; uint256 mint = 0; static constexpr std::size_t kWords = 2; };
struct AcceptStakeRequest { Address to; Hash request; static constexpr std::size_t kWords = 1; };
struct RevokeStakeRequest { Address to; Hash request; static constexpr std::size_t kWords = 1; };
struct RejectStakeRequest { Address to; Hash request; static constexpr std::size_t kWords = 1; };
struct RedeemBranded { Address to; uint256 amount = 0; static constexpr std::size_t kWords = 1; };
struct LiftRestriction { Address to; std::vector<Address> accounts; static constexpr std::size_t kWords = 2; };
struct RegisterInternalActors { Address to; std::vector<Address> accounts; static constexpr std::size_t kWords = 2; };
struct InitializeOstPrime { Address to; static constexpr std::size_t kWords = 0; };
struct Wrap { Address to; static constexpr std::size_t kWords = 0; };
struct Unwrap { Address to; uint256 amount = 0; static constexpr std::size_t kWords = 1; };

using Body = std::variant<
    AnchorStateRoot, ProveGateway, ActivateGateway, DeactivateGateway, InitiateBountyChange,
    ConfirmBountyChange, Stake, ConfirmStakeIntent, ProgressStake, ProgressMint,
    ProgressStakeWithProof, ProgressMintWithProof, RevertStake, ConfirmRevertStakeIntent,
    ProgressRevertStake, Redeem, ConfirmRedeemIntent, ProgressRedeem, ProgressUnstake,
    ProgressRedeemWithProof, ProgressUnstakeWithProof, RevertRedeem, ConfirmRevertRedeemIntent,
    ProgressRevertRedeem, Transfer, TransferFrom, Approve, RequestStake, AcceptStakeRequest,
    RevokeStakeRequest, RejectStakeRequest, RedeemBranded, LiftRestriction,
    RegisterInternalActors, InitializeOstPrime, Wrap, Unwrap>;

struct Call {
    Address sender;
    uint256 value = 0;  // msg.value, in the core's native coin
    std::uint64_t gas_price = 0;
    std::uint64_t gas_limit = 0;
    Body body;
};

}  // namespace ostsim::protocol
