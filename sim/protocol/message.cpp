#include "protocol/message.hpp"

#include "eth/keccak.hpp"

namespace ostsim::protocol {

std::string_view to_string(Status s) {
    switch (s) {
        case Status::Undeclared: return "Undeclared";
        case Status::Declared: return "Declared";
        case Status::Progressed: return "Progressed";
        case Status::DeclaredRevocation: return "DeclaredRevocation";
        case Status::Revoked: return "Revoked";
    }
    return "unknown";
}

namespace {

Hash intent_hash(std::string_view type, const uint256& amount, const Address& beneficiary,
                 const Address& gateway) {
    return keccak_words({abi_string_typehash(type), eth::to_word(amount),
                         address_word(beneficiary), address_word(gateway)});
}

}  // namespace

Hash abi_string_typehash(std::string_view s) {
    Bytes in(64, 0);
    in[31] = 0x20;  // offset of the string's data
    Hash length = eth::to_word(s.size());
    std::copy(length.bytes.begin(), length.bytes.end(), in.begin() + 32);
    in.insert(in.end(), s.begin(), s.end());
    in.resize(64 + (s.size() + 31) / 32 * 32, 0);
    return eth::keccak256(in);
}

Hash message_hash(const Message& m) {
    static const Hash type = abi_string_typehash(
        "Message(bytes32 intentHash,uint256 nonce,uint256 gasPrice,uint256 gasLimit,"
        "address sender,bytes32 hashLock)");
    return keccak_words({type, m.intent_hash, eth::to_word(m.nonce), eth::to_word(m.gas_price),
                         eth::to_word(m.gas_limit), address_word(m.sender), m.hash_lock});
}

Hash stake_intent_hash(const uint256& amount, const Address& beneficiary, const Address& gateway) {
    return intent_hash("StakeIntent(uint256 amount,address beneficiary,address gateway)", amount,
                       beneficiary, gateway);
}

Hash redeem_intent_hash(const uint256& amount, const Address& beneficiary,
                        const Address& co_gateway) {
    return intent_hash("RedeemIntent(uint256 amount,address beneficiary,address gateway)", amount,
                       beneficiary, co_gateway);
}

}  // namespace ostsim::protocol
