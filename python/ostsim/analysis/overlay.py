"""The OST overlay (docs/actors.md): each completed transfer's latency split by step, of a trace
or against a sweep variable, and how long a final root takes to be anchored on the other core."""
from __future__ import annotations

from typing import Optional, Sequence, Union

import numpy as np
import pandas as pd

from .._trace import Trace
from ._figure import NS, _figure
from .sweeps import confidence_table

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
