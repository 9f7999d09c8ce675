// What a handler sees: the clock, its own LP, and send(). A handler is a plain member function
// of the LP type, `void handle(Context<Lp>&, const Event<Lp::Payload>&)`, called directly (no
// virtual dispatch); LPs of several kinds are a std::variant or a switch on a kind field.
#pragma once

#include <cstdint>

#include "engine/event.hpp"
#include "engine/time.hpp"

namespace ostsim::engine {

template <typename Lp>
class Partition;

template <typename Lp>
class Context {
  public:
    using Payload = typename Lp::Payload;

    Time now() const { return now_; }
    LpId self() const { return self_; }
    std::uint32_t partition() const { return part_->id(); }
    // Events of this window have times < window_end(); a cross-partition event must land at
    // or after it (the lookahead guarantees so).
    Time window_end() const { return window_end_; }

    // Schedules `payload` for LP `dst` at now() + delay. delay >= 0; between partitions delay
    // >= the lookahead. Violations throw SchedulingError naming both ends.
    void send(LpId dst, Time delay, const Payload& payload = {}) {
        part_->emit(self_, now_, dst, now_ + delay, payload);
    }
    void send_at(LpId dst, Time time, const Payload& payload = {}) {
        part_->emit(self_, now_, dst, time, payload);
    }

  private:
    friend class Partition<Lp>;
    Context(Partition<Lp>* part, Time window_end) : part_(part), window_end_(window_end) {}

    Partition<Lp>* part_;
    Time window_end_;
    Time now_ = 0;
    LpId self_ = 0;
};

}  // namespace ostsim::engine
