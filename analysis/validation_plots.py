"""The plots of docs/validation.md: runs the proof-of-work validations through ``ostsim.run``
(the scenario path: a ``complete`` network of fixed delay, ``cores.<c>.adversary``,
``scenarios/bitcoin-20*.yaml``), measures each figure from the traces, and draws it next to its
analytic reference (``ostsim.analysis.references``), one PNG per validation.

    PYTHONPATH=$PWD/python:$PWD/build/release/python /usr/bin/python3 \\
        analysis/validation_plots.py --out docs/figures          # 4-10 min on 2 shared cores
    ... analysis/validation_plots.py --quick --out out/validation  # the test's size, about 1 min

The experiments are those of the C++ statistical tests (tests/core/fork_law_test.cpp,
intervals_test.cpp, selfish_test.cpp, double_spend_test.cpp; tests/world/adversary_test.cpp,
propagation_test.cpp), with their parameters, run through scenarios rather than on a hand-built
core (and the adversaries at smaller sizes), so the figures differ from the doc's tables within
the noise. Each validation prints its rows and returns checks with the tests' tolerances (at the
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

# Simulated time per point, in block intervals T (propagation: in seconds). Full: the doc's
# sizes, but for the adversaries (their tables there come from the C++ core at 300 000 T and
# 40 000 attacks per point; 100 000 T and about 10 000 attacks keep this script to minutes).
SIZES: Dict[str, Dict[str, float]] = {
    "full": {"fork_law": 20000, "intervals": 20000, "selfish": 100000, "attacks": 10000,
             "propagation_s": 60000},
    "quick": {"fork_law": 2000, "intervals": 2000, "selfish": 10000, "attacks": 500,
              "propagation_s": 6000},
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


def _figure(width: float = 6.0, height: float = 4.0):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


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
    ax.set_xlabel("propagation delay / block interval (d/T)")
    ax.set_ylabel("stale blocks per main-chain block")
    ax.set_title(f"{FORK_MINERS} equal pow miners, {size['fork_law']:.0f} T per point",
                 fontsize="small")
    ax.legend(fontsize="small")
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
    ax.set_xlabel("interval between consecutive blocks produced (T)")
    ax.set_ylabel("density (1/T)")
    ax.set_title(f"20 pow miners, d = 0.1 T: KS D = {d:.4f} (critical {crit:.4f} at 1 %), "
                 f"mean {iv.mean():.3f} T", fontsize="small")
    ax.legend(fontsize="small")
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
    n = len(x)
    f = 1 - np.exp(-x / mean)
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
    ax.set_xlabel("pool hash share α")
    ax.set_ylabel("pool's share of main-chain blocks")
    ax.set_title(f"ostsim: dots (± 2 sd), threshold runs: diamonds; dotted: thresholds; "
                 f"{size['selfish']:.0f} T per point", fontsize="small")
    ax.legend(fontsize="small", loc="upper left")
    return _save(fig, out, "validation_selfish_mining"), checks


# --- Double spending -----------------------------------------------------------------------

# (q, z, give_up_behind G, block intervals T per attack, measured): the doc's points with the
# premined block. The last figure sizes the runs for a number of attacks.
DOUBLE_SPEND_POINTS = ((0.3, 1, 12, 16), (0.3, 2, 12, 22), (0.3, 3, 12, 25), (0.3, 4, 12, 29),
                       (0.4, 2, 25, 36), (0.4, 4, 25, 52))


def attack_outcomes(t: ostsim.Trace, give_up_behind: int) -> Tuple[int, int]:
    """(successes, attacks ended) of the double spender, node 0, read from a trace. A success
    reorganises every honest node once (the `nodes` table's reorgs of node 1; natural forks are
    about 10^-6 per block at d = 10^-6 T). An attack given up leaves its private branch stale
    and never sent: one per maximal chain of stale node-0 blocks. The branch of the attack in
    flight at the end, whose honest rival does not yet lead by `give_up_behind`, is left out."""
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
    successes = int(t.nodes.loc[(t.nodes["core"] == 0) & (t.nodes["node"] == 1), "reorgs"].iloc[0])
    return successes, successes + ended


def double_spending(size: Dict[str, float], out: str, work: str) -> Tuple[str, List[Check]]:
    """Node 0 with share q against 4 honest miners, d = 10^-6 T: success per attack against the
    race formula (Rosenfeld's with the give-up), Rosenfeld's and Nakamoto's."""
    rows = []
    checks = []
    for q, z, g, t_per_attack in DOUBLE_SPEND_POINTS:
        adv = {"kind": "double_spend", "share": q, "confirmations": z, "give_up_behind": g}
        t = _run(_scenario(5, 1e-6 * T, 1, size["attacks"] * t_per_attack, adv), work,
                 f"double_spend_{q}_{z}")
        ok, n = attack_outcomes(t, g)
        p = ref.race_success(q, z, True, g)
        se = math.sqrt(p * (1 - p) / n)
        rows.append((q, z, ok / n, se))
        print(f"double spend q={q} z={z} G={g}: {ok}/{n} = {ok / n:.4f}, race {p:.4f} "
              f"se {se:.4f} ({(ok / n - p) / se:+.1f}), Rosenfeld {ref.rosenfeld_success(q, z):.4f}"
              f", Nakamoto {ref.nakamoto_success(q, z):.4f}")
        checks.append(Check(f"double spend q={q} z={z}", abs(ok / n - p) <= 4 * se,
                            f"{ok / n:.4f} vs {p:.4f}, {(ok / n - p) / se:+.1f} se"))
    fig, ax = _figure()
    zs = np.arange(1, 7)
    for i, q in enumerate(sorted({r[0] for r in rows})):
        ax.plot(zs, [ref.rosenfeld_success(q, int(z)) for z in zs], "-", color=f"C{i}", lw=1,
                label=f"q = {q}: Rosenfeld")
        ax.plot(zs, [ref.nakamoto_success(q, int(z)) for z in zs], "--", color=f"C{i}", lw=1,
                label=f"q = {q}: Nakamoto")
        p = [r for r in rows if r[0] == q]
        ax.errorbar([r[1] for r in p], [r[2] for r in p], yerr=[2 * r[3] for r in p], fmt="o",
                    color=f"C{i}", ms=4, capsize=3, label=f"q = {q}: ostsim (± 2 se)")
    ax.set_xlabel("merchant's confirmations z")
    ax.set_ylabel("double-spend success per attack")
    ax.set_title(f"5 pow nodes, attacker node 0 (premined block), about "
                 f"{size['attacks']:.0f} attacks per point", fontsize="small")
    ax.legend(fontsize="small", ncol=2)
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
    ax.set_xlabel("time after production (s)")
    ax.set_ylabel("share of blocks")
    ax.set_title(f"time for a block to reach 50 % (t50) and 90 % (t90) of 6,000 nodes, "
                 f"{size['propagation_s']:.0f} s", fontsize="small")
    ax.legend(fontsize="small", loc="upper left")
    return _save(fig, out, "validation_propagation"), checks


def nearest_rank(x: np.ndarray, p: float) -> float:
    """The nearest-rank p-quantile of `x`, p in (0, 1] (as propagation_test.cpp reads them)."""
    x = np.sort(x)
    return float(x[max(0, math.ceil(p * len(x)) - 1)])


VALIDATIONS: Dict[str, Callable[[Dict[str, float], str, str], Tuple[str, List[Check]]]] = {
    "fork_law": fork_law, "block_intervals": block_intervals, "selfish_mining": selfish_mining,
    "double_spending": double_spending, "propagation": propagation}


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
