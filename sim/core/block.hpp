// A block as a core's nodes pass it around: immutable once produced, owned by its producer
// node, referenced by pointer in events (its address is stable), named by its BlockId.
#pragma once

#include <cstdint>
#include <vector>

#include "chain/block_header.hpp"
#include "chain/transaction.hpp"
#include "consensus/rule.hpp"
#include "protocol/account_rejection.hpp"
#include "protocol/rejection.hpp"
#include "protocol/remote_finality.hpp"

namespace ostsim::core {

// What including a transaction did: its gas, and for a contract call that reverted (it is
// included and pays) the contract's reason. An account call (a TokenHolder's) reverts with
// `account`; when that is TokenRejected, `reverted` holds the token's own reason.
struct Receipt {
    std::uint64_t gas_used = 0;
    protocol::Rejection reverted = protocol::Rejection::None;
    protocol::AccountRejection account = protocol::AccountRejection::None;

    bool ok() const { return reverted == protocol::Rejection::None && account == protocol::AccountRejection::None; }
    // The reason it reverted; "" when it did not.
    std::string_view reason() const {
        if (account != protocol::AccountRejection::None && account != protocol::AccountRejection::TokenRejected)
            return protocol::to_string(account);
        return reverted == protocol::Rejection::None ? std::string_view{} : protocol::to_string(reverted);
    }
};

struct Block {
    consensus::BlockMeta meta;
    chain::BlockHeader header;  // with the real state and transactions roots
    chain::Hash hash;           // keccak256 of the header's RLP
    std::uint32_t size_bytes = 0;  // on the wire: header, transactions, declared filler
    std::vector<chain::Transaction> txs;
    std::vector<Receipt> receipts;  // one per transaction, in order
    // The other cores' heights its producer knew final when it built it (what finalised-only
    // anchors read); empty on a core that follows none (Core::follow).
    std::vector<protocol::RemoteFinality> remote_finalized;
};

}  // namespace ostsim::core
