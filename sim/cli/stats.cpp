#include "cli/stats.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace ostsim::cli {

double t_quantile(double p, double df) {
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

Interval mean_ci95(const std::vector<double>& xs) {
    Interval r;
    r.n = xs.size();
    r.half_width = std::numeric_limits<double>::quiet_NaN();
    if (xs.empty()) return r;
    double sum = 0;
    for (double x : xs) sum += x;
    r.mean = sum / static_cast<double>(r.n);
    if (r.n < 2) return r;
    double ss = 0;  // two passes: no cancellation for large, close values
    for (double x : xs) ss += (x - r.mean) * (x - r.mean);
    const double sd = std::sqrt(ss / static_cast<double>(r.n - 1));
    r.half_width = t_quantile(0.975, static_cast<double>(r.n - 1)) * sd / std::sqrt(static_cast<double>(r.n));
    return r;
}

}  // namespace ostsim::cli
