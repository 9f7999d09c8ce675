#include "consensus/pow.hpp"

#include "engine/partition.hpp"  // Context::send needs the partition it sends through

namespace ostsim::consensus {

void PowMiner::restart(engine::Context<PowMiner>& ctx) {
    ++epoch_;
    if (share_ <= 0) return;
    const double mean = static_cast<double>(net_->block_interval) / share_;
    const auto wait = static_cast<engine::Time>(rng_.exponential(mean));
    ctx.send(ctx.self(), wait, PowEvent{PowEvent::Mined, epoch_, {}, {}});
}

void PowMiner::handle(engine::Context<PowMiner>& ctx, const engine::Event<PowEvent>& ev) {
    const PowEvent& e = ev.payload;
    switch (e.kind) {
        case PowEvent::Start:
            restart(ctx);
            return;
        case PowEvent::Mined: {
            if (e.epoch != epoch_) return;  // the head changed since this attempt began
            chain::BlockId id{index_, ++produced_};
            chain::BlockId parent = tree_.head().id;
            tree_.add(id, parent, 1);
            for (std::uint32_t m = 0; m < net_->miners; ++m)
                if (m != index_) ctx.send(m, net_->delay, PowEvent{PowEvent::Block, 0, id, parent});
            restart(ctx);
            return;
        }
        case PowEvent::Block:
            if (tree_.add(e.id, e.parent, 1).new_head) restart(ctx);
            return;
    }
}

}  // namespace ostsim::consensus
