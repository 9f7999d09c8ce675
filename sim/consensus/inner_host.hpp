// The Host a composed rule (ffg) gives the rule it builds on (clique, pow): every call passes
// through to the node, except finalize, which the outer rule owns (a pow or clique rule's
// k-deep finality gives way to checkpoint finality). Made on the stack for one call.
#pragma once

#include "consensus/rule.hpp"

namespace ostsim::consensus {

class InnerHost final : public Host {
  public:
    explicit InnerHost(Host& outer) : outer_(outer) {}

    engine::Time now() const override { return outer_.now(); }
    NodeIndex self() const override { return outer_.self(); }
    engine::Stream& rng() override { return outer_.rng(); }
    const chain::BlockTree& tree() const override { return outer_.tree(); }
    const BlockMeta& meta(chain::BlockId id) const override { return outer_.meta(id); }
    void set_timer(engine::Time delay, std::uint64_t tag) override {
        outer_.set_timer(delay, tag);
    }
    chain::BlockId produce(chain::BlockId parent, std::uint64_t weight, std::uint64_t seal,
                           bool withhold) override {
        return outer_.produce(parent, weight, seal, withhold);
    }
    void publish(chain::BlockId id) override { outer_.publish(id); }
    void broadcast(const Vote& vote) override { outer_.broadcast(vote); }
    void finalize(chain::BlockId) override {}
    void stalled(std::uint64_t height, std::uint32_t round) override {
        outer_.stalled(height, round);
    }

  private:
    Host& outer_;
};

}  // namespace ostsim::consensus
