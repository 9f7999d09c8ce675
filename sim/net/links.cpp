#include "net/links.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ostsim::net {

namespace {

void check_bandwidth(const std::vector<double>& bps, std::uint32_t regions, const char* what) {
    if (bps.size() != regions) {
        throw std::invalid_argument(std::string("links: ") + what + " has " +
                                    std::to_string(bps.size()) + " entries for " +
                                    std::to_string(regions) + " regions");
    }
    for (std::size_t r = 0; r < bps.size(); ++r) {
        if (!(bps[r] > 0) || !std::isfinite(bps[r])) {
            throw std::invalid_argument(std::string("links: ") + what + " of region " +
                                        std::to_string(r) + " is " + std::to_string(bps[r]) +
                                        "; bandwidths must be finite and > 0 bit/s");
        }
    }
}

}  // namespace

Links::Links(const LinkParams& p, std::vector<std::uint32_t> node_region)
    : upload_(p.upload_bps), download_(p.download_bps), region_(std::move(node_region)),
      extra_(p.small_message_extra) {
    const auto& m = p.latency_ms;
    if (m.rows() == 0 || m.rows() != m.cols()) {
        throw std::invalid_argument("links: the latency matrix must be square and non-empty, got " +
                                    std::to_string(m.rows()) + " x " + std::to_string(m.cols()));
    }
    regions_ = static_cast<std::uint32_t>(m.rows());
    check_bandwidth(upload_, regions_, "upload_bps");
    check_bandwidth(download_, regions_, "download_bps");
    if (extra_ < 0) throw std::invalid_argument("links: small_message_extra must be >= 0");
    law_.reserve(std::size_t{regions_} * regions_);
    for (std::uint32_t i = 0; i < regions_; ++i) {
        for (std::uint32_t j = 0; j < regions_; ++j) {
            try {
                law_.emplace_back(p.jitter, m(i, j));
                min_latency_ = std::min(min_latency_, law_.back().min());
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument("links: region " + std::to_string(i) + " -> " +
                                            std::to_string(j) + ": " + e.what());
            }
        }
    }
    for (NodeId v = 0; v < region_.size(); ++v) {
        if (region_[v] >= regions_) {
            throw std::invalid_argument("links: node " + std::to_string(v) + " is in region " +
                                        std::to_string(region_[v]) + ", but the latency matrix has " +
                                        std::to_string(regions_) + " regions");
        }
    }
}

engine::Time Links::transmission(NodeId from, NodeId to, std::uint64_t bytes) const {
    return static_cast<engine::Time>(
        std::llround(static_cast<double>(bytes) * 8.0 * 1e9 / rate_bps(from, to)));
}

}  // namespace ostsim::net
