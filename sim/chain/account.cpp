#include "chain/account.hpp"

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/trie.hpp"

namespace ostsim::chain {

namespace rlp = eth::rlp;

const Hash& empty_code_hash() {
    static const Hash h = eth::keccak256({});
    return h;
}

Account::Account() : storage_root(eth::empty_trie_root()), code_hash(empty_code_hash()) {}

bool Account::is_empty() const {
    return nonce == 0 && balance == 0 && code_hash == empty_code_hash();
}

Bytes Account::rlp() const { return rlp::encode_list(nonce, balance, storage_root, code_hash); }

eth::Expected<Account, rlp::DecodeError> Account::from_rlp(ByteView in) {
    using eth::Unexpected;
    auto list = rlp::decode_exact(in);
    if (!list) return Unexpected{list.error()};
    rlp::Item items[4];
    auto n = rlp::decode_list(*list, items, 4);
    if (!n) return Unexpected{n.error()};
    if (*n != 4) return Unexpected{rlp::DecodeError::WrongSize};
    auto nonce = rlp::to_uint64(items[0]);
    if (!nonce) return Unexpected{nonce.error()};
    auto balance = rlp::to_uint256(items[1]);
    if (!balance) return Unexpected{balance.error()};
    if (items[2].is_list || items[3].is_list) return Unexpected{rlp::DecodeError::UnexpectedList};
    auto root = Hash::from_view(items[2].payload);
    auto code = Hash::from_view(items[3].payload);
    if (!root || !code) return Unexpected{rlp::DecodeError::WrongSize};
    Account a;
    a.nonce = *nonce;
    a.balance = *balance;
    a.storage_root = *root;
    a.code_hash = *code;
    return a;
}

}  // namespace ostsim::chain
