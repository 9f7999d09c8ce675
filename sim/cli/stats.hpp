// Means with Student-t confidence intervals, for `ostsim compare`.
#pragma once

#include <cstddef>
#include <vector>

namespace ostsim::cli {

// The p-quantile of Student's t distribution with `df` degrees of freedom (Boost.Math).
double t_quantile(double p, double df);

struct Interval {
    std::size_t n = 0;
    double mean = 0;
    double half_width = 0;  // 95 % two-sided: t(0.975, n-1) * s / sqrt(n); NaN when n < 2
};

// Mean and 95 % confidence interval of independent samples. With paired differences
// (x_r - y_r over repetitions r with common seeds) it is the paired-difference interval.
Interval mean_ci95(const std::vector<double>& xs);

}  // namespace ostsim::cli
