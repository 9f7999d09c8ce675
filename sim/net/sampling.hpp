// Draws of categories (a node's region, its outbound degree, its relay role) from a
// distribution given as shares or as a cumulative distribution, and the shuffle they use. All
// take an engine::Stream, so a seed fixes the result.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/rng.hpp"

namespace ostsim::net {

// How n nodes get categories:
//  - stratified: category counts follow the distribution to within one node, in shuffled order
//    (SimBlock's makeRandomListFollowDistribution: quantiles (j + 1/2) / n, j = 0..n-1);
//  - independent: each node draws its own category (counts vary by sampling noise).
enum class Assignment : std::uint8_t { stratified, independent };

// Fisher-Yates with Stream::below (bias <= n / 2^32).
template <class T>
void shuffle(std::span<T> v, engine::Stream& rng) {
    for (std::size_t i = v.size(); i > 1; --i) {
        std::swap(v[i - 1], v[rng.below(static_cast<std::uint32_t>(i))]);
    }
}

// The cumulative distribution of shares (>= 0, summing to 1 within 1e-3, then normalised).
// Errors name `what`.
std::vector<double> cdf_from_shares(std::span<const double> shares, std::string_view what);

// Checks a CDF: non-empty, non-decreasing, within [0, 1], last value 1 (within 1e-9).
void check_cdf(std::span<const double> cdf, std::string_view what);

// The least i with u < cdf[i], for u in [0, 1): categories of probability 0 are never drawn.
std::uint32_t inverse_cdf(std::span<const double> cdf, double u);

// Categories 0..cdf.size()-1 for n nodes; `cdf` must pass check_cdf.
std::vector<std::uint32_t> draw_categories(std::span<const double> cdf, std::uint32_t n,
                                           Assignment how, engine::Stream& rng);

}  // namespace ostsim::net
