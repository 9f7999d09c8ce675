// What a core knows of another core's finality: the highest height of `core` known final. A
// block's producer puts its knowledge into the block's context, as a consensus contract would
// learn it from the validators that follow the remote core (Mosaic-1's Coconsensus observing
// the origin, PROTOCOL.md 2.3); a finalised-only Anchor reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace ostsim::protocol {

struct RemoteFinality {
    std::uint32_t core = 0;   // the remote core's index in the world
    std::uint64_t height = 0;
    friend bool operator==(const RemoteFinality&, const RemoteFinality&) = default;
};

// The height of `core` in `known` (one entry per core at most); none if that core is absent.
inline std::optional<std::uint64_t> finalized_height(std::span<const RemoteFinality> known,
                                                     std::uint32_t core) {
    for (const RemoteFinality& f : known) {
        if (f.core == core) return f.height;
    }
    return std::nullopt;
}

}  // namespace ostsim::protocol
