// A core of core::Node's on the engine for the validations in tests/core: node i hosts the
// rule make(i), every block and vote reaches every other node `delay` later, and the engine runs
// until `end` (if > 0; run_until() goes further) on `threads` threads.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "consensus/rule.hpp"
#include "core/participant.hpp"
#include "engine/engine.hpp"

namespace ostsim::consensus::test {

// Bitcoin's target block interval, the validations' time scale.
inline constexpr engine::Time kBitcoinInterval = 600 * engine::kSecond;
// A confirmation depth no run reaches: blocks never become final.
inline constexpr std::uint32_t kNoFinality = ~std::uint32_t{0};

class CoreRun {
  public:
    using Make = std::function<std::unique_ptr<Rule>(NodeIndex)>;

    CoreRun(std::uint32_t nodes, engine::Time delay, const Make& make, engine::Time end = 0,
            int threads = 1, std::uint64_t seed = 1)
        : core_(params(delay), {}, 0, nodes), eng_({.threads = threads, .lookahead = delay}) {
        for (std::uint32_t n = 0; n < nodes; ++n) eng_.add_lp(core::Node(core_, n, make(n), seed));
        for (std::uint32_t n = 0; n < nodes; ++n) eng_.schedule(n, 0);
        if (end > 0) eng_.run_until(end);
    }
    CoreRun(const CoreRun&) = delete;  // the nodes point at core_

    void run_until(engine::Time end) { eng_.run_until(end); }
    const core::Node& node(std::uint32_t n) { return eng_.lp(n).node(); }
    std::uint64_t digest() const { return eng_.digest(); }

    // Node n's chain from height 1 to its head.
    std::vector<BlockMeta> chain(std::uint32_t n) {
        const core::Node& x = node(n);
        std::vector<BlockMeta> out;
        for (chain::BlockId b = x.tree().head().id; !(b == chain::kGenesis);
             b = x.tree().block(b).parent) {
            out.push_back(x.block(b).meta);
        }
        return {out.rbegin(), out.rend()};
    }

  private:
    static core::CoreParams params(engine::Time delay) {
        core::CoreParams p;
        p.name = "validation";
        p.delay = delay;
        return p;
    }

    core::Core core_;
    engine::Engine<core::Participant> eng_;
};

}  // namespace ostsim::consensus::test
