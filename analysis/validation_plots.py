"""The plots of docs/validation.md: runs the proof-of-work and validator-rule validations
through ``ostsim.run`` (the scenario path: a ``complete`` network of fixed delay,
``cores.<c>.adversary``, ``cores.<c>.consensus.offline``, ``scenarios/bitcoin-20*.yaml``),
measures each figure from the traces, and draws it next to its analytic reference
(``ostsim.analysis.references``), one PNG per validation.

    PYTHONPATH=$PWD/python:$PWD/build/release/python /usr/bin/python3 \\
        analysis/validation_plots.py --out docs/figures          # 4-10 min on 2 shared cores
    ... analysis/validation_plots.py --quick --out out/validation  # the test's size, about 1 min

The experiments are those of the C++ statistical tests (tests/core/fork_law_test.cpp,
intervals_test.cpp, selfish_test.cpp, double_spend_test.cpp; tests/world/adversary_test.cpp,
propagation_test.cpp; clique_test.cpp, bft_test.cpp, ffg_test.cpp), with their parameters,
run through scenarios rather than on a hand-built core (and the adversaries at smaller sizes),
so the figures differ from the doc's tables within the noise. Each validation prints its rows and returns checks with the tests' tolerances (at the
quick size, the ones that size supports); the script exits 1 if one fails.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple

import numpy as np

import ostsim
from ostsim.analysis import references as ref

T = 600  # the mean block interval in seconds, as in the C++ tests: durations are in units of T
NS = 1e-9
DPI = 100

# Simulated time per point, in block intervals T (propagation and the validator rules: in
# seconds). Full: the doc's sizes, but for the adversaries (their tables there come from the C++
# core at 300 000 T and 40 000 attacks per point; 100 000 T and about 10 000 attacks keep this
# script to minutes, and docs/validation.md states these sizes beside each plot).
SIZES: Dict[str, Dict[str, float]] = {
    "full": {"fork_law": 20000, "intervals": 20000, "selfish": 100000, "attacks": 10000,
             "propagation_s": 60000, "clique_s": 60000, "bft_s": 3000, "ffg_s": 6000},
    "quick": {"fork_law": 2000, "intervals": 2000, "selfish": 10000, "attacks": 500,
              "propagation_s": 6000, "clique_s": 3000, "bft_s": 300, "ffg_s": 900},
}


@dataclass
class Check:
    """One pass/fail comparison of a measured figure with its reference."""
    name: str
    ok: bool
    detail: str


def _scenario(nodes: int, delay_s: float, seed: int, duration_t: float,
              adversary: Dict | None = None) -> Dict:
    """One pow core of `nodes` equal miners on a complete network: every block reaches every
    other miner `delay_s` after it is found (the network of the fork law). Confirmations are
    out of reach, as in the tests: overrides may reorganise arbitrarily deep."""
    core: Dict = {"network": "n", "nodes": nodes,
                  "consensus": {"rule": "pow", "block_time": f"{T}s", "confirmations": 100000}}
    if adversary:
        core["adversary"] = adversary
    return {"name": "validation", "seed": seed, "duration": f"{duration_t * T:.0f}s",
            "trace": {"level": "standard", "series_every": 0, "checkpoint_every": 0},
            "networks": {"n": {"delay": f"{delay_s * 1e6:.0f}us"}}, "cores": {"c": core}}


def _run(scenario, work: str, name: str, **kw) -> ostsim.Trace:
    r = ostsim.run(scenario, out=os.path.join(work, f"{name}.h5"), force=True, **kw)
    return ostsim.load(r.trace_path)


def _figure(width: float = 6.0, height: float = 4.0, ncols: int = 1):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(1, ncols, figsize=(width, height))
    return fig, ax


def _label(ax, x: str, y: str, title: str | None = None, **legend) -> None:
    """The axis labels, a small title and the legend (small unless `legend` says otherwise)."""
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title:
        ax.set_title(title, fontsize="small")
    ax.legend(**{"fontsize": "small", **legend})


def _save(fig, out: str, name: str) -> str:
    path = os.path.join(out, f"{name}.png")
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path


# --- Proof of work: the fork law ---------------------------------------------------------

FORK_MINERS = 50
FORK_RATIOS = (0.02, 0.05, 0.1, 0.2, 0.3)  # d/T; the law is checked up to 0.1 (first order)


def fork_law(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Stale blocks per main-chain block against d/T, 50 equal miners, seed 1."""
    rows = []
    for r in FORK_RATIOS:
        t = _run(_scenario(FORK_MINERS, r * T, 1, size["fork_law"]), work, f"fork_{r}")
        c = t.cores.iloc[0]
        stale, main = int(c["produced"] - c["main"]), int(c["main"])
        law = ref.fork_law(r, 1.0 / FORK_MINERS)
        tol = 4 * math.sqrt(max(stale, 1)) / main  # four Poisson sd of the stale count
        rows.append((r, stale / main, law, tol))
        print(f"fork law d/T={r:.2f}: stale/main {stale / main:.4f} law {law:.4f} "
              f"ratio {stale / main / law:.2f} ({main} main blocks)")
    fig, ax = _figure()
    grid = np.linspace(0, max(FORK_RATIOS) * 1.05, 100)
    ax.plot(grid, [ref.fork_law(x, 1.0 / FORK_MINERS) for x in grid], "k-", lw=1,
            label="law 1 - exp(-(1-s) d/T)")
    ax.errorbar([x[0] for x in rows], [x[1] for x in rows], yerr=[x[3] / 2 for x in rows],
                fmt="o", color="C3", ms=4, capsize=3, label="ostsim (± 2 Poisson sd)")
    _label(ax, "propagation delay / block interval (d/T)", "stale blocks per main-chain block",
           title=f"{FORK_MINERS} equal pow miners, {size['fork_law']:.0f} T per point")
    checks = [Check(f"fork law at d/T={r}", abs(m - law) <= tol,
                    f"{m:.4f} vs {law:.4f} ± {tol:.4f}") for r, m, law, tol in rows if r <= 0.1]
    return _save(fig, out, "validation_fork_law"), checks


# --- Proof of work: block intervals --------------------------------------------------------

def block_intervals(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Intervals between all blocks produced (stale ones included), 20 miners, d = 0.1 T,
    seed 4, against Exp(T) given, not fitted: Kolmogorov-Smirnov at alpha = 0.01."""
    t = _run(_scenario(20, 0.1 * T, 4, size["intervals"]), work, "intervals")
    times = np.sort(t.blocks.loc[t.blocks["height"] > 0, "time"].to_numpy()) * NS / T
    iv = np.diff(np.concatenate([[0.0], times]))
    n = len(iv)
    d = ks_statistic(iv, 1.0)
    crit = ref.ks_critical(n)
    se = 1 / math.sqrt(n)  # of the mean of n Exp(1)
    print(f"intervals: n {n}, mean {iv.mean():.4f} T, D {d:.5f} (critical {crit:.5f}); "
          f"against Exp(1.1 T) D {ks_statistic(iv, 1.1):.5f}, Exp(0.9 T) {ks_statistic(iv, 0.9):.5f}")
    fig, ax = _figure()
    edges = np.linspace(0, 6, 49)
    ax.hist(iv, bins=edges, density=True, color="C0", alpha=0.6, label=f"ostsim, {n} intervals")
    x = np.linspace(0, 6, 200)
    ax.plot(x, np.exp(-x), "k-", lw=1, label="Exp(T) density")
    ax.set_yscale("log")
    _label(ax, "interval between consecutive blocks produced (T)", "density (1/T)",
           title=f"20 pow miners, d = 0.1 T: KS D = {d:.4f} (critical {crit:.4f} at 1 %), "
                 f"mean {iv.mean():.3f} T")
    checks = [Check("intervals KS against Exp(T)", d < crit, f"D {d:.5f} < {crit:.5f}"),
              Check("intervals mean", abs(iv.mean() - 1) < 4 * se, f"{iv.mean():.4f} T ± {4 * se:.4f}"),
              # power: the same intervals reject a mean 10 % off
              Check("intervals KS rejects Exp(1.1 T)", ks_statistic(iv, 1.1) > crit, ""),
              Check("intervals KS rejects Exp(0.9 T)", ks_statistic(iv, 0.9) > crit, "")]
    if size["intervals"] < 10000:  # too few intervals to tell 10 % apart at the quick size
        checks = checks[:2]
    return _save(fig, out, "validation_block_intervals"), checks


def ks_statistic(x: np.ndarray, mean: float) -> float:
    """sup |F_n - F| of the sample `x` against the exponential law of `mean`."""
    x = np.sort(x)
    return ks_distance(x, 1 - np.exp(-x / mean))


def ks_distance(x_sorted: np.ndarray, f: np.ndarray) -> float:
    """sup |F_n - F| of a sorted sample, given the law's F at each of its points."""
    n = len(x_sorted)
    i = np.arange(1, n + 1)
    return float(max(np.max(i / n - f), np.max(f - (i - 1) / n)))


# --- Selfish mining ------------------------------------------------------------------------

SELFISH_ALPHAS = (0.2, 0.3, 0.4)
SELFISH_GAMMAS = (0.0, 0.5, 1.0)
# (gamma, alpha) on both sides of the threshold (1 - gamma)/(3 - 2 gamma), as selfish_test.cpp
THRESHOLD_POINTS = ((0.0, 0.29), (0.0, 0.38), (0.5, 0.20), (0.5, 0.30))


def _pool_share(t: ostsim.Trace) -> Tuple[float, int]:
    """The selfish pool's (node 0's) share of the main chain, and the main chain's length. The
    main chain is node 0's at the end: the pool's unreleased lead, a few blocks, counts in it."""
    b = t.blocks
    main = b[(b["main"] == 1) & (b["height"] > 0)]
    return float((main["producer"] == 0).mean()), len(main)


def selfish_mining(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Eleven nodes, the pool node 0 with share alpha and ten honest miners, d = 10^-6 T; gamma
    set directly (the first 10 gamma honest nodes prefer the pool's block in a tie)."""
    def measure(alpha, gamma, seed):
        adv = {"kind": "selfish", "share": alpha, "gamma": gamma}
        t = _run(_scenario(11, 1e-6 * T, seed, size["selfish"], adv), work, f"selfish_{alpha}_{gamma}")
        share, main = _pool_share(t)
        return share, ref.selfish_revenue_sd(alpha, gamma, main)

    checks: List[Check] = []
    points = []
    for g in SELFISH_GAMMAS:
        for a in SELFISH_ALPHAS:
            share, sd = measure(a, g, 1)
            r = ref.selfish_revenue(a, g)
            points.append((a, g, share, sd))
            print(f"selfish alpha={a} gamma={g}: {share:.4f} R {r:.4f} sd {sd:.4f} "
                  f"({(share - r) / sd:+.1f} sd)")
            checks.append(Check(f"selfish R({a}, {g})", abs(share - r) <= 4 * sd,
                                f"{share:.4f} vs {r:.4f}, {(share - r) / sd:+.1f} sd"))
    # On the right side of alpha: by 4 sd at full size (as the test), 2 at the quick one.
    margin = 4 if size["selfish"] >= 30000 else 2
    thresholds = []
    measured = {(a, g): (share, sd) for a, g, share, sd in points}
    for g, a in THRESHOLD_POINTS:
        share, sd = measured[(a, g)] if (a, g) in measured else measure(a, g, 1)
        above = a > ref.selfish_threshold(g)
        thresholds.append((a, g, share, sd))
        print(f"threshold gamma={g} alpha={a}: earns {share:.4f} ({(share - a) / sd:+.1f} sd "
              f"{'above' if above else 'below'} alpha)")
        checks.append(Check(f"selfish threshold gamma={g} alpha={a}",
                            (share - a) / sd > margin if above else (a - share) / sd > margin,
                            f"{share:.4f} against alpha {a}, {(share - a) / sd:+.1f} sd"))

    fig, ax = _figure(6.4, 4.4)
    grid = np.linspace(0.0, 0.48, 200)
    for i, g in enumerate(SELFISH_GAMMAS):
        ax.plot(grid, [ref.selfish_revenue(a, g) for a in grid], "-", color=f"C{i}", lw=1,
                label=f"R(α, γ={g:g}), Eyal-Sirer")
        ax.axvline(ref.selfish_threshold(g), color=f"C{i}", ls=":", lw=0.8)
        p = [x for x in points if x[1] == g]
        ax.errorbar([x[0] for x in p], [x[2] for x in p], yerr=[2 * x[3] for x in p], fmt="o",
                    color=f"C{i}", ms=4, capsize=2)
        p = [x for x in thresholds if x[1] == g]
        ax.plot([x[0] for x in p], [x[2] for x in p], "D", mfc="none", color=f"C{i}", ms=5)
    ax.plot(grid, grid, "k--", lw=0.8, label="honest: R = α")
    ax.set_xlim(0, 0.5)
    ax.set_ylim(0, 0.75)
    _label(ax, "pool hash share α", "pool's share of main-chain blocks",
           title=f"ostsim: dots (± 2 sd), threshold runs: diamonds; dotted: thresholds; "
                 f"{size['selfish']:.0f} T per point", loc="upper left")
    return _save(fig, out, "validation_selfish_mining"), checks


# --- Double spending -----------------------------------------------------------------------

# (q, z, give_up_behind G, block intervals T per attack, measured, premined): the doc's points.
# The attack length sizes the runs for a number of attacks.
DOUBLE_SPEND_POINTS = ((0.3, 1, 12, 16, True), (0.3, 2, 12, 22, True), (0.3, 3, 12, 25, True),
                       (0.3, 4, 12, 29, True), (0.4, 2, 25, 36, True), (0.4, 4, 25, 52, True),
                       (0.3, 2, 12, 22, False))


def attack_outcomes(t: ostsim.Trace) -> Tuple[int, int]:
    """(successes, attacks ended) of the double spender, node 0, from the trace's summary
    (``cores/<core>/double_spend``: an attack given up leaves no block behind when the honest
    lead reaches the give-up before the attacker's first block, so the rows cannot count it)."""
    k = t.summary["cores"]["c"]["double_spend"]
    return int(k["succeeded"]), int(k["attacks"])


def abandoned_branches(t: ostsim.Trace, give_up_behind: int) -> int:
    """Attacks given up as the blocks table shows them: the maximal chains of node 0's stale
    blocks, never sent, whose honest rival leads by `give_up_behind` at the end (the attack in
    flight left out). With the premined block every attack has one, so this equals the
    summary's ``given_up``; without, attacks given up before a block leave none."""
    b = t.blocks
    own = b[(b["producer"] == 0) & (b["main"] == 0)]
    stale = set(own["seq"])
    roots = own[~((own["parent_producer"] == 0) & own["parent_seq"].isin(stale))]
    top = int(b.loc[b["main"] == 1, "height"].max())
    # A private branch is a chain: each of its blocks has at most one child.
    chained = own[own["parent_producer"] == 0]
    child = dict(zip(chained["parent_seq"], chained["seq"]))
    ended = 0
    for seq, h in zip(roots["seq"], roots["height"]):
        length, s = 1, int(seq)
        while s in child:
            s, length = child[s], length + 1
        behind = (top - (int(h) - 1)) - length  # the honest lead over the branch at the end
        ended += behind >= give_up_behind
    return ended


def double_spending(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Node 0 with share q against 4 honest miners, d = 10^-6 T: success per attack against the
    race formula (Rosenfeld's with the give-up, with or without the premined block),
    Rosenfeld's and Nakamoto's. Each success must also show on the chain: the honest nodes'
    reorganisations (node 1's in the nodes table) equal the summary's successes."""
    rows = []
    checks = []
    for q, z, g, t_per_attack, premine in DOUBLE_SPEND_POINTS:
        adv = {"kind": "double_spend", "share": q, "confirmations": z, "give_up_behind": g,
               "premine": premine}
        t = _run(_scenario(5, 1e-6 * T, 1, size["attacks"] * t_per_attack, adv), work,
                 f"double_spend_{q}_{z}_{'p' if premine else 'n'}")
        ok, n = attack_outcomes(t)
        reorgs = int(t.nodes.loc[(t.nodes["core"] == 0) & (t.nodes["node"] == 1), "reorgs"].iloc[0])
        given_up = int(t.summary["cores"]["c"]["double_spend"]["given_up"])
        branches = abandoned_branches(t, g)
        p = ref.race_success(q, z, premine, g)
        se = math.sqrt(p * (1 - p) / n)
        rows.append((q, z, ok / n, se, premine, g))
        print(f"double spend q={q} z={z} G={g} premined {premine}: {ok}/{n} = {ok / n:.4f}, race "
              f"{p:.4f} se {se:.4f} ({(ok / n - p) / se:+.1f}), Rosenfeld "
              f"{ref.rosenfeld_success(q, z):.4f}, Nakamoto {ref.nakamoto_success(q, z):.4f}; "
              f"{given_up} given up, {branches} abandoned branches in the blocks table")
        label = f"q={q} z={z}{'' if premine else ' (no premined block)'}"
        checks += [Check(f"double spend {label}", abs(ok / n - p) <= 4 * se,
                         f"{ok / n:.4f} vs {p:.4f}, {(ok / n - p) / se:+.1f} se"),
                   Check(f"double spend {label}: successes reorganise the honest nodes",
                         reorgs == ok, f"{reorgs} reorganisations, {ok} successes")]
        if premine:
            checks.append(Check(f"double spend {label}: every attack given up leaves a branch",
                                abs(branches - given_up) <= 1, f"{branches} vs {given_up}"))
    fig, ax = _figure()
    zs = np.arange(1, 7)
    for i, q in enumerate(sorted({r[0] for r in rows})):
        ax.plot(zs, [ref.rosenfeld_success(q, int(z)) for z in zs], "-", color=f"C{i}", lw=1,
                label=f"q = {q}: Rosenfeld")
        ax.plot(zs, [ref.nakamoto_success(q, int(z)) for z in zs], "--", color=f"C{i}", lw=1,
                label=f"q = {q}: Nakamoto")
        p = [r for r in rows if r[0] == q and r[4]]
        ax.errorbar([r[1] for r in p], [r[2] for r in p], yerr=[2 * r[3] for r in p], fmt="o",
                    color=f"C{i}", ms=4, capsize=3, label=f"q = {q}: ostsim (± 2 se)")
        p = [r for r in rows if r[0] == q and not r[4]]
        if p:
            ax.plot(zs, [ref.race_success(q, int(z), False, p[0][5]) for z in zs], ":", color=f"C{i}",
                    lw=1, label=f"q = {q}: race, no premined block")
            ax.errorbar([r[1] for r in p], [r[2] for r in p], yerr=[2 * r[3] for r in p], fmt="s",
                        mfc="none", color=f"C{i}", ms=5, capsize=3,
                        label=f"q = {q}: ostsim, no premined block")
    _label(ax, "merchant's confirmations z", "double-spend success per attack",
           title=f"5 pow nodes, attacker node 0, about {size['attacks']:.0f} attacks per point",
           fontsize="x-small", ncol=2)
    return _save(fig, out, "validation_double_spending"), checks


# --- Propagation on SimBlock's Bitcoin network ---------------------------------------------

# Measurements of Bitcoin itself (docs/validation.md): Decker and Wattenhofer 2013, a node's
# time to receive a block, median and 90th percentile; Gervais et al. 2016, median propagation.
DECKER_MEDIAN_S, DECKER_P90_S, GERVAIS_MEDIAN_S = 6.5, 26.0, 8.7


def propagation(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """t50 and t90 of every block (time to reach half and 90 % of the 6,000 nodes) on
    scenarios/bitcoin-2015.yaml, and bitcoin-2019.yaml (compact blocks), seed 1."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    duration = f"{size['propagation_s']:.0f}s"
    fig, ax = _figure()
    checks = []
    for i, name in enumerate(("bitcoin-2015", "bitcoin-2019")):
        t = _run(os.path.join(root, "scenarios", f"{name}.yaml"), work, name,
                 overrides={"duration": duration})
        b = t.blocks
        nodes = int(t.cores["nodes"].iloc[0])
        early = b[b["time"] * NS < size["propagation_s"] - 120]
        t50 = np.sort(b.loc[b["reach50"] >= 0, "reach50"].to_numpy() * NS)
        t90 = np.sort(b.loc[b["reach90"] >= 0, "reach90"].to_numpy() * NS)
        m50, m90, p90 = nearest_rank(t50, 0.5), nearest_rank(t90, 0.5), nearest_rank(t90, 0.9)
        print(f"{name}: {len(b)} blocks; t50 median {m50:.2f} s, 90th pct "
              f"{nearest_rank(t50, 0.9):.2f} s; t90 median {m90:.2f} s, 90th pct {p90:.2f} s")
        for x, style, what in ((t50, "-", "t50"), (t90, "--", "t90")):
            ax.step(x, np.arange(1, len(x) + 1) / len(x), style, where="post", color=f"C{i}",
                    label=f"{name} {what}")
        checks.append(Check(f"{name}: blocks older than 120 s reach every node",
                            bool((early["reached"] == nodes).all()) and len(early) > 0,
                            f"{len(early)} blocks"))
        if name == "bitcoin-2015":  # the bounds of propagation_test.cpp
            checks += [Check("bitcoin-2015 t50 median between Decker/2 and 1.5 Gervais",
                             DECKER_MEDIAN_S / 2 < m50 < 1.5 * GERVAIS_MEDIAN_S, f"{m50:.2f} s"),
                       Check("bitcoin-2015 t90 median above t50's", m90 > m50, f"{m90:.2f} s"),
                       Check("bitcoin-2015 t90 90th percentile below Decker's 26 s",
                             p90 < DECKER_P90_S, f"{p90:.2f} s")]
    for x, label in ((DECKER_MEDIAN_S, "Decker-Wattenhofer median"),
                     (DECKER_P90_S, "Decker-Wattenhofer 90th pct"),
                     (GERVAIS_MEDIAN_S, "Gervais et al. median")):
        ax.axvline(x, color="k", lw=0.8, ls=":" if "Gervais" in label else "-.")
        ax.text(x, 0.98, label + " ", rotation=90, fontsize="x-small", va="top", ha="right")
    ax.set_xscale("log")
    _label(ax, "time after production (s)", "share of blocks",
           title=f"time for a block to reach 50 % (t50) and 90 % (t90) of 6,000 nodes, "
                 f"{size['propagation_s']:.0f} s", loc="upper left")
    return _save(fig, out, "validation_propagation"), checks


def nearest_rank(x: np.ndarray, p: float) -> float:
    """The nearest-rank p-quantile of `x`, p in (0, 1] (as propagation_test.cpp reads them)."""
    x = np.sort(x)
    return float(x[max(0, math.ceil(p * len(x)) - 1)])


# --- Validator rules: clique, bft, ffg -------------------------------------------------------

def _validator_scenario(rule: str, validators: int, offline: int, delay_s: float, seed: int,
                        duration_s: float, tx_rate: float = 0.0, **consensus) -> Dict:
    """One core of `validators` equal signers or validators (the last `offline` of them offline)
    on a complete network of fixed delay; with `tx_rate`, a light transfer demand whose
    transactions carry each block's finality time into the `txs` table."""
    core: Dict = {"network": "n", "nodes": validators,
                  "consensus": {"rule": rule, "offline": offline, **consensus}}
    if tx_rate:
        core["transfers"] = {"accounts": 20, "rate": tx_rate}
    return {"name": "validation", "seed": seed, "duration": f"{duration_s:.0f}s",
            "trace": {"level": "standard", "series_every": 0, "checkpoint_every": 0},
            "networks": {"n": {"delay": f"{delay_s * 1e6:.0f}us"}}, "cores": {"c": core}}


def _main_blocks(t: ostsim.Trace):
    """Main-chain blocks above genesis, by height."""
    b = t.blocks
    return b[(b["main"] == 1) & (b["height"] > 0)].sort_values("height")


def _block_finality(t: ostsim.Trace):
    """(height, production s, final s) of every main-chain block that holds a final
    transaction: a transaction's `final` is its block's finality time at node 0."""
    x = t.txs
    x = x[x["final"] >= 0].drop_duplicates("height").sort_values("height")
    return (x["height"].to_numpy(), x["included"].to_numpy() * NS, x["final"].to_numpy() * NS)


def _batch_se(x: np.ndarray, batches: int = 20) -> float:
    """Standard error of the mean of a correlated sequence from `batches` batch means."""
    m = np.array([b.mean() for b in np.array_split(x, batches)])
    return float(m.std(ddof=1) / math.sqrt(batches))


CLIQUE_SIGNERS, CLIQUE_PERIOD_S, WIGGLE_S = 5, 3.0, 0.5  # WIGGLE_S: geth's wiggleTime
CLIQUE_OFFLINE = (0, 1, 2, 3)


def clique(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Five clique signers, period 3 s, seed 1: all online (d = 50 ms), then the last 1, 2, 3
    offline (d = 5 ms). In-turn share and out-of-turn lateness against geth's rules as a Markov
    chain (references.clique_turns); header times on the period grid; stale blocks with all
    online against 2 d/W per height; a halt with fewer than floor(N/2) + 1 signers online."""
    n, p = CLIQUE_SIGNERS, CLIQUE_PERIOD_S
    span = (n // 2 + 1) * WIGGLE_S  # out-of-turn wiggles are uniform in [0, span)
    checks: List[Check] = []
    shares, lates = [], {}
    for off in CLIQUE_OFFLINE:
        d = 0.05 if off == 0 else 0.005
        t = _run(_validator_scenario("clique", n, off, d, 1, size["clique_s"], block_time=f"{p:.0f}s",
                                     confirmations=0), work, f"clique_{off}")
        m = _main_blocks(t)
        h = m["height"].to_numpy()
        late = m["time"].to_numpy() * NS - p * h  # seal time behind the header time h P
        turn = m["producer"].to_numpy() == h % n
        ref_turns = ref.clique_turns(n, range(n - off, n))
        produced = int(t.cores["produced"].iloc[0])
        if ref_turns.halts_at:
            print(f"clique {off} offline: halted at height {h.max()} ({produced} blocks produced), "
                  f"expected {ref_turns.halts_at}")
            checks.append(Check(f"clique, {off} of {n} offline: halts",
                                int(h.max()) == ref_turns.halts_at and produced == ref_turns.halts_at,
                                f"height {h.max()}, expected {ref_turns.halts_at}"))
            continue
        share, se = float(turn.mean()), _batch_se(turn.astype(float))
        interval = float(np.diff(m["time"].to_numpy()).mean() * NS)
        print(f"clique {off} offline: {len(m)} blocks, in-turn {share:.4f} (se {se:.4f}) expected "
              f"{ref_turns.in_turn:.4f}; mean interval {interval:.4f} s; in-turn seals late by at "
              f"most {np.abs(late[turn]).max():.1e} s")
        shares.append((off, share, se, ref_turns.in_turn))
        checks += [Check(f"clique, {off} offline: in-turn seals on the period grid",
                         bool(np.abs(late[turn]).max() < 1e-6), ""),
                   Check(f"clique, {off} offline: mean interval is the period",
                         abs(interval - p) < span / len(m) + 1e-6, f"{interval:.5f} s")]
        if off == 0:
            stale = produced - len(m)
            expect = len(m) * (n - 1 - n // 2) * d / span  # signers neither in turn nor recent
            print(f"clique all online: {stale} stale blocks, expected {expect:.1f}")
            checks += [Check("clique, all online: every block in turn", share == 1.0, f"{share}"),
                       Check("clique, all online: stale blocks 2 d/W per height",
                             abs(stale - expect) <= 4 * math.sqrt(expect), f"{stale} vs {expect:.1f}")]
            continue
        x = np.sort(late[~turn])
        ks = ks_distance(x, ref_turns.late_cdf(x, span))
        crit = ref.ks_critical(len(x))
        late_mean, late_se = float(x.mean()), float(x.std(ddof=1) / math.sqrt(len(x)))
        print(f"  out of turn: {len(x)} seals, late {late_mean:.4f} s (se {late_se:.4f}) expected "
              f"{ref_turns.late_mean(span):.4f}; KS D {ks:.4f} (critical {crit:.4f})")
        lates[off] = (x, ref_turns)
        checks += [Check(f"clique, {off} offline: in-turn share", abs(share - ref_turns.in_turn) <= 4 * se,
                         f"{share:.4f} vs {ref_turns.in_turn:.4f} ± {4 * se:.4f}"),
                   Check(f"clique, {off} offline: out-of-turn lateness mean",
                         abs(late_mean - ref_turns.late_mean(span)) <= 4 * late_se,
                         f"{late_mean:.4f} s vs {ref_turns.late_mean(span):.4f} s"),
                   Check(f"clique, {off} offline: out-of-turn lateness KS", ks < crit,
                         f"D {ks:.4f} < {crit:.4f}")]
    fig, (a1, a2) = _figure(9.0, 3.8, ncols=2)
    a1.errorbar([s[0] for s in shares], [s[1] for s in shares], yerr=[2 * s[2] for s in shares],
                fmt="o", color="C3", ms=5, capsize=3, label="ostsim (± 2 se)")
    a1.plot([s[0] for s in shares], [s[3] for s in shares], "kx", ms=8, label="Markov chain of the rules")
    a1.set_xticks(list(CLIQUE_OFFLINE))
    a1.axvline(n - (n // 2 + 1) + 0.5, color="k", ls=":", lw=0.8)
    a1.text(n - (n // 2 + 1) + 0.6, 0.5, "halts", fontsize="small", rotation=90)
    _label(a1, f"signers offline (of {n})", "in-turn share of main-chain blocks")
    grid = np.linspace(0, span, 200)
    for i, (off, (x, rt)) in enumerate(sorted(lates.items())):
        a2.step(x, np.arange(1, len(x) + 1) / len(x), where="post", color=f"C{i}",
                label=f"{off} offline, ostsim ({len(x)} seals)")
        a2.plot(grid, rt.late_cdf(grid, span), "k--" if i == 0 else "k:", lw=1,
                label=f"{off} offline, rules")
    _label(a2, "out-of-turn seal behind its header time (s)", "cumulative share")
    fig.suptitle(f"clique, {n} signers, period {p:.0f} s, {size['clique_s']:.0f} s per run",
                 fontsize="small")
    return _save(fig, out, "validation_clique"), checks


BFT_VALIDATORS, BFT_DELAY_S, BFT_OFFLINE = 10, 0.05, (0, 1, 2, 3, 4)
ROUND_S = 3.0 + 1.0 + 1.0  # the three round-0 timeouts: one stall per nominal round


def bft(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Ten equal bft validators, d = 50 ms, default timeouts, seed 1, 0-4 of them offline:
    every height's commit interval against the rotation and the round timeouts
    (references.bft_commit_interval), every block final 3 d after its proposal; with more than
    1/3 offline no commit and one stall per nominal round at every online validator."""
    n, d = BFT_VALIDATORS, BFT_DELAY_S
    checks: List[Check] = []
    curves = []
    for off in BFT_OFFLINE:
        t = _run(_validator_scenario("bft", n, off, d, 1, size["bft_s"], tx_rate=2.0,
                                     block_time="1s"),
                 work, f"bft_{off}")
        m = _main_blocks(t)
        heights, made, final = _block_finality(t)
        delay = final - made
        stalls = t.nodes["stalls"].to_numpy()
        if 3 * off >= n:  # more than 1/3 of the power offline
            expect = math.floor(size["bft_s"] / ROUND_S)
            print(f"bft {off} offline: {len(heights)} final blocks, stalls per online node "
                  f"{sorted(set(stalls[:n - off]))} (expected {expect}), offline {sorted(set(stalls[n - off:]))}")
            checks += [Check(f"bft, {off} of {n} offline: nothing final", len(heights) == 0 and
                             math.isnan(float(t.cores["finality_delay"].iloc[0])), f"{len(heights)}"),
                       Check(f"bft, {off} of {n} offline: one stall per round at online nodes",
                             bool((np.abs(stalls[:n - off] - expect) <= 1).all()), f"{stalls.tolist()}")]
            lost = (off, int(stalls[0]))
            continue
        iv = np.diff(m["time"].to_numpy()) * NS
        want = np.array([ref.bft_commit_interval(int(h), n, range(n - off, n), d)
                         for h in m["height"].to_numpy()[1:]])
        failed = sum(_leading_offline(int(h), n, off) for h in m["height"].to_numpy())
        print(f"bft {off} offline: {len(m)} commits, mean interval {iv.mean():.4f} s (expected "
              f"{want.mean():.4f}), largest deviation {np.abs(iv - want).max():.1e} s; finality "
              f"{delay.min():.4f}-{delay.max():.4f} s over {len(delay)} blocks; stalls {stalls[0]}")
        checks += [Check(f"bft, {off} offline: every commit interval", bool(np.abs(iv - want).max() < 1e-6),
                         f"{iv.mean():.4f} s mean vs {want.mean():.4f} s"),
                   Check(f"bft, {off} offline: final 3 d after production",
                         len(delay) > 0 and bool(np.abs(delay - 3 * d).max() < 1e-6),
                         f"{delay.mean():.4f} s"),
                   # the height in progress at the end may have failed rounds of its own
                   Check(f"bft, {off} offline: a stall per failed round",
                         0 <= int(stalls[0]) - failed <= off, f"{stalls[0]} stalls, {failed} failed rounds")]
        curves.append((off, np.sort(iv), np.sort(want)))
    fig, ax = _figure()
    for i, (off, iv, want) in enumerate(curves):
        y = np.arange(1, len(iv) + 1) / len(iv)
        ax.step(np.concatenate([[0], iv]), np.concatenate([[0], y]), where="post", color=f"C{i}",
                lw=2.5 - 0.4 * i, label=f"{off} offline: ostsim, {len(iv)} heights")
        ax.plot(want, y, "k.", ms=2)
    ax.plot([], [], "k.", label="rotation and timeouts (expected)")
    ax.set_xlim(0, 18)
    _label(ax, "time from one commit to the next (s)", "cumulative share of heights",
           title=f"bft, {n} validators, d = 50 ms, {size['bft_s']:.0f} s a run; blocks final "
                 f"3 d = 0.15 s after proposal;\n{lost[0]} offline: nothing final, "
                 f"{lost[1]} stalls per online validator (one per 5 s round)", loc="lower right")
    return _save(fig, out, "validation_bft"), checks


def _leading_offline(height: int, n: int, offline: int) -> int:
    """Rounds of `height` whose proposer, (height - 1 + r) mod n, is one of the last `offline`."""
    r = 0
    while r < n and (height - 1 + r) % n >= n - offline:
        r += 1
    return r


FFG_VALIDATORS, FFG_EPOCH, FFG_DELAY_S = 5, 10, 0.05


def _missed_checkpoints(blocks, epoch: int, n: int, voting: int) -> List[int]:
    """Checkpoint heights that `voting` of `n` equal validators cannot justify: each producer of
    a stale block at that height voted for its own block, leaving at most 2/3."""
    stale = blocks[(blocks["main"] == 0) & (blocks["height"] % epoch == 0) & (blocks["height"] > 0)]
    lost = stale.groupby("height")["producer"].nunique()
    return [int(h) for h, k in lost.items() if 3 * (voting - k) <= 2 * n]
# (offline, slow): full participation, 4 of 5 voting, 4 of 5 with the needed one 1 s slow,
# 3 of 5 voting (under 2/3)
FFG_CASES = ((0, 0), (1, 0), (1, 1), (2, 0))
FFG_SLOW_S = 1.0


def ffg(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """ffg over clique, 5 signer-validators of stake 1, epochs of 10 blocks of 3 s, d = 50 ms,
    seed 1. A block at height h is final when the checkpoint at or above it is finalised, i.e.
    when the next checkpoint c(h) + E is justified: 2 d after that checkpoint is sealed (it
    reaches the others in d, their votes are back in d), (2E - j) P + 2 d for h = eE + j. Each
    final block is checked against that from the trace's seal times; a late justification
    (a vote lost to a stale sibling checkpoint, a slow vote) finalises at a later checkpoint."""
    n, e, p, d = FFG_VALIDATORS, FFG_EPOCH, CLIQUE_PERIOD_S, FFG_DELAY_S
    checks: List[Check] = []
    points = []
    for off, slow in FFG_CASES:
        t = _run(_validator_scenario("ffg", n, off, d, 1, size["ffg_s"], tx_rate=1.0, block_time=f"{p:.0f}s",
                                     epoch_length=e, slow=slow, slow_delay=f"{FFG_SLOW_S:.0f}s"),
                 work, f"ffg_{off}_{slow}")
        m = _main_blocks(t)
        sealed = dict(zip(m["height"].to_numpy(), m["time"].to_numpy() * NS))
        heights, made, final = _block_finality(t)
        label = f"{n - off} of {n} voting" + (f", one {FFG_SLOW_S:.0f} s slow" if slow else "")
        if 3 * (n - off) <= 2 * n:
            print(f"ffg {label}: {len(heights)} final blocks, chain at height {m['height'].max()}")
            checks.append(Check(f"ffg, {label}: nothing final while the chain grows",
                                len(heights) == 0 and m["height"].max() >= 0.9 * size["ffg_s"] / p,
                                f"{len(heights)} final, height {m['height'].max()}"))
            points.append((label, None, None, None))
            continue
        # the checkpoints whose justification finalises each block: c(h) + E, c(h) + 2E, ...
        first = (heights + e - 1) // e * e + e
        extra = FFG_SLOW_S if slow else 0.0
        late_by = np.full(len(heights), -1)
        for k in range(0, 6):
            c = first + k * e
            at = np.array([sealed.get(int(x), np.nan) for x in c]) + 2 * d + extra
            hit = (late_by < 0) & (final >= at - d - 1e-6) & (final <= at + 1e-6)
            late_by[hit] = k
        delay = final - made
        expected = np.array([sealed[int(c)] for c in first]) + 2 * d + extra - made
        on_time = late_by == 0
        print(f"ffg {label}: {len(heights)} final blocks, mean finality {delay.mean():.3f} s "
              f"(all at the first checkpoint: {expected.mean():.3f}); at the first checkpoint "
              f"{on_time.mean():.4f}, epochs later {np.bincount(late_by[late_by > 0]).tolist()}; "
              f"unexplained {int((late_by < 0).sum())}")
        checks.append(Check(f"ffg, {label}: final 2 d{' + slow' if slow else ''} after a "
                            "checkpoint 2 epochs on or later", bool((late_by >= 0).all()),
                            f"{int((late_by < 0).sum())} of {len(heights)} unexplained"))
        if off == 0:
            checks.append(Check("ffg, full participation: every block final on time",
                                bool(on_time.all()) and abs(delay.mean() - expected.mean()) < 1e-6,
                                f"{delay.mean():.4f} s vs {expected.mean():.4f} s"))
        else:
            # A checkpoint misses its justification when a stale sibling took the vote of its
            # producer (one vote per target epoch) and too few are left; the blocks of the two
            # epochs it closes then wait for a later checkpoint.
            missed = _missed_checkpoints(t.blocks, e, n, n - off)
            predicted = np.isin(first, missed) | np.isin(first - e, missed)
            print(f"  checkpoints with a stale sibling that took a needed vote: {sorted(missed)}")
            checks.append(Check(f"ffg, {label}: late exactly where a stale checkpoint took a vote",
                                bool((predicted == ~on_time).all()),
                                f"{int((~on_time).sum())} late, {int(predicted.sum())} predicted"))
        points.append((label, heights % e, delay, on_time))
    fig, ax = _figure()
    j = np.arange(1, e + 1)
    ax.plot(j % e, (2 * e - j) * p + 2 * d, "k_", ms=14, mew=1.5, label="(2E - j) P + 2d, full participation")
    for i, (label, pos, delay, _) in enumerate(points):
        if pos is None:
            ax.plot([], [], " ", label=f"{label}: nothing final")
            continue
        jitter = (i - 1) * 0.12
        ax.plot(pos + jitter, delay, ".", color=f"C{i}", ms=3, alpha=0.5, label=f"{label}: {len(delay)} blocks")
    ax.set_xticks(range(e))
    _label(ax, f"height mod E (E = {e}; 0: the checkpoint)", "finality delay (s)",
           title=f"ffg over clique, {n} validators, P = {p:.0f} s, d = 50 ms, "
                 f"{size['ffg_s']:.0f} s per run")
    return _save(fig, out, "validation_ffg"), checks


VALIDATIONS: Dict[str, Callable[[Dict[str, float], str, str], Tuple[str, List[Check]]]] = {
    "fork_law": fork_law, "block_intervals": block_intervals, "selfish_mining": selfish_mining,
    "double_spending": double_spending, "propagation": propagation, "clique": clique, "bft": bft,
    "ffg": ffg}


def run(out: str, quick: bool = False, only: List[str] | None = None,
        work: str | None = None) -> Dict[str, Tuple[str, List[Check]]]:
    """Runs the validations named in `only` (default all) at the quick or full size, writing
    their PNGs to `out` and their traces to `work` (default out/validation-traces); returns
    {name: (png, checks)}."""
    os.makedirs(out, exist_ok=True)
    work = work or os.path.join("out", "validation-traces")
    os.makedirs(work, exist_ok=True)
    size = SIZES["quick" if quick else "full"]
    return {name: VALIDATIONS[name](size, out, work) for name in (only or list(VALIDATIONS))}


def main(argv: List[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="docs/figures", help="folder for the PNGs")
    p.add_argument("--work", default=None, help="folder for the traces (out/validation-traces)")
    p.add_argument("--quick", action="store_true", help="the test's size (about a minute)")
    p.add_argument("--only", action="append", choices=list(VALIDATIONS),
                   help="run only this validation (repeatable)")
    a = p.parse_args(argv)
    failed = 0
    for name, (png, checks) in run(a.out, a.quick, a.only, a.work).items():
        print(f"{name}: {png}")
        for c in checks:
            failed += not c.ok
            print(f"  {'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
