"""Figures and tables of the chains in one trace (the ``cores``, ``blocks`` and ``txs`` tables):
block intervals, stale rates, throughput, inclusion latency and fees."""
from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Union

import numpy as np
import pandas as pd

from .._trace import Trace
from ._figure import NS, _core_names, _figure, _windows

# txs.status (docs/trace-schema.md)
PENDING, INCLUDED, FINAL, REJECTED = 0, 1, 2, 3


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
