#include "chain/transaction.hpp"

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"

namespace ostsim::chain {

namespace rlp = eth::rlp;

Hash Transaction::hash() const {
    return eth::keccak256(rlp::encode_list(sender, to, value, nonce, gas_price, gas_limit, call));
}

}  // namespace ostsim::chain
