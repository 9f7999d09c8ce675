// Closed forms the proof-of-work adversaries are validated against (docs/validation.md).
#pragma once

#include <cstdint>

namespace ostsim::consensus::analytic {

// --- Selfish mining (Eyal and Sirer 2014, "Majority is not enough", section 4) ---

// The selfish pool's share of main-chain blocks, alpha < 1/2 its hash share, gamma the share
// of honest power that mines on its branch in a tie:
//   R = [a(1-a)^2 (4a + gamma(1 - 2a)) - a^3] / [1 - a(1 + (2 - a) a)],  a = alpha
double selfish_revenue(double alpha, double gamma);
// The share above which selfish mining pays more than alpha: (1 - gamma) / (3 - 2 gamma).
double selfish_threshold(double gamma);

// The same revenue as a renewal-reward ratio over attack cycles, from the state "no private
// block" back to it (derivation in analytic.cpp), with what the spread of a finite run needs.
struct SelfishCycle {
    double revenue;        // E[A] / E[B]: equals selfish_revenue
    double blocks;         // E[B], main-chain blocks per cycle
    double second_moment;  // E[(A - revenue B)^2]
};
SelfishCycle selfish_cycle(double alpha, double gamma);
// Standard deviation of the measured revenue over `main_blocks` main-chain blocks (delta method
// over the cycles, whose number is main_blocks / E[B]): sqrt(E[(A - R B)^2] / (main_blocks E[B])).
double selfish_revenue_sd(double alpha, double gamma, double main_blocks);

// --- Double spending: the attacker's hash share q, z confirmations ---

// Nakamoto 2008, section 11: the attacker's progress while the honest chain finds z blocks as
// a Poisson of mean z q / p, times the chance (q/p)^(z-k) of catching up from z - k behind.
double nakamoto_success(double q, std::uint32_t z);
// Rosenfeld 2014, "Analysis of hashrate-based double spending", section 5: the progress exactly,
// a negative binomial (the attacker's blocks before the honest network's z-th), with a block
// premined: 1 - sum_{k=0}^{z} C(k+z-1, k) (p^z q^k - p^k q^z) for q < p, else 1.
double rosenfeld_success(double q, std::uint32_t z);
// The race DoubleSpender runs, by the same negative binomial: success when the attacker's branch
// (with one premined block or none) becomes longer than the honest one after the honest one has
// z blocks; from x blocks behind, a walk of +1 w.p. q and -1 w.p. p must gain x + 1 before
// losing give_up_behind - x (gambler's ruin; give_up_behind = 0: never, (q/p)^(x+1)).
// Equals rosenfeld_success with premine and no give-up. Requires give_up_behind = 0 or >= z.
double race_success(double q, std::uint32_t z, bool premine, std::uint32_t give_up_behind);

}  // namespace ostsim::consensus::analytic
