"""The analytic laws docs/validation.md checks the proof-of-work models against, as numbers for
plots and checks. The adversaries' closed forms are the C++ ones the statistical tests use
(``consensus/analytic.hpp``, through the extension); the fork law and the Kolmogorov-Smirnov
critical value (asymptotic, for a law given in advance) are one line each."""
from __future__ import annotations

import math

from .. import _core

__all__ = ["fork_law", "ks_critical", "selfish_revenue", "selfish_threshold",
           "selfish_revenue_sd", "nakamoto_success", "rosenfeld_success", "race_success"]


def fork_law(d_over_t: float, share: float = 0.0) -> float:
    """Stale blocks per main-chain block with a fixed propagation delay d and mean block interval
    T: 1 - e^(-(1 - s) d/T) for miners of hash share s (Decker and Wattenhofer 2013; first order
    in d/T, so it undercounts beyond about 0.1)."""
    return 1.0 - math.exp(-(1.0 - share) * d_over_t)


def ks_critical(n: int, alpha: float = 0.01) -> float:
    """The one-sample Kolmogorov-Smirnov critical value for n samples against a law given in
    advance (not fitted): c(alpha)/sqrt(n), c = sqrt(-ln(alpha/2)/2) (1.628 at alpha = 0.01)."""
    return math.sqrt(-math.log(alpha / 2) / 2) / math.sqrt(n)


def selfish_revenue(alpha: float, gamma: float) -> float:
    """Eyal and Sirer 2014, R(alpha, gamma): a selfish pool's share of the main-chain blocks."""
    return _core.selfish_revenue(alpha, gamma)


def selfish_threshold(gamma: float) -> float:
    """The pool share above which selfish mining pays more than alpha: (1 - gamma)/(3 - 2 gamma)."""
    return _core.selfish_threshold(gamma)


def selfish_revenue_sd(alpha: float, gamma: float, main_blocks: float) -> float:
    """The standard deviation of the revenue measured over `main_blocks` main-chain blocks
    (renewal-reward over attack cycles and the delta method)."""
    return _core.selfish_revenue_sd(alpha, gamma, main_blocks)


def nakamoto_success(q: float, z: int) -> float:
    """Nakamoto 2008, section 11: a double spend's success against z confirmations, the
    attacker's progress taken as Poisson."""
    return _core.nakamoto_success(q, z)


def rosenfeld_success(q: float, z: int) -> float:
    """Rosenfeld 2014: the same with the progress negative binomial and one block premined."""
    return _core.rosenfeld_success(q, z)


def race_success(q: float, z: int, premine: bool = True, give_up_behind: int = 0) -> float:
    """The race ostsim's double spender runs: Rosenfeld's, giving up `give_up_behind` blocks
    behind (0: never), with or without the premined block."""
    return _core.race_success(q, z, premine, give_up_behind)
