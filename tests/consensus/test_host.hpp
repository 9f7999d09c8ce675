// A Host driven by hand, for testing a rule without an engine or a network: the test sets the
// clock, delivers blocks and votes, fires timers, and reads back what the rule asked for.
#pragma once

#include <algorithm>
#include <map>
#include <vector>

#include "consensus/rule.hpp"

namespace ostsim::consensus::test {

class TestHost final : public Host {
  public:
    struct Timer {
        engine::Time at;
        std::uint64_t tag;
    };

    explicit TestHost(NodeIndex self, std::uint64_t seed = 1) : self_(self), rng_(seed, self) {
        metas_[chain::kGenesis.key()] = BlockMeta{chain::kGenesis, chain::kGenesis};
    }

    engine::Time now() const override { return now_; }
    NodeIndex self() const override { return self_; }
    engine::Stream& rng() override { return rng_; }
    const chain::BlockTree& tree() const override { return tree_; }
    const BlockMeta& meta(chain::BlockId id) const override { return metas_.at(id.key()); }
    void set_timer(engine::Time delay, std::uint64_t tag) override {
        timers.push_back({now_ + delay, tag});
    }
    chain::BlockId produce(chain::BlockId parent, std::uint64_t weight, std::uint64_t seal,
                           bool withhold) override {
        BlockMeta m{chain::BlockId{self_, ++seq_}, parent, meta(parent).height + 1, now_, self_,
                    weight, seal};
        produced.push_back(m);
        if (withhold) withheld.push_back(m.id);
        add(m);
        return m.id;
    }
    void publish(chain::BlockId id) override { published.push_back(id); }
    void broadcast(const Vote& vote) override { votes.push_back(vote); }
    void finalize(chain::BlockId id) override { finals.push_back(id); }
    void stalled(std::uint64_t height, std::uint32_t round) override {
        stalls.push_back({height, round});
    }

    // Delivers a block to `rule` as the node would: validity first, then the tree.
    bool deliver(Rule& rule, const BlockMeta& m) {
        if (!rule.valid(*this, m)) return false;
        rule_ = &rule;
        add(m);
        return true;
    }
    // Fires the earliest pending timer (advancing the clock to it); false when none is pending.
    bool fire_next(Rule& rule) {
        if (timers.empty()) return false;
        auto it = std::min_element(timers.begin(), timers.end(),
                                   [](const Timer& a, const Timer& b) { return a.at < b.at; });
        Timer t = *it;
        timers.erase(it);
        now_ = std::max(now_, t.at);
        rule_ = &rule;
        rule.on_timer(*this, t.tag);
        return true;
    }
    void attach(Rule& rule) { rule_ = &rule; }
    void set_now(engine::Time t) { now_ = t; }

    std::vector<Timer> timers;
    std::vector<BlockMeta> produced;
    std::vector<chain::BlockId> withheld, published, finals;
    std::vector<Vote> votes;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> stalls;

  private:
    void add(const BlockMeta& m) {
        metas_[m.id.key()] = m;
        const auto change = tree_.add(m.id, m.parent, m.weight);
        if (rule_) rule_->on_block(*this, m, change);
    }

    NodeIndex self_;
    engine::Stream rng_;
    engine::Time now_ = 0;
    std::uint32_t seq_ = 0;
    chain::BlockTree tree_;
    std::map<std::uint64_t, BlockMeta> metas_;
    Rule* rule_ = nullptr;
};

}  // namespace ostsim::consensus::test
