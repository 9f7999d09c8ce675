// What Gateway (origin) and CoGateway (auxiliary) share, MC gateway/GatewayBase.sol with the
// MessageBus library (PROTOCOL.md 1.1-1.4): the message boxes, the messages, the per-sender
// process rule, the bounty, and proofs of the remote gateway's storage.
//
// Storage, slot for slot as GatewayBase.sol declares it (PROTOCOL.md 1.2), so that the remote
// core proves a status at the path the contracts walk:
//     0 organization   1 storage-root ring (items)   2 ring index   3 stateRootProvider
//     4 encodedGatewayPath   5 remoteGateway   6 bounty   7 proposedBounty
//     8 proposedBountyUnlockHeight   9 outbox   10 inbox   11 messages   12 storageRoots
//     13 inboxActiveProcess   14 outboxActiveProcess
// A status is the word at keccak256(pad32(messageHash) . pad32(9 or 10)); a message is a struct
// of seven words from keccak256(messageHash . 11): intentHash, nonce, gasPrice, gasLimit,
// sender, hashLock, gasConsumed.
//
// Proofs are checked in the contracts' two steps: proveGateway verifies the remote gateway's
// account against the state root the local Anchor holds for a height and keeps its storage root
// (in a ring of max_storage_root_items heights); a message step then verifies the status entry
// against that storage root. So a status proof needs the root anchored when the gateway is
// proven, and a storage root proven at that height when the step runs: once proven, the gateway's
// own ring keeps it after the Anchor evicts the state root, as the contracts do.
#pragma once

#include <functional>
#include <string_view>

#include "eth/trie.hpp"
#include "protocol/circular_buffer.hpp"
#include "protocol/message.hpp"
#include "protocol/organization.hpp"

namespace ostsim::protocol {

enum class Box : std::uint8_t { Outbox, Inbox };

// BOUNTY_CHANGE_UNLOCK_PERIOD: 7 days at 3 s blocks (MC GatewayBase.sol).
inline constexpr std::uint64_t kBountyChangeUnlockPeriod = 201'600;
// REVOCATION_PENALTY: 150 % of the bounty (MC GatewayBase.sol).
inline constexpr std::uint64_t kRevocationPenaltyPercent = 150;

struct GatewayBase {
    Address address;
    Address anchor;  // stateRootProvider: the local Anchor of the remote core's roots
    Organization organization;
    Address burner;
    std::uint64_t max_storage_root_items = 100;  // MC blue-deployment default (PROTOCOL.md 2.1)

    static constexpr std::uint64_t kOrganizationSlot = 0;
    static constexpr std::uint64_t kStorageRootItemsSlot = 1;
    static constexpr std::uint64_t kStateRootProviderSlot = 3;
    static constexpr std::uint64_t kEncodedGatewayPathSlot = 4;
    static constexpr std::uint64_t kRemoteGatewaySlot = 5;
    static constexpr std::uint64_t kBountySlot = 6;
    static constexpr std::uint64_t kProposedBountySlot = 7;
    static constexpr std::uint64_t kProposedBountyUnlockHeightSlot = 8;
    static constexpr std::uint64_t kOutboxSlot = 9;  // MESSAGE_BOX_OFFSET
    static constexpr std::uint64_t kInboxSlot = 10;
    static constexpr std::uint64_t kMessagesSlot = 11;
    static constexpr std::uint64_t kStorageRootsSlot = 12;
    static constexpr std::uint64_t kInboxActiveProcessSlot = 13;
    static constexpr std::uint64_t kOutboxActiveProcessSlot = 14;

    static Hash status_slot(Box box, const Hash& message_hash) {
        return mapping_slot(message_hash, box == Box::Outbox ? kOutboxSlot : kInboxSlot);
    }
    static uint256 penalty(const uint256& bounty) { return bounty * kRevocationPenaltyPercent / 100; }

    // The constructor's storage; `remote` may be zero until activation.
    void deploy(Exec& x, const uint256& bounty, const Address& remote) const;
    void set_remote_gateway(Exec& x, const Address& remote) const;
    Address remote_gateway(Exec& x) const;
    uint256 bounty(Exec& x) const { return x.load(address, slot(kBountySlot)); }
    Hash storage_root(Exec& x, std::uint64_t height) const;

    Status status(Exec& x, Box box, const Hash& h) const;
    void set_status(Exec& x, Box box, const Hash& h, Status s) const;
    Message message(Exec& x, const Hash& h) const;
    void store_message(Exec& x, const Hash& h, const Message& m) const;
    void store_gas_consumed(Exec& x, const Hash& h, const uint256& gas) const;
    // getNonce / the inbox's expected nonce: 0 without an active process, else its nonce + 1.
    uint256 expected_nonce(Exec& x, Box box, const Address& account) const;

    // proveGateway(blockHeight, rlpAccount, rlpParentNodes).
    Rejection prove_gateway(Exec& x, std::uint64_t height, ByteView rlp_account,
                            const eth::Proof& proof) const;
    // initiateBountyAmountChange / confirmBountyAmountChange (organisation only).
    Rejection initiate_bounty_change(Exec& x, const Address& caller, const uint256& bounty) const;
    Rejection confirm_bounty_change(Exec& x, const Address& caller) const;

protected:
    // The fields of every flow's record (stakes, unstakes, mints, redeems), by message hash.
    static constexpr std::uint64_t kAmount = 0, kBeneficiary = 1, kBounty = 2;
    using Finish = std::function<Rejection(const Message&)>;

    // The steps the four flows share; `records` is the flow's mapping slot, `box` where the
    // message sits here, `finish` what the flow does once the step is allowed.
    // progress{Stake,Redeem,Mint,Unstake}: Declared here, the secret opens the hash lock.
    Rejection progress_by_secret(Exec& x, Box box, std::uint64_t records, const Hash& h,
                                 const Hash& secret, const Finish& finish) const;
    // progress...WithProof: the remote box's status at `height`, by a storage proof, allows it
    // (outbox: Declared needs Declared or Progressed there, DeclaredRevocation needs Progressed;
    // inbox: Declared here, Declared or Progressed there).
    Rejection progress_by_proof(Exec& x, Box box, std::uint64_t records, const Hash& h,
                                std::uint64_t height, const eth::Proof& proof, Status proven,
                                const Finish& finish) const;
    // confirmRevert{Stake,Redeem}Intent: the inbox's Declared message is proven
    // DeclaredRevocation at the remote outbox; it becomes Revoked and its record is cleared.
    Rejection confirm_revert_inbox(Exec& x, std::uint64_t records, const Hash& h,
                                   std::uint64_t height, const eth::Proof& proof,
                                   std::string_view event) const;

    // register{Outbox,Inbox}Process: the nonce must be expected and the account's previous
    // message in that box Progressed or Revoked (then deleted); the hash must be new to the box.
    Rejection register_process(Exec& x, Box box, const Address& account, const uint256& nonce,
                               const Hash& h) const;
    // The remote gateway's `box`[h] == `expected` at `height`, by a storage proof.
    Rejection verify_remote(Exec& x, Box box, const Hash& h, std::uint64_t height,
                            const eth::Proof& proof, Status expected) const;
    // keccak256(secret) == message.hashLock.
    Rejection check_secret(Exec& x, const Message& m, const Hash& secret) const;
    // min(gasConsumed + gas used so far by this call, gasLimit) x gasPrice (MC feeAmount).
    uint256 reward(Exec& x, const Message& m) const;
    // Hash of the message a source declares; its intent hash built by the caller.
    static Message make_message(const Hash& intent, const uint256& nonce, const uint256& gas_price,
                                const uint256& gas_limit, const Address& sender, const Hash& lock);
    // The checks a declaration and a confirmation share (amount > gasPrice x gasLimit, strict).
    static Rejection check_amount(const uint256& amount, const uint256& gas_price,
                                  const uint256& gas_limit);

private:
    CircularBuffer storage_root_heights() const {
        return {address, kStorageRootItemsSlot, max_storage_root_items};
    }
};

// Gas of checking a proof on chain: keccak of every node and its decoding (an estimate).
std::uint64_t proof_gas(const GasSchedule& g, const eth::Proof& proof);

}  // namespace ostsim::protocol
