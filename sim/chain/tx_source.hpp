// Where a block builder takes its transactions from, one at a time, as it executes them: the
// builder asks for the next one with the block gas left and says whether it went in, so what is
// offered next can depend on the gas the earlier ones USED (chain::Mempool::Packing, geth's way).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "chain/transaction.hpp"

namespace ostsim::chain {

class TxSource {
  public:
    virtual ~TxSource() = default;
    // The next transaction to try, with `gas_left` in the block; null when there is none.
    virtual const Transaction* next(std::uint64_t gas_left) = 0;
    // The transaction next() gave last went into the block.
    virtual void included() = 0;
};

// A block whose transactions are already chosen (a test's, a replay's): each offered in order
// whatever the gas left, so one that does not fit is refused by execution, with its reason.
class TxList final : public TxSource {
  public:
    explicit TxList(std::span<const Transaction> txs) : txs_(txs) {}
    const Transaction* next(std::uint64_t) override {
        return next_ < txs_.size() ? &txs_[next_++] : nullptr;
    }
    void included() override {}

  private:
    std::span<const Transaction> txs_;
    std::size_t next_ = 0;
};

}  // namespace ostsim::chain
