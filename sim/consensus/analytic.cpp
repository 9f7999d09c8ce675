#include "consensus/analytic.hpp"

#include <cassert>
#include <cmath>

namespace ostsim::consensus::analytic {

double selfish_revenue(double a, double g) {
    return (a * (1 - a) * (1 - a) * (4 * a + g * (1 - 2 * a)) - a * a * a) /
           (1 - a * (1 + (2 - a) * a));
}

double selfish_threshold(double g) { return (1 - g) / (3 - 2 * g); }

// A cycle starts with no private block; with b = 1 - alpha, its main-chain blocks are
//   honest block first (b):                          A = 0, H = 1
//   pool, honest (race), then pool (a^2 b):          A = 2
//                        honest on the pool's (a b^2 g):  A = 1, H = 1
//                        honest on the honest (a b^2 (1-g)): H = 2
//   pool, pool (a^2): the lead is 2 and the pool wins every block it finds until an honest block
//     finds the lead at 2: A = 2 + U, U the up-steps of a first passage one level down of a walk
//     +1 w.p. a, -1 w.p. b. Its length L = 2U + 1 has E L = 1/(b - a), Var L = 4ab/(b - a)^3
//     (Feller, vol. 1, XIV.4), so E U = a/(b - a), Var U = ab/(b - a)^3.
// Renewal-reward: R = E[A]/E[B], B = A + H, which reproduces Eyal and Sirer's closed form.
SelfishCycle selfish_cycle(double a, double g) {
    assert(a < 0.5);
    const double b = 1 - a;
    const double eu = a / (b - a);
    const double eu2 = a * b / std::pow(b - a, 3) + eu * eu;
    const double long_a = 2 + eu;  // E[A] in the lead-2 branch
    const double ea = a * a * b * 2 + a * b * b * g + a * a * long_a;
    const double eb = b + a * b * 2 + a * a * long_a;
    const double r = ea / eb;
    auto s = [](double x) { return x * x; };
    const double m2 = b * s(r) + a * a * b * s(2 * (1 - r)) + a * b * b * g * s(1 - 2 * r) +
                      a * b * b * (1 - g) * s(2 * r) +
                      a * a * s(1 - r) * (4 + 4 * eu + eu2);  // E[(1-r)^2 (2+U)^2]
    return {r, eb, m2};
}

double selfish_revenue_sd(double a, double g, double main_blocks) {
    const SelfishCycle c = selfish_cycle(a, g);
    return std::sqrt(c.second_moment / (main_blocks * c.blocks));
}

double nakamoto_success(double q, std::uint32_t z) {
    // Nakamoto's own C, section 11.
    const double p = 1 - q;
    const double lambda = z * (q / p);
    double sum = 1;
    for (std::uint32_t k = 0; k <= z; ++k) {
        double poisson = std::exp(-lambda);
        for (std::uint32_t i = 1; i <= k; ++i) poisson *= lambda / i;
        sum -= poisson * (1 - std::pow(q / p, z - k));
    }
    return sum;
}

double rosenfeld_success(double q, std::uint32_t z) {
    const double p = 1 - q;
    if (q >= p || z == 0) return 1;
    double sum = 0;
    double binom = 1;  // C(k+z-1, k)
    for (std::uint32_t k = 0; k <= z; ++k) {
        if (k > 0) binom *= static_cast<double>(k + z - 1) / k;
        sum += binom * (std::pow(p, z) * std::pow(q, k) - std::pow(p, k) * std::pow(q, z));
    }
    return 1 - sum;
}

namespace {

// The chance to gain x + 1 before losing g - x (x >= 0 behind; g = 0: no lower barrier).
double catch_up(double q, std::int64_t x, std::uint32_t g) {
    const double p = 1 - q;
    if (g == 0) return q >= p ? 1 : std::pow(q / p, static_cast<double>(x + 1));
    if (x >= g) return 0;
    if (q == p) return static_cast<double>(g - x) / (g + 1);
    const double r = p / q;
    return (std::pow(r, static_cast<double>(g - x)) - 1) / (std::pow(r, g + 1.0) - 1);
}

}  // namespace

double race_success(double q, std::uint32_t z, bool premine, std::uint32_t give_up_behind) {
    assert(give_up_behind == 0 || give_up_behind >= z);
    const double p = 1 - q;
    const std::int64_t head = premine ? 1 : 0;
    // m, the attacker's blocks before the honest z-th: P(m) = C(m+z-1, m) p^z q^m. Behind by
    // z - m - head then; ahead (success at once) for larger m, the tail 1 - sum.
    double nb = std::pow(p, z);
    double sum = 0;
    double mass = 0;
    for (std::int64_t m = 0; m <= static_cast<std::int64_t>(z) - head; ++m) {
        if (m > 0) nb *= q * static_cast<double>(m + z - 1) / static_cast<double>(m);
        sum += nb * catch_up(q, static_cast<std::int64_t>(z) - m - head, give_up_behind);
        mass += nb;
    }
    return sum + (1 - mass);
}

}  // namespace ostsim::consensus::analytic
