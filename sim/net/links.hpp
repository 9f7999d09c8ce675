// What a message between two nodes costs: latency from the mean of the sender's and receiver's
// regions (an Eigen matrix, milliseconds, row = from) with a jitter law drawn per message, and a
// transfer rate min(sender's region upload, receiver's region download) (SimBlock's model; see
// docs/net.md). Immutable once built and shared by every node of a network.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

#include "engine/rng.hpp"
#include "engine/time.hpp"
#include "net/graph.hpp"
#include "net/jitter.hpp"

namespace ostsim::net {

struct LinkParams {
    Eigen::MatrixXd latency_ms;        // regions x regions, mean one-way latency, ms
    Jitter jitter;                     // per-message variation around the mean
    std::vector<double> upload_bps;    // per region, bits per second
    std::vector<double> download_bps;  // per region, bits per second
    // Added to small messages (inv, getdata, transaction ids): SimBlock's 10 ms
    // (AbstractMessageTask.getInterval).
    engine::Time small_message_extra = 10 * engine::kMillisecond;
};

class Links {
  public:
    // Throws std::invalid_argument naming the bad item: a non-square or empty matrix, a mean
    // outside the jitter law's domain, bandwidths not one per region or not > 0, a node whose
    // region has no row.
    Links(const LinkParams& p, std::vector<std::uint32_t> node_region);

    // One latency draw for a message from -> to, from the sender's stream.
    engine::Time latency(NodeId from, NodeId to, engine::Stream& rng) const {
        return law_[pair(from, to)].draw(rng);
    }
    // A small message: one latency draw plus the fixed extra.
    engine::Time small_message(NodeId from, NodeId to, engine::Stream& rng) const {
        return latency(from, to, rng) + extra_;
    }
    double rate_bps(NodeId from, NodeId to) const {
        return std::min(upload_[region_[from]], download_[region_[to]]);
    }
    // bytes * 8 / rate, to the nearest nanosecond.
    engine::Time transmission(NodeId from, NodeId to, std::uint64_t bytes) const;

    // The least latency any message can have between any two regions (small messages add the
    // extra): a valid engine lookahead between nodes in different partitions, when positive.
    engine::Time min_latency() const { return min_latency_; }
    // The least latency of a message from a node of region `from` to one of region `to`.
    engine::Time min_latency(std::uint32_t from, std::uint32_t to) const {
        return law_[std::size_t{from} * regions_ + to].min();
    }

    double mean_latency_ms(NodeId from, NodeId to) const { return law_[pair(from, to)].mean_ms(); }
    std::uint32_t region(NodeId v) const { return region_[v]; }
    std::uint32_t nodes() const { return static_cast<std::uint32_t>(region_.size()); }
    std::uint32_t regions() const { return regions_; }

  private:
    std::size_t pair(NodeId from, NodeId to) const {
        return std::size_t{region_[from]} * regions_ + region_[to];
    }

    std::uint32_t regions_ = 0;
    std::vector<LatencyLaw> law_;  // row-major, regions x regions
    std::vector<double> upload_, download_;
    std::vector<std::uint32_t> region_;
    engine::Time extra_ = 0;
    engine::Time min_latency_ = engine::kNever;
};

}  // namespace ostsim::net
