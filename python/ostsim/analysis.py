"""ostsim.analysis: figures of a trace or a sweep, with matplotlib. Every function returns a
``matplotlib.figure.Figure`` (nothing is shown); :func:`save` writes it as PNG and/or SVG.

    t = ostsim.load("out/default.h5")
    analysis.save(analysis.block_intervals(t), "out/intervals")   # intervals.png, intervals.svg

Of one trace: :func:`block_intervals` and :func:`stale_rates` per core, :func:`throughput` and
:func:`inclusion_latency` over time, :func:`fees`. Of a sweep (:func:`ostsim.sweep`'s frame):
:func:`response`, a figure's mean across repetitions with Student-t confidence intervals
(:func:`confidence_table` gives the numbers).

Of a trace with an OST overlay (docs/actors.md): :func:`transfer_steps` (each completed
transfer's latency split by step), :func:`transfer_latency` (its mean per pair and flow, as
stacked bars) and :func:`anchor_lag` (how long a final root takes to be anchored on the other
core); of a sweep of such runs, :func:`step_response` (the steps' means against a variable,
with the total's confidence interval; :func:`step_table` gives the numbers).

Of a trace with session-spending economies (docs/sessions.md, the ``spends`` and ``sessions``
tables): :func:`economy_table` (the summary's ``economies/<name>`` figures, recomputed from the
rows), :func:`spend_outcomes` (spends by economy, misbehaviour and outcome, with rates),
:func:`spend_latency` (intent to inclusion and to finality per spend), :func:`session_lifetimes`
(sessions by how they ended: spends, lifetime, open gas amortised per spend); figures
:func:`spend_rate` (sent and accepted spends per second over time), :func:`rejections` (rejection
rate by reason and misbehaviour) and :func:`spend_latency_cdf`.

Of the ``series/*`` tables (figures sampled as the run went): :func:`series_rates` (each
cumulative count's rate per sample step) and the figure :func:`series_plot`.
"""
from __future__ import annotations

import math
import os
from typing import Iterable, List, Optional, Sequence, Union

import numpy as np
import pandas as pd

from ._trace import Trace

NS = 1e-9  # trace times are int64 nanoseconds (docs/trace-schema.md)

# txs.status (docs/trace-schema.md)
PENDING, INCLUDED, FINAL, REJECTED = 0, 1, 2, 3


def _pyplot():
    import matplotlib

    if not os.environ.get("MPLBACKEND") and "ipykernel" not in __import__("sys").modules:
        matplotlib.use("Agg")  # files, not windows, outside notebooks
    import matplotlib.pyplot as plt

    return plt


def _figure(rows: int = 1, cols: int = 1, width: float = 7.0, height: float = 3.2, **kw):
    plt = _pyplot()
    fig, axes = plt.subplots(rows, cols, figsize=(width, height * rows), squeeze=False, **kw)
    return fig, axes


def _core_names(trace: Trace) -> List[str]:
    return list(trace.cores.sort_values("core")["name"])


def save(fig, path: Union[str, "os.PathLike[str]"], formats: Sequence[str] = ("png", "svg"),
         dpi: int = 150) -> List[str]:
    """Writes `fig` as ``path.png`` and ``path.svg`` (or the given formats; a `path` that ends
    in ``.png`` or ``.svg`` is written as that one file). Returns the files written."""
    path = os.fspath(path)
    stem, ext = os.path.splitext(path)
    files = [path] if ext.lstrip(".") in ("png", "svg", "pdf") else [f"{path}.{f}" for f in formats]
    for f in files:
        os.makedirs(os.path.dirname(f) or ".", exist_ok=True)
        fig.savefig(f, dpi=dpi, bbox_inches="tight")
    return files


def main_chain_intervals(trace: Trace) -> pd.DataFrame:
    """Seconds between consecutive main-chain blocks, per core: columns ``core`` (name),
    ``height``, ``interval_s``."""
    b = trace.blocks
    b = b[(b["main"] == 1) & (b["height"] > 0)].sort_values(["core", "height"])
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    out = []
    for core, g in b.groupby("core", sort=True):
        dt = np.diff(g["time"].to_numpy()) * NS
        out.append(pd.DataFrame({"core": names[core], "height": g["height"].to_numpy()[1:],
                                 "interval_s": dt}))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(
        columns=["core", "height", "interval_s"])


def consensus_rules(trace: Trace) -> dict:
    """Each core's consensus rule (``pow``, ``clique``, ...), from the trace's scenario."""
    import yaml  # type: ignore[import]  # Debian has no PyYAML stubs

    cores = (yaml.safe_load(trace.scenario) or {}).get("cores") or {}
    return {name: (c.get("consensus") or {}).get("rule", "") for name, c in cores.items()}


def block_intervals(trace: Trace, bins: int = 30):
    """Histogram of main-chain block intervals per core (density, seconds) with their mean; for
    proof-of-work cores also the exponential density of that mean, which their intervals follow
    (the other rules produce on a schedule)."""
    iv = main_chain_intervals(trace)
    names = _core_names(trace)
    rules = consensus_rules(trace)
    fig, axes = _figure(1, len(names), width=3.6 * len(names), height=3.2)
    for ax, name in zip(axes[0], names):
        x = iv.loc[iv["core"] == name, "interval_s"].to_numpy()
        ax.set_title(f"{name} ({rules.get(name, '?')})")
        ax.set_xlabel("block interval (s)")
        if len(x) == 0:
            ax.text(0.5, 0.5, "no main-chain blocks", ha="center", transform=ax.transAxes)
            continue
        ax.hist(x, bins=bins, density=True, alpha=0.6, label=f"{len(x)} intervals")
        mean = float(np.mean(x))
        grid = np.linspace(0, float(np.max(x)), 200)
        if mean > 0 and rules.get(name) == "pow":
            ax.plot(grid, np.exp(-grid / mean) / mean, "k--", lw=1, label="Exp(mean)")
        ax.axvline(mean, color="C3", lw=1, label=f"mean {mean:.2f} s")
        ax.legend(fontsize="small")
    axes[0][0].set_ylabel("density (1/s)")
    fig.tight_layout()
    return fig


def stale_rates(traces: Union[Trace, Iterable[Trace]], labels: Optional[Sequence[str]] = None):
    """Stale rate ((produced - main) / produced, the ``cores`` table) per core, as bars; several
    traces (say, two consensus designs) side by side, labelled by `labels` or their scenario
    names."""
    traces = [traces] if isinstance(traces, Trace) else list(traces)
    labels = list(labels) if labels else [t.attrs.get("scenario_name", t.path) for t in traces]
    names: List[str] = []
    for t in traces:
        names += [n for n in _core_names(t) if n not in names]
    fig, axes = _figure(width=max(4.0, 1.2 * len(names) * len(traces)))
    ax = axes[0][0]
    width = 0.8 / len(traces)
    for i, (t, label) in enumerate(zip(traces, labels)):
        rate = dict(zip(t.cores["name"], t.cores["stale_rate"]))
        xs = np.arange(len(names)) + (i - (len(traces) - 1) / 2) * width
        ax.bar(xs, [rate.get(n, np.nan) for n in names], width, label=label)
    ax.set_xticks(np.arange(len(names)), names)
    ax.set_ylabel("stale rate")
    if len(traces) > 1:
        ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def _windows(trace: Trace, window_s: float) -> np.ndarray:
    end = float(trace.attrs.get("sim_time_reached", 0)) * NS
    return np.arange(0.0, end + window_s, window_s)


def throughput(trace: Trace, window_s: float = 60.0):
    """Transactions per second on each core's main chain over simulated time: the main-chain
    blocks' transactions summed per window of `window_s` seconds (by production time)."""
    b = trace.blocks
    b = b[b["main"] == 1]
    edges = _windows(trace, window_s)
    fig, axes = _figure()
    ax = axes[0][0]
    for core, name in zip(trace.cores["core"], trace.cores["name"]):
        g = b[b["core"] == core]
        counts, _ = np.histogram(g["time"].to_numpy() * NS, bins=edges, weights=g["txs"].to_numpy())
        ax.step(edges[:-1] / 60, counts / window_s, where="post", label=name)
    ax.set_xlabel("simulated time (min)")
    ax.set_ylabel(f"throughput (tx/s, {window_s:g} s windows)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def inclusion_latency(trace: Trace, window_s: float = 60.0, quantiles: Sequence[float] = (0.5, 0.9)):
    """Time from submission to inclusion on the main chain, per core, over simulated time: the
    `quantiles` of the transactions submitted in each window of `window_s` seconds (included ones;
    pending and rejected transactions have no latency and are counted in the legend)."""
    tx = trace.txs
    edges = _windows(trace, window_s)
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    fig, axes = _figure()
    ax = axes[0][0]
    styles = ["-", "--", ":", "-."]
    for i, (core, g) in enumerate(tx.groupby("core", sort=True)):
        inc = g[g["status"].isin([INCLUDED, FINAL])]
        latency = (inc["included"] - inc["submitted"]).to_numpy() * NS
        which = np.digitize(inc["submitted"].to_numpy() * NS, edges) - 1
        missing = int((~g["status"].isin([INCLUDED, FINAL])).sum())
        for k, q in enumerate(quantiles):
            ys = [np.quantile(latency[which == w], q) if np.any(which == w) else np.nan
                  for w in range(len(edges) - 1)]
            ax.plot(edges[:-1] / 60, ys, styles[k % len(styles)], color=f"C{i}",
                    label=f"{names[core]} p{round(q * 100)}" + (f" ({missing} not included)"
                                                                if k == 0 and missing else ""))
    ax.set_xlabel("submitted at (min, simulated)")
    ax.set_ylabel("inclusion latency (s)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def block_fees(trace: Trace) -> pd.DataFrame:
    """Fees per main-chain block: the sum of gas_price × gas over its included transactions
    (transfers use all the gas they reserve), in OST (1e18 wei); columns ``core`` (name),
    ``height``, ``time_s``, ``fees_ost``, ``txs``."""
    tx = trace.txs
    inc = tx[tx["status"].isin([INCLUDED, FINAL])]
    fee = inc["gas_price"].astype(float) * inc["gas"].astype(float) / 1e18
    per = (inc.assign(fee=fee).groupby(["core", "height"], sort=True)
           .agg(fees_ost=("fee", "sum"), txs=("fee", "size"), time=("included", "first"))
           .reset_index())
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    return pd.DataFrame({"core": per["core"].map(names), "height": per["height"],
                         "time_s": per["time"] * NS, "fees_ost": per["fees_ost"],
                         "txs": per["txs"]})


def fees(trace: Trace):
    """Two panels per trace: the gas price bid of every transaction over submission time
    (included ones filled, the rest hollow), and the fees each main-chain block collected."""
    tx = trace.txs
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    fig, axes = _figure(2, 1, height=2.8, sharex=True)
    top, bottom = axes[0][0], axes[1][0]
    for i, (core, g) in enumerate(tx.groupby("core", sort=True)):
        inc = g["status"].isin([INCLUDED, FINAL])
        t = g["submitted"].to_numpy() * NS / 60
        gwei = g["gas_price"].to_numpy() / 1e9
        top.scatter(t[inc], gwei[inc], s=4, color=f"C{i}", label=names[core])
        top.scatter(t[~inc], gwei[~inc], s=6, facecolors="none", edgecolors=f"C{i}", lw=0.5)
    top.set_ylabel("gas price (gwei)")
    top.legend(fontsize="small", markerscale=3)
    per = block_fees(trace)
    for i, (name, g) in enumerate(per.groupby("core", sort=False)):
        bottom.plot(g["time_s"] / 60, g["fees_ost"], ".-", ms=3, lw=0.6, label=name)
    bottom.set_xlabel("simulated time (min)")
    bottom.set_ylabel("fees per block (OST)")
    fig.tight_layout()
    return fig


STEPS = ("declare", "anchor_wait", "confirm", "progress")


def transfer_steps(trace: Trace) -> pd.DataFrame:
    """One row per completed transfer (``transfers.phase`` done): ``pair`` (its auxiliary core's
    name), ``flow`` (stake or redeem), ``latency_s`` from the first transaction to the last step
    seen final, split into ``declare_s`` (the declaration final), ``anchor_wait_s`` (until an
    anchor covering it was seen), ``confirm_s`` (the confirmation final) and ``progress_s`` (both
    progress steps final), and ``gas``, the gas of all its transactions. The means per pair and
    flow are the run summary's ``overlay/<pair>/<flow>`` figures."""
    tr, m = trace.transfers, trace.messages
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    origin = m.loc[(m["step"] == "declare") & m["message"].isin(tr.loc[tr["flow"] == "stake", "message"]),
                   "core"]
    origin_core = int(origin.mode().iloc[0]) if len(origin) else -1
    aux = m[m["core"] != origin_core].groupby("pair")["core"].first().map(names)
    seen = m.groupby(["pair", "message", "step"])["seen"].max().unstack("step")
    gas = m.groupby(["pair", "message"])["gas_used"].sum()
    done = tr[tr["phase"] == "done"].set_index(["pair", "message"])
    s = seen.loc[done.index]
    out = pd.DataFrame({
        "pair": done.index.get_level_values("pair").map(aux),
        "flow": done["flow"].to_numpy(),
        "latency_s": (done["finished"] - done["started"]).to_numpy() * NS,
        "declare_s": (s["declare"] - done["started"]).to_numpy() * NS,
        "anchor_wait_s": (s["anchor"] - s["declare"]).to_numpy() * NS,
        "confirm_s": (s["confirm"] - s["anchor"]).to_numpy() * NS,
        "progress_s": (done["finished"] - s["confirm"]).to_numpy() * NS,
        "gas": gas.loc[done.index].to_numpy(),
    })
    return out.reset_index(drop=True)


def transfer_latency(trace: Trace):
    """The mean latency of completed transfers per pair and flow, as stacked bars of its steps
    (:func:`transfer_steps`): where a cross-core transfer's time goes."""
    steps = transfer_steps(trace)
    means = steps.groupby(["pair", "flow"], sort=True)[[f"{k}_s" for k in STEPS]].mean()
    fig, axes = _figure(height=0.6 + 0.45 * max(1, len(means)))
    ax = axes[0][0]
    labels = [f"{p} {f}" for p, f in means.index]
    left = np.zeros(len(means))
    for i, k in enumerate(STEPS):
        ax.barh(labels, means[f"{k}_s"], left=left, color=f"C{i}", label=k.replace("_", " "))
        left += means[f"{k}_s"].to_numpy()
    ax.set_xlabel("mean latency of completed transfers (s)")
    ax.invert_yaxis()
    ax.legend(fontsize="small", ncol=len(STEPS), loc="lower right")
    fig.tight_layout()
    return fig


def anchor_lag(trace: Trace):
    """Per direction (source core to target core): the time from a reporter learning a source
    block final to its anchoring's block on the target, over simulated time. Anchorings not final
    on the target by the end are left out."""
    a = trace.anchors
    a = a[a["target_height"] > 0]
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    fig, axes = _figure()
    ax = axes[0][0]
    for i, ((src, dst), g) in enumerate(a.groupby(["source", "target"], sort=True)):
        ax.plot(g["observed"] * NS / 60, (g["included"] - g["observed"]) * NS, ".", ms=3,
                color=f"C{i}", label=f"{names[src]} -> {names[dst]}")
    ax.set_xlabel("source block final at (min, simulated)")
    ax.set_ylabel("anchored after (s)")
    ax.legend(fontsize="small", markerscale=3)
    fig.tight_layout()
    return fig


def t_quantile(confidence: float, dof: int) -> float:
    """The two-sided Student-t critical value: P(|T| <= t) = confidence with `dof` degrees of
    freedom (scipy.stats.t)."""
    from scipy.stats import t

    return float(t.ppf(0.5 + confidence / 2, dof))


def confidence_table(df: pd.DataFrame, x: str, y: str, by: Optional[str] = None,
                     confidence: float = 0.95) -> pd.DataFrame:
    """Per value of `x` (and of `by`), the mean of `y` across repetitions and its Student-t
    confidence interval: mean ± t(confidence, n-1) · s / sqrt(n), s the sample standard deviation
    (NaN half-width for a single repetition). Rows keep the sweep's order of `x` values.
    Columns: x, [by], ``n``, ``mean``, ``std``, ``half_width``, ``low``, ``high``."""
    keys = [x] if by is None else [by, x]
    rows = []
    for key, g in df.groupby(keys if by is not None else x, sort=False):
        v = g[y].dropna().to_numpy(dtype=float)
        n = len(v)
        mean = float(np.mean(v)) if n else math.nan
        std = float(np.std(v, ddof=1)) if n > 1 else math.nan
        half = t_quantile(confidence, n - 1) * std / math.sqrt(n) if n > 1 else math.nan
        key = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(keys, key)), "n": n, "mean": mean, "std": std,
                     "half_width": half, "low": mean - half, "high": mean + half})
    return pd.DataFrame(rows)


# Each kind of quantity (scenario/quantity.hpp's base units) in the unit a plot shows it in.
# (divisor, unit)
_DISPLAY = {"duration": (1e9, "s"), "size": (1.0, "B"), "bandwidth": (1.0, "bit/s"),
            "gas": (1.0, "gas"), "amount": (1e18, "OST"), "probability": (1.0, "")}


def quantity_values(values: Iterable[str]) -> Optional["tuple[np.ndarray, str]"]:
    """Sweep values written with units (``"250ms"``, ``"1e6 gas"``) as numbers, read by the
    scenario's own parsers, in a plot's unit (durations in s, amounts in OST): (numbers, unit),
    or None unless every value is a quantity of one kind."""
    from . import _core

    parsed = [_core.parse_quantity(str(v)) for v in values]
    quantities = [p for p in parsed if p is not None]
    if not quantities or len(quantities) != len(parsed) or len({k for k, _ in quantities}) != 1:
        return None
    divisor, unit = _DISPLAY[quantities[0][0]]
    return np.array([x / divisor for _, x in quantities]), unit


def response(df: pd.DataFrame, x: str, y: Union[str, Sequence[str]], by: Optional[str] = None,
             confidence: float = 0.95, ylabel: Optional[str] = None):
    """Sweep response curves: for each figure `y` (a column of :func:`ostsim.sweep`'s frame, e.g.
    ``"cores/origin/throughput_tps"``), its mean across repetitions against the variable `x`, with
    a band of the Student-t `confidence` interval; one curve per value of the variable `by`.
    An `x` with units (``"250ms"``) is placed by its value (:func:`quantity_values`); other text
    in the sweep's order, evenly spaced."""
    ys = [y] if isinstance(y, str) else list(y)
    fig, axes = _figure(len(ys), 1, height=3.0, sharex=True)
    distinct = list(pd.unique(df[x]))
    xlabel = x
    if pd.api.types.is_numeric_dtype(df[x]):
        position = {v: float(v) for v in distinct}
    elif (q := quantity_values(distinct)) is not None:
        position = dict(zip(distinct, q[0]))
        xlabel = f"{x} ({q[1]})" if q[1] else x
    else:
        position = {v: float(i) for i, v in enumerate(distinct)}
    for ax, col in zip(axes[:, 0], ys):
        table = confidence_table(df, x, col, by, confidence)
        groups = [(None, table)] if by is None else list(table.groupby(by, sort=False))
        for i, (label, g) in enumerate(groups):
            xs = g[x].map(position).to_numpy(dtype=float)
            ax.plot(xs, g["mean"], "o-", color=f"C{i}", ms=4,
                    label=None if by is None else f"{by} = {label}")
            ax.fill_between(xs, g["low"], g["high"], color=f"C{i}", alpha=0.2, lw=0)
        if xlabel == x and not pd.api.types.is_numeric_dtype(df[x]):
            ax.set_xticks(list(position.values()), [str(v) for v in position])
        ax.set_ylabel(ylabel or col)
        if by is not None:
            ax.legend(fontsize="small")
    counts = confidence_table(df, x, ys[0], by, confidence)["n"] if len(df) else pd.Series([0])
    runs = f"{counts.min()}" if counts.min() == counts.max() else f"{counts.min()}-{counts.max()}"
    axes[0][0].set_title(f"mean of {runs} runs per point, {confidence:.0%} Student-t interval",
                         fontsize="small")
    axes[-1][0].set_xlabel(xlabel)
    fig.tight_layout()
    return fig


def step_response(df: pd.DataFrame, x: str, prefix: Union[str, Sequence[str]],
                  by: Optional[str] = None, confidence: float = 0.95):
    """Cross-core transfer latency broken down by step against a sweep variable: for each
    `prefix` (``"overlay/aux1/stake"``, a pair and flow of the run summaries) a panel of stacked
    bars, one per value of `x`, of the mean across repetitions of each step (``declare_s``,
    ``anchor_wait_s``, ``confirm_s``, ``progress_s``), with the Student-t `confidence` interval
    of the mean total (``latency_s``) as an error bar; side by side per value of `by`. Runs
    where nothing completed (NaN) are left out. :func:`step_table` gives the numbers."""
    prefixes = [prefix] if isinstance(prefix, str) else list(prefix)
    fig, axes = _figure(len(prefixes), 1, height=2.8, sharex=True)
    xs = list(pd.unique(df[x]))
    groups = [None] if by is None else list(pd.unique(df[by]))
    width = 0.8 / len(groups)
    for ax, pre in zip(axes[:, 0], prefixes):
        table = step_table(df, x, pre, by, confidence)
        for j, g in enumerate(groups):
            rows = table if g is None else table[table[by] == g]
            pos = np.array([xs.index(v) for v in rows[x]]) - 0.4 + width * (j + 0.5)
            bottom = np.zeros(len(rows))
            for i, k in enumerate(STEPS):
                ax.bar(pos, rows[f"{k}_s"], width * 0.9, bottom=bottom, color=f"C{i}",
                       alpha=1.0 - 0.6 * j / max(1, len(groups) - 1),
                       label=k.replace("_", " ") if j == 0 else None)
                bottom += rows[f"{k}_s"].fillna(0).to_numpy()
            ax.errorbar(pos, rows["mean"], yerr=rows["half_width"], fmt="none", ecolor="k",
                        capsize=3, lw=1)
        ax.set_ylabel(f"{pre.split('/', 1)[-1]}\nlatency (s)")
        ax.legend(fontsize="x-small", ncol=len(STEPS), loc="upper left")
    axes[-1][0].set_xticks(range(len(xs)), [str(v) for v in xs])
    axes[-1][0].set_xlabel(x if by is None else
                           f"{x}; bars left to right, paler and paler: {by} = "
                           f"{', '.join(map(str, groups))}")
    n = step_table(df, x, prefixes[0], by, confidence)["n"]
    runs = f"{n.min()}" if n.min() == n.max() else f"{n.min()}-{n.max()}"
    axes[0][0].set_title(f"mean of {runs} runs per bar; error bar: {confidence:.0%} Student-t "
                         "interval of the total", fontsize="small")
    fig.tight_layout()
    return fig


def step_table(df: pd.DataFrame, x: str, prefix: str, by: Optional[str] = None,
               confidence: float = 0.95) -> pd.DataFrame:
    """The numbers of :func:`step_response` for one pair and flow: per value of `x` (and `by`),
    :func:`confidence_table`'s columns for the total latency (``n``, ``mean``, ``half_width``,
    ...) and the mean of each step (``declare_s``, ...) over the same runs."""
    total = f"{prefix}/latency_s"
    done = df[df[total].notna()]
    table = confidence_table(done, x, total, by, confidence)
    keys = [x] if by is None else [by, x]
    steps = done.groupby(keys, sort=False)[[f"{prefix}/{k}_s" for k in STEPS]].mean()
    steps.columns = [f"{k}_s" for k in STEPS]
    return table.merge(steps.reset_index(), on=keys, how="left")


# Session-spending economies (docs/sessions.md; the spends and sessions tables of
# docs/trace-schema.md). Besides the contract's reasons, spends.outcome is "accepted", "not
# included" (given up after the economy's timeout) or empty (in flight at the end), and
# spends.misbehaviour is empty for an honest spend; the tables below name those two "in flight"
# and "honest".
ACCEPTED, NOT_INCLUDED, IN_FLIGHT, HONEST = "accepted", "not included", "in flight", "honest"
# sessions.end, in the order the tables list them
SESSION_ENDS = ("exhausted", "expired", "revoked", "dropped", "failed", "open")


# What names one entity's rows in each series table (docs/trace-schema.md).
SERIES_KEYS = {"series/cores": ["core"], "series/economies": ["economy"],
               "series/overlay": ["pair", "flow"], "series/engine": []}


def series_rates(trace: Trace, table: str, columns: Sequence[str]) -> pd.DataFrame:
    """Per-second rates of a ``series/*`` table's cumulative counts: for each entity (a core,
    an economy, a pair and flow) and sample, the increase of each column since the entity's
    previous sample (time 0 and counts 0 before the first) over the step in seconds. Columns:
    the entity's key, ``time_s`` (the sample's end) and ``<column>_per_s``. The steps' rates
    times their lengths sum to the last sample's counts."""
    df = trace.table(table)
    keys = SERIES_KEYS[table]
    parts = [df] if not keys else [g for _, g in df.groupby(keys, sort=True)]
    out = []
    for g in parts:
        g = g.sort_values("time")
        step = g["time"].diff().fillna(g["time"]).to_numpy() * NS
        rates = {f"{c}_per_s": g[c].astype("float64").diff().fillna(g[c]).to_numpy() / step
                 for c in columns}
        out.append(pd.DataFrame({**{k: g[k].to_numpy() for k in keys},
                                 "time_s": g["time"].to_numpy() * NS, **rates}))
    return pd.concat(out, ignore_index=True)


def series_plot(trace: Trace, table: str, column: str, rate: bool = False):
    """One line per entity of a ``series/*`` table over simulated time: `column` as sampled, or
    its rate per second (:func:`series_rates`) when `rate`. Cores and economies are named."""
    df = series_rates(trace, table, [column]) if rate else trace.table(table).assign(
        time_s=lambda d: d["time"] * NS)
    y = f"{column}_per_s" if rate else column
    names = {"core": dict(zip(trace.cores["core"], trace.cores["name"])) if "cores" in trace.tables else {},
             "economy": dict(enumerate(economy_names(trace)))}
    fig, axes = _figure()
    ax = axes[0][0]
    keys = SERIES_KEYS[table]
    for key, g in (df.groupby(keys, sort=True) if keys else [((), df)]):
        key = key if isinstance(key, tuple) else (key,)
        label = " ".join(str(names.get(k, {}).get(v, v)) for k, v in zip(keys, key)) or table
        ax.step(g["time_s"] / 60, g[y], where="pre" if rate else "post", label=label)
    ax.set_xlabel("simulated time (min)")
    ax.set_ylabel(f"{column} per second" if rate else column)
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def economy_names(trace: Trace) -> List[str]:
    """The economies' names by index (``spends.economy``, ``sessions.economy``): scenario order."""
    import yaml  # type: ignore[import]  # Debian has no PyYAML stubs

    return list((yaml.safe_load(trace.scenario) or {}).get("economies") or {})


def _run_seconds(trace: Trace) -> float:
    return float(trace.attrs.get("sim_time_reached", 0)) * NS


def _named(trace: Trace, table: str) -> pd.DataFrame:
    """Table `table` with the economy's name for its index and the two empty texts named."""
    df = trace.table(table)
    df = df.assign(economy=df["economy"].map(dict(enumerate(economy_names(trace)))))
    if table == "spends":
        df = df.assign(misbehaviour=df["misbehaviour"].replace("", HONEST),
                       outcome=df["outcome"].replace("", IN_FLIGHT))
    return df


def _ratio(a: float, b: float) -> float:
    return a / b if b else math.nan


def _final(spends: pd.DataFrame) -> pd.Series:
    """Spends final on the chain, accepted or reverted (the summary's 'final spends')."""
    return ~spends["outcome"].isin([NOT_INCLUDED, IN_FLIGHT])


def economy_table(trace: Trace) -> pd.DataFrame:
    """One row per economy with the run summary's ``economies/<name>`` figures, recomputed from
    the ``spends`` and ``sessions`` rows: ``spends`` (sent), ``accepted``, ``reverted``,
    ``not_included``, ``in_flight`` (none of these at the end), ``spends_per_second`` (accepted
    over the run), ``rejection_rate`` ((reverted + not included) / spends that ended),
    ``inclusion_s`` and ``finality_s`` (means from the intent over final spends),
    ``gas_per_spend`` (their mean gas), ``tokens_moved``, ``sessions`` (opened),
    ``sessions_failed``, ``open_gas_per_session`` and ``open_gas_per_spend`` (the sessions'
    open gas over opened sessions and over accepted spends). The open gas here leaves out
    revocations, which the summary's open-gas figures include: they agree where no session was
    revoked."""
    sp, se = _named(trace, "spends"), _named(trace, "sessions")
    run_s = _run_seconds(trace)
    rows = []
    for name in economy_names(trace):
        s, z = sp[sp["economy"] == name], se[se["economy"] == name]
        final = s[_final(s)]
        accepted = int((s["outcome"] == ACCEPTED).sum())
        not_included = int((s["outcome"] == NOT_INCLUDED).sum())
        reverted = len(final) - accepted
        opened = int((z["opened"] >= 0).sum())
        open_gas = float(z["open_gas"].sum())
        rows.append({
            "economy": name, "spends": len(s), "accepted": accepted, "reverted": reverted,
            "not_included": not_included, "in_flight": int((s["outcome"] == IN_FLIGHT).sum()),
            "spends_per_second": _ratio(accepted, run_s),
            "rejection_rate": _ratio(reverted + not_included, len(final) + not_included),
            "inclusion_s": float(((final["included"] - final["intent"]) * NS).mean()),
            "finality_s": float(((final["final"] - final["intent"]) * NS).mean()),
            "gas_per_spend": float(final["gas_used"].mean()),
            "tokens_moved": float(s.loc[s["outcome"] == ACCEPTED, "amount"].sum()),
            "sessions": opened, "sessions_failed": int((z["end"] == "failed").sum()),
            "open_gas_per_session": _ratio(open_gas, opened),
            "open_gas_per_spend": _ratio(open_gas, accepted)})
    return pd.DataFrame(rows)


def spend_outcomes(trace: Trace) -> pd.DataFrame:
    """Spends by ``economy``, ``misbehaviour`` (``honest``, ``replay``, ``over_limit``,
    ``stale``) and ``outcome`` (``accepted``, the contract's reason, ``not included``,
    ``in flight``): ``spends``; ``share``, of the spends of that economy and misbehaviour that
    ended (what became of, say, replays); ``of_economy``, of all the economy's spends that ended
    (summed over the rejected outcomes: the summary's ``rejection_rate``); ``per_second``, over
    the run. In-flight rows have no shares (NaN)."""
    sp = _named(trace, "spends")
    n = (sp.groupby(["economy", "misbehaviour", "outcome"], sort=False).size()
         .rename("spends").reset_index())
    ended = n[n["outcome"] != IN_FLIGHT]
    by_kind = ended.groupby(["economy", "misbehaviour"])["spends"].sum()
    by_economy = ended.groupby("economy")["spends"].sum()
    flying = n["outcome"] == IN_FLIGHT
    kind = pd.MultiIndex.from_frame(n[["economy", "misbehaviour"]])
    n["share"] = (n["spends"] / by_kind.reindex(kind).to_numpy()).where(~flying)
    n["of_economy"] = (n["spends"] / n["economy"].map(by_economy)).where(~flying)
    n["per_second"] = n["spends"] / _run_seconds(trace)
    order = {name: i for i, name in enumerate(economy_names(trace))}
    n["_e"] = n["economy"].map(order)
    n["_o"] = n["outcome"].map({ACCEPTED: 0, NOT_INCLUDED: 2, IN_FLIGHT: 3}).fillna(1)
    return (n.sort_values(["_e", "misbehaviour", "_o", "spends"], ascending=[True, True, True, False])
            .drop(columns=["_e", "_o"]).reset_index(drop=True))


def spend_latency(trace: Trace) -> pd.DataFrame:
    """One row per spend final on the chain (accepted or reverted): ``economy``,
    ``misbehaviour``, ``outcome``, ``intent_s`` (when the user wanted it, simulated seconds),
    ``inclusion_s`` (intent to the user seeing it in its node's chain), ``finality_s`` (intent
    to seeing it final) and ``gas_used``. Their means per economy are the summary's
    ``inclusion_s`` and ``finality_s``."""
    sp = _named(trace, "spends")
    f = sp[_final(sp)]
    return pd.DataFrame({"economy": f["economy"], "misbehaviour": f["misbehaviour"],
                         "outcome": f["outcome"], "intent_s": f["intent"] * NS,
                         "inclusion_s": (f["included"] - f["intent"]) * NS,
                         "finality_s": (f["final"] - f["intent"]) * NS,
                         "gas_used": f["gas_used"]}).reset_index(drop=True)


def session_lifetimes(trace: Trace) -> pd.DataFrame:
    """Sessions by ``economy`` and ``end`` (``exhausted``, ``expired``, ``revoked``,
    ``dropped``, ``failed``, ``open`` at the end): ``sessions``, ``share`` (of the economy's
    sessions asked for), ``spends`` (accepted, in all), ``spends_per_session``,
    ``spent_per_session`` (tokens), ``lifetime_s`` (mean time from the opening seen to the end
    seen, over sessions with both), ``open_gas_per_session`` (the funding, opening and device
    replacements before it) and ``open_gas_per_spend`` (that gas over the group's accepted
    spends; NaN without spends). A session's spends count as it saw them in its node's chain,
    so a spend not yet final at the end is in them."""
    se = _named(trace, "sessions")
    rows = []
    for name in economy_names(trace):
        z = se[se["economy"] == name]
        for end in SESSION_ENDS:
            g = z[z["end"] == end]
            if g.empty:
                continue
            lived = g[(g["opened"] >= 0) & (g["ended"] >= 0)]
            rows.append({
                "economy": name, "end": end, "sessions": len(g), "share": len(g) / len(z),
                "spends": int(g["spends"].sum()), "spends_per_session": float(g["spends"].mean()),
                "spent_per_session": float(g["spent"].mean()),
                "lifetime_s": float(((lived["ended"] - lived["opened"]) * NS).mean())
                if len(lived) else math.nan,
                "open_gas_per_session": float(g["open_gas"].mean()),
                "open_gas_per_spend": _ratio(float(g["open_gas"].sum()), int(g["spends"].sum()))})
    return pd.DataFrame(rows, columns=["economy", "end", "sessions", "share", "spends",
                                       "spends_per_session", "spent_per_session", "lifetime_s",
                                       "open_gas_per_session", "open_gas_per_spend"])


def spend_rate(trace: Trace, window_s: float = 60.0):
    """Spends per second over simulated time, per economy, in windows of `window_s` seconds:
    sent (by when the session key sent them, dashed) and accepted (by when the user saw them
    final, solid; the summary's ``spends_per_second`` is their mean over the run)."""
    sp = _named(trace, "spends")
    edges = _windows(trace, window_s)
    fig, axes = _figure()
    ax = axes[0][0]
    for i, name in enumerate(economy_names(trace)):
        s = sp[sp["economy"] == name]
        sent, _ = np.histogram(s["sent"].to_numpy() * NS, bins=edges)
        ok = s[s["outcome"] == ACCEPTED]
        accepted, _ = np.histogram(ok["final"].to_numpy() * NS, bins=edges)
        ax.step(edges[:-1] / 60, sent / window_s, where="post", ls="--", lw=0.8, color=f"C{i}",
                label=f"{name} sent")
        ax.step(edges[:-1] / 60, accepted / window_s, where="post", color=f"C{i}",
                label=f"{name} accepted (final)")
    ax.set_xlabel("simulated time (min)")
    ax.set_ylabel(f"spends/s ({window_s:g} s windows)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def rejections(trace: Trace):
    """Why spends did not go through: per economy and reason, the share of the economy's ended
    spends (:func:`spend_outcomes`' ``of_economy``) as bars stacked by misbehaviour, so honest
    spends refused (say, by expiry) stand apart from the misbehaving ones the contract must
    refuse. Each economy's label gives its rejection rate."""
    out = spend_outcomes(trace)
    rej = out[~out["outcome"].isin([ACCEPTED, IN_FLIGHT])]
    kinds = [HONEST] + sorted(set(rej["misbehaviour"]) - {HONEST})
    bars = (rej.groupby(["economy", "outcome", "misbehaviour"], sort=False)["of_economy"].sum()
            .unstack("misbehaviour").reindex(columns=kinds).fillna(0.0))
    rates = rej.groupby("economy")["of_economy"].sum()
    fig, axes = _figure(height=0.8 + 0.35 * max(1, len(bars)))
    ax = axes[0][0]
    if bars.empty:
        ax.text(0.5, 0.5, "no spend was refused", ha="center", transform=ax.transAxes)
    labels = [f"{e} ({rates[e]:.1%}): {o}" for e, o in bars.index]
    left = np.zeros(len(bars))
    for i, kind in enumerate(kinds):
        if kind in bars:
            ax.barh(labels, bars[kind], left=left, color=f"C{i}", label=kind)
            left += bars[kind].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("share of the economy's ended spends")
    if not bars.empty:
        ax.legend(fontsize="small", title="misbehaviour", title_fontsize="small",
                  loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig


def spend_latency_cdf(trace: Trace):
    """Empirical distribution functions, per economy, of the time from a spend's intent to its
    inclusion (solid) and to its finality (dashed), over the spends final on the chain
    (:func:`spend_latency`), with their means in the legend."""
    lat = spend_latency(trace)
    fig, axes = _figure()
    ax = axes[0][0]
    for i, name in enumerate(economy_names(trace)):
        g = lat[lat["economy"] == name]
        for col, style in (("inclusion_s", "-"), ("finality_s", "--")):
            x = np.sort(g[col].to_numpy())
            if len(x) == 0:
                continue
            ax.step(x, np.arange(1, len(x) + 1) / len(x), style, where="post", color=f"C{i}",
                    label=f"{name} {col[:-2]} (mean {x.mean():.1f} s)")
    ax.set_xlabel("from intent (s)")
    ax.set_ylabel("share of final spends")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


__all__ = ["save", "consensus_rules", "block_intervals", "stale_rates", "throughput", "inclusion_latency", "fees",
           "response", "confidence_table", "t_quantile", "quantity_values", "main_chain_intervals", "block_fees",
           "transfer_steps", "transfer_latency", "anchor_lag", "step_response", "step_table",
           "economy_names", "economy_table", "spend_outcomes", "spend_latency", "session_lifetimes",
           "spend_rate", "rejections", "spend_latency_cdf"]
