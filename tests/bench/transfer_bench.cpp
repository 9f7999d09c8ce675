// Cross-core transfers per second of wall time on one origin and 8 auxiliary cores (issue 7's
// speed figure), against their hashing floor: every keccak256 the run makes (proofs, state
// roots, message hashes, blocks), replayed on the same input lengths through the same function
// alone, gives the time a run that did nothing but hash would take.
//
//   transfer_bench [aux_cores=8] [minutes=30] [stakes_per_second_per_pair=0.5]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "actors/facilitator.hpp"
#include "eth/keccak.hpp"
#include "world/world.hpp"

using namespace ostsim;

namespace {

world::CoreSpec clique(const char* name, engine::Time period) {
    world::CoreSpec c;
    c.params.name = name;
    c.params.delay = 100 * engine::kMillisecond;
    c.nodes = 4;
    c.rule = world::ValidatorSpec{world::ValidatorSpec::Clique, period, 2, 0, 100};
    return c;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::uint32_t aux = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 8;
    const double minutes = argc > 2 ? std::atof(argv[2]) : 30;
    const double rate = argc > 3 ? std::atof(argv[3]) : 0.5;

    world::WorldSpec spec;
    spec.threads = 1;  // the keccak counters are per thread
    spec.duration = static_cast<engine::Time>(minutes * 60) * engine::kSecond;
    spec.cores.push_back(clique("origin", 3 * engine::kSecond));
    actors::OverlaySpec o;
    for (std::uint32_t a = 1; a <= aux; ++a) {
        spec.cores.push_back(clique("aux", engine::kSecond));
        o.auxiliaries.push_back(a);
    }
    o.transfers.stakers = 64;
    o.transfers.stakes_per_second = rate;
    o.transfers.redeem_share = 0.5;
    spec.overlay = o;

    std::vector<std::uint32_t> lengths;
    eth::keccak_counters() = {0, 0, &lengths};
    const auto t0 = std::chrono::steady_clock::now();
    world::World w(spec);
    w.run_until(spec.duration);
    const double wall = seconds_since(t0);
    const std::uint64_t calls = eth::keccak_counters().calls;
    eth::keccak_counters() = {};

    std::uint64_t done = 0;
    for (std::size_t i = 0; i < w.client_count(); ++i) {
        if (const auto* f = dynamic_cast<const actors::Facilitator*>(&w.client(i))) {
            for (const auto& m : f->messages()) done += m.phase == actors::MessageRecord::Done;
        }
    }
    // The floor: the same hashing alone.
    std::vector<std::uint8_t> input(1 << 16, 0x5a);
    const auto t1 = std::chrono::steady_clock::now();
    std::uint8_t sink = 0;
    for (std::uint32_t n : lengths) {
        input[0] = sink;
        sink ^= eth::keccak256(eth::ByteView(input.data(), std::min<std::size_t>(n, input.size()))).bytes[0];
    }
    const double floor = seconds_since(t1);
    std::printf("cores 1+%u, %.0f simulated min, %llu transfers completed (stake or redeem)\n", aux, minutes,
                static_cast<unsigned long long>(done));
    std::printf("wall %.3f s: %.1f transfers/s; keccak256 calls %llu (%.0f per transfer)\n", wall,
                static_cast<double>(done) / wall, static_cast<unsigned long long>(calls),
                static_cast<double>(calls) / static_cast<double>(done));
    std::printf("hashing alone %.3f s: floor %.1f transfers/s; run / floor = %.2f (sink %u)\n", floor,
                static_cast<double>(done) / floor, wall / floor, sink);
    return 0;
}
