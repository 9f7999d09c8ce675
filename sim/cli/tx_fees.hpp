// What a core's transactions cost their senders: the fee each paid (gas used, from the block's
// receipt, times its gas price: the state transition of sim/chain charges exactly that, with no
// base fee to burn), averaged over the main chain's transactions, every kind (transfers and
// the overlay's contract calls alike). Reverted calls are included and pay, so they count.
#pragma once

#include <cstddef>
#include <limits>

#include "world/results.hpp"

namespace ostsim::cli {

// Mean fee per main-chain transaction in gwei; NaN if the main chain holds none.
inline double mean_fee_gwei(const world::CoreResult& r) {
    double gwei = 0;
    std::size_t n = 0;
    for (const world::BlockResult& b : r.blocks) {
        if (!b.main) continue;
        const core::Block& k = *b.block;
        for (std::size_t i = 0; i < k.txs.size(); ++i)
            gwei += static_cast<double>(k.receipts[i].gas_used) * static_cast<double>(k.txs[i].gas_price) / 1e9;
        n += k.txs.size();
    }
    return n ? gwei / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace ostsim::cli
