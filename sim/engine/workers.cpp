#include "engine/workers.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <optional>
#include <stdexcept>

namespace ostsim::engine {

struct Workers::Arena {
    // TBB caps its worker pool at the core count; asking for more threads (tests run 8 on a
    // 2-core machine) needs a global_control for as long as the arena lives. It is process-wide.
    std::optional<tbb::global_control> limit;
    tbb::task_arena arena;

    explicit Arena(int threads) : arena(threads) {
        if (threads > tbb::info::default_concurrency()) {
            limit.emplace(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(threads));
        }
    }
};

Workers::Workers(int threads) : threads_(threads) {
    if (threads < 1) throw std::invalid_argument("Workers: threads must be >= 1");
    if (threads > 1) arena_ = std::make_unique<Arena>(threads);
}

Workers::~Workers() = default;

void Workers::enter(void (*call)(void*), void* ctx) {
    arena_->arena.execute([&] { call(ctx); });
}

void Workers::parallel(std::size_t n, void (*call)(void*, std::size_t), void* ctx) {
    // Grain 1: partitions are few and large; dynamic stealing evens out uneven windows.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t i = r.begin(); i != r.end(); ++i) call(ctx, i);
        },
        tbb::simple_partitioner());
}

}  // namespace ostsim::engine
