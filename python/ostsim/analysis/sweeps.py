"""Figures of a sweep (:func:`ostsim.sweep`'s frame): a figure's mean across repetitions against
a variable, with Student-t confidence intervals; sweep values with units placed by their value."""
from __future__ import annotations

import math
from typing import Iterable, Optional, Sequence, Union

import numpy as np
import pandas as pd

from ._figure import _figure

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
    from .. import _core

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
