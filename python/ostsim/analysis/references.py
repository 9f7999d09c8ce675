"""The analytic laws docs/validation.md checks the proof-of-work models against, as numbers for
plots and checks. The adversaries' closed forms are the C++ ones the statistical tests use
(``consensus/analytic.hpp``, through the extension); the fork law and the Kolmogorov-Smirnov
critical value (asymptotic, for a law given in advance) are one line each. The validator rules'
expectations (docs/consensus.md) are derived here from the rules as geth's clique and
Tendermint state them: clique's signer sequence as a Markov chain, bft's commit intervals from
its proposer rotation and round timeouts."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, Sequence, Tuple

import numpy as np

from .. import _core

__all__ = ["fork_law", "ks_critical", "selfish_revenue", "selfish_threshold",
           "selfish_revenue_sd", "nakamoto_success", "rosenfeld_success", "race_success",
           "CliqueTurns", "clique_turns", "bft_commit_interval"]


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


@dataclass
class CliqueTurns:
    """What geth clique's rules predict for a signer set with some signers offline, as a long-run
    average over heights: the in-turn share of blocks; of the out-of-turn heights, the share
    with k signers able to seal (``eligible``, k -> share); the height the chain halts at when
    no signer may seal (0: it never halts)."""
    in_turn: float = 0.0
    eligible: Dict[int, float] = field(default_factory=dict)
    halts_at: int = 0

    def late_mean(self, wiggle_span: float) -> float:
        """Mean lateness of an out-of-turn seal behind its header time: the least of k wiggles
        uniform in [0, span) has mean span/(k + 1)."""
        return sum(w * wiggle_span / (k + 1) for k, w in self.eligible.items())

    def late_cdf(self, x, wiggle_span: float):
        """P(lateness <= x) for an out-of-turn seal: the mixture over k of 1 - (1 - x/span)^k."""
        u = np.clip(np.asarray(x, dtype=float) / wiggle_span, 0.0, 1.0)
        return sum(w * (1 - (1 - u) ** k) for k, w in self.eligible.items())


def clique_turns(signers: int, offline: Sequence[int]) -> CliqueTurns:
    """geth clique's signer sequence (EIP-225; docs/consensus.md) as a Markov chain on (height
    mod N, the last floor(N/2) signers): at height h signer h mod N is in turn; a signer that
    signed one of the last floor(N/2) blocks may not sign; the in-turn signer seals first when
    it is online and may sign (its seal is not delayed, the others' are by a wiggle), otherwise
    each online signer that may sign wins with equal chance (the least of their i.i.d. wiggles).
    Races between out-of-turn seals within one propagation delay are left out (order d/wiggle).
    The shares are those of the stationary law of the states reachable from genesis."""
    n, keep = signers, signers // 2
    off = set(offline)

    def able(state: Tuple[int, Tuple[int, ...]]) -> list:
        return [s for s in range(n) if s not in off and s not in state[1]]

    def successors(state: Tuple[int, Tuple[int, ...]]) -> list:
        turn, recent = state
        who = [turn] if turn in able(state) else able(state)
        return [((turn + 1) % n, (recent + (s,))[-keep:] if keep else ())
                for s in who]

    start = (1 % n, ())
    depth = {start: 1}  # the height each state is first met at
    order = [start]
    for state in order:  # breadth first: a dead end halts the chain at the height before it
        if not able(state):
            return CliqueTurns(0.0, {}, depth[state] - 1)
        for nxt in successors(state):
            if nxt not in depth:
                depth[nxt] = depth[state] + 1
                order.append(nxt)
    index = {state: i for i, state in enumerate(order)}
    moves = np.zeros((len(order), len(order)))
    for state in order:
        nxt = successors(state)
        for x in nxt:
            moves[index[state], index[x]] += 1.0 / len(nxt)
    # pi (P - I) = 0 with sum(pi) = 1, least squares over the reachable states
    a = np.vstack([moves.T - np.eye(len(order)), np.ones(len(order))])
    b = np.zeros(len(order) + 1)
    b[-1] = 1.0
    pi = np.linalg.lstsq(a, b, rcond=None)[0]
    in_turn, elig = 0.0, {}  # type: float, Dict[int, float]
    for state, w in zip(order, pi):
        k = able(state)
        if state[0] in k:
            in_turn += w
        else:
            elig[len(k)] = elig.get(len(k), 0.0) + w
    return CliqueTurns(float(in_turn), _normed(elig, 1.0 - in_turn), 0)


def _normed(counts: Dict[int, float], total: float) -> Dict[int, float]:
    return {k: v / total for k, v in sorted(counts.items())} if total > 0 else {}


def bft_commit_interval(height: int, validators: int, offline: Sequence[int], delay: float,
                        timeout_commit: float = 1.0, propose: Tuple[float, float] = (3.0, 0.5),
                        precommit: Tuple[float, float] = (1.0, 0.5)) -> float:
    """Seconds from the commit of height - 1 to that of `height` (>= 2) for Tendermint-style bft
    with equal powers (docs/consensus.md): the proposer of round r is validator (height - 1 + r)
    mod n (Tendermint's weighted round robin at equal powers). A round whose proposer is offline
    fails after timeout_propose(r) + timeout_precommit(r) + 2 delays (nil prevotes, then nil
    precommits, each one delay in flight); a timeout (base, per-round increase) is base + r
    increase. The first online proposer's block commits 3 delays after it is proposed (proposal,
    prevotes, precommits); the height starts `timeout_commit` after the last commit. Defaults:
    Tendermint Core v0.34's config.toml. Infinite when every validator is offline."""
    off = set(offline)
    if len(off) >= validators:
        return math.inf
    total, r = timeout_commit, 0
    while (height - 1 + r) % validators in off:
        total += propose[0] + r * propose[1] + precommit[0] + r * precommit[1] + 2 * delay
        r += 1
    return total + 3 * delay
