// A reporter: watches a source core and anchors its state roots on a target core's Anchor, as
// the organisation's key (MC Anchor.anchorStateRoot is onlyOrganization), paying gas there. It
// anchors every `every`-th height of the final chain, or of each new head (final_only false:
// faster, but a root that a reorganisation drops stays anchored), optionally after a delay.
// With pending_work it anchors only when a block it would anchor is at or above one holding
// gateway work the target must prove: it reads each block's successful calls to the source
// gateway, as a log filter on the gateway's events would show them - a declaration (stake,
// redeem), a revocation declared, a revocation confirmed, a source-side progress whose target
// side was not progressed by the latest final target block it knows (a withheld secret), or a
// target-side progress by the secret whose other side that block shows DeclaredRevocation (a
// revocation that won the race of PROTOCOL.md 1.1 on the source).
// It also watches the target, to learn where and at what cost each anchoring landed.
#pragma once

#include <unordered_map>
#include <vector>

#include "core/client.hpp"

namespace ostsim::actors {

// One anchoring: what was sent, and once a final target block holds it, where and at what cost.
struct AnchorRecord {
    std::uint32_t reporter = 0;
    std::uint32_t source = 0, target = 0;
    std::uint64_t height = 0;        // of the source block anchored
    engine::Time observed = 0;       // when the reporter learnt of that block
    engine::Time sent = 0;
    std::uint64_t target_height = 0;  // of the final target block holding it; 0: not (yet) there
    engine::Time included = 0;        // that block's timestamp
    std::uint64_t gas_used = 0;
    protocol::Rejection reverted = protocol::Rejection::None;
};

struct ReporterParams {
    std::uint32_t id = 0;  // among the world's reporters
    std::uint32_t source = 0, target = 0;
    chain::Address anchor;  // on the target
    chain::Address key;     // the organisation key it signs with
    std::uint64_t every = 1;
    bool final_only = true;
    bool pending_work = false;
    chain::Address source_gateway, target_gateway;  // for pending_work
    engine::Time delay = 0;  // between learning of a block and sending its root
    std::uint64_t gas_price = 1;
    std::uint64_t gas_limit = 200'000;
};

class Reporter final : public core::Client {
  public:
    explicit Reporter(ReporterParams p) : p_(std::move(p)) {}

    void on_block(core::ClientHost& host, std::uint32_t c, const core::Block& b, bool final) override;
    void on_timer(core::ClientHost& host, std::uint64_t tag) override;

    const ReporterParams& params() const { return p_; }
    const std::vector<AnchorRecord>& records() const { return records_; }

  private:
    void send(core::ClientHost& host, std::size_t record);
    // Whether block b of the source holds work for the target (see above).
    bool holds_work(core::ClientHost& host, const core::Block& b) const;

    ReporterParams p_;
    std::vector<AnchorRecord> records_;
    std::vector<chain::Hash> roots_;                     // per record
    std::uint64_t last_height_ = 0;                      // the highest height taken up
    std::uint64_t work_height_ = 0;   // the lowest source height with work no anchor covers; 0: none
    const core::Block* target_final_ = nullptr;          // the latest final target block
    std::unordered_map<std::uint64_t, std::size_t> pending_;  // call handle -> record
};

}  // namespace ostsim::actors
