#include "chain/block_header.hpp"

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/trie.hpp"

namespace ostsim::chain {

namespace rlp = eth::rlp;

Bytes BlockHeader::rlp() const {
    return rlp::encode_list(parent_hash, producer, state_root, transactions_root, height, gas_limit,
                            gas_used, timestamp_ns, extra);
}

Hash BlockHeader::hash() const { return eth::keccak256(rlp()); }

eth::Expected<BlockHeader, rlp::DecodeError> BlockHeader::from_rlp(ByteView in) {
    using eth::Unexpected;
    using Error = rlp::DecodeError;
    auto list = rlp::decode_exact(in);
    if (!list) return Unexpected{list.error()};
    rlp::Item f[9];
    auto n = rlp::decode_list(*list, f, 9);
    if (!n) return Unexpected{n.error()};
    if (*n != 9) return Unexpected{Error::WrongSize};
    for (const auto& item : f)
        if (item.is_list) return Unexpected{Error::UnexpectedList};
    BlockHeader h;
    auto parent = Hash::from_view(f[0].payload);
    auto producer = Address::from_view(f[1].payload);
    auto state = Hash::from_view(f[2].payload);
    auto txs = Hash::from_view(f[3].payload);
    if (!parent || !producer || !state || !txs) return Unexpected{Error::WrongSize};
    h.parent_hash = *parent;
    h.producer = *producer;
    h.state_root = *state;
    h.transactions_root = *txs;
    std::uint64_t* ints[] = {&h.height, &h.gas_limit, &h.gas_used, &h.timestamp_ns};
    for (int i = 0; i < 4; ++i) {
        auto v = rlp::to_uint64(f[4 + i]);
        if (!v) return Unexpected{v.error()};
        *ints[i] = *v;
    }
    h.extra.assign(f[8].payload.begin(), f[8].payload.end());
    return h;
}

Hash transactions_root(std::span<const Hash> tx_hashes) {
    eth::Trie t;
    Bytes key;
    for (std::size_t i = 0; i < tx_hashes.size(); ++i) {
        key.clear();
        rlp::append(key, static_cast<std::uint64_t>(i));
        t.put(key, tx_hashes[i]);
    }
    return t.root_hash();
}

}  // namespace ostsim::chain
