#include "chain/transaction.hpp"

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"

namespace ostsim::chain {

namespace rlp = eth::rlp;

Hash Transaction::hash() const {
    std::size_t payload = rlp::length(sender) + rlp::length(nonce) + rlp::length(gas_price) +
                          rlp::length(gas_limit) + rlp::length(call);
    Bytes out;
    out.reserve(rlp::list_length(payload));
    rlp::append_list_header(out, payload);
    rlp::append(out, sender);
    rlp::append(out, nonce);
    rlp::append(out, gas_price);
    rlp::append(out, gas_limit);
    rlp::append(out, call);
    return eth::keccak256(out);
}

}  // namespace ostsim::chain
