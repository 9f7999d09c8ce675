// Events and their total order. An event is ordered by (time, source LP, source sequence number);
// the pair (source, sequence) is packed into one 64-bit tie-breaker so that a comparison is two
// integer compares. Keys are unique, so the order never depends on insertion order or threads.
//
// Limits: at most 2^24 (16.7 M) LPs and 2^40 (1.1e12) events sent by one LP; the engine checks
// both and throws rather than wrap.
#pragma once

#include <cstdint>

#include "engine/time.hpp"

namespace ostsim::engine {

using LpId = std::uint32_t;

inline constexpr int kSeqBits = 40;
inline constexpr std::uint64_t kMaxLps = std::uint64_t{1} << (64 - kSeqBits);
inline constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << kSeqBits;

constexpr std::uint64_t make_tie(LpId src, std::uint64_t seq) {
    return (std::uint64_t{src} << kSeqBits) | seq;
}

// An event for LP `dst` carrying a model-defined payload. Payloads are small trivially copyable
// values (a kind tag and a few words); a model dispatches on them with a switch, not a virtual
// call. With an empty payload an event is 24 bytes.
template <typename Payload>
struct Event {
    Time time;
    std::uint64_t tie;  // make_tie(src, seq)
    LpId dst;
    [[no_unique_address]] Payload payload;

    LpId src() const { return static_cast<LpId>(tie >> kSeqBits); }
    std::uint64_t seq() const { return tie & (kMaxSeq - 1); }
};

// Strict "comes first" order used by every pending-event set.
struct EarlierEvent {
    template <typename P>
    bool operator()(const Event<P>& a, const Event<P>& b) const {
        return a.time < b.time || (a.time == b.time && a.tie < b.tie);
    }
};

struct Empty {};

}  // namespace ostsim::engine
