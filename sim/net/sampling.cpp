#include "net/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "net/graph.hpp"

namespace ostsim::net {

namespace {
[[noreturn]] void fail(std::string_view what, const std::string& why) {
    throw TopologyError(std::string(what) + ": " + why);
}
}  // namespace

std::vector<double> cdf_from_shares(std::span<const double> shares, std::string_view what) {
    if (shares.empty()) fail(what, "no shares given");
    double sum = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        if (!(shares[i] >= 0) || !std::isfinite(shares[i])) {
            fail(what, "share " + std::to_string(i) + " is " + std::to_string(shares[i]) +
                           "; shares must be finite and >= 0");
        }
        sum += shares[i];
    }
    // Published shares are rounded (SimBlock's sum to 1 within 1e-4); a larger gap is a typo.
    if (std::abs(sum - 1.0) > 1e-3) {
        fail(what, "shares sum to " + std::to_string(sum) + ", not 1");
    }
    std::vector<double> cdf(shares.size());
    double acc = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) cdf[i] = (acc += shares[i]) / sum;
    cdf.back() = 1.0;
    return cdf;
}

void check_cdf(std::span<const double> cdf, std::string_view what) {
    if (cdf.empty()) fail(what, "empty distribution");
    double prev = 0;
    for (std::size_t i = 0; i < cdf.size(); ++i) {
        if (!(cdf[i] >= prev) || cdf[i] > 1.0) {
            fail(what, "cumulative value " + std::to_string(i) + " is " + std::to_string(cdf[i]) +
                           "; values must be non-decreasing within [0, 1]");
        }
        prev = cdf[i];
    }
    if (std::abs(cdf.back() - 1.0) > 1e-9) {
        fail(what, "the last cumulative value is " + std::to_string(cdf.back()) + ", not 1");
    }
}

std::uint32_t inverse_cdf(std::span<const double> cdf, double u) {
    auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
    if (it == cdf.end()) --it;  // u >= a last value of 1 - 1e-9: the last category
    return static_cast<std::uint32_t>(it - cdf.begin());
}

std::vector<std::uint32_t> draw_categories(std::span<const double> cdf, std::uint32_t n,
                                           Assignment how, engine::Stream& rng) {
    std::vector<std::uint32_t> out(n);
    if (how == Assignment::stratified) {
        for (std::uint32_t j = 0; j < n; ++j) out[j] = inverse_cdf(cdf, (j + 0.5) / n);
        shuffle(std::span(out), rng);
    } else {
        for (auto& c : out) c = inverse_cdf(cdf, rng.uniform());
    }
    return out;
}

}  // namespace ostsim::net
