"""The ``series/*`` tables (figures sampled every ``trace.series_every`` of a run): cumulative
counts as rates per second, and a column or its rate over simulated time."""
from __future__ import annotations

from typing import Dict, List, Sequence

import pandas as pd

from .._trace import Trace
from ._figure import NS, _figure
from .sessions import economy_names

# What names one entity's rows in each series table (docs/trace-schema.md).
SERIES_KEYS: Dict[str, List[str]] = {"series/cores": ["core"], "series/economies": ["economy"],
                                     "series/overlay": ["pair", "flow"], "series/engine": []}


def _entities(df: pd.DataFrame, keys: Sequence[str]):
    """(key tuple, rows) per entity of a series table, in key order; one entity when no keys.
    A single key is grouped on as a name, not a one-element list, whose iteration pandas is
    changing from scalar keys to tuples."""
    if not keys:
        yield (), df
        return
    for key, g in df.groupby(keys[0] if len(keys) == 1 else list(keys), sort=True):
        yield (key if isinstance(key, tuple) else (key,)), g


def series_rates(trace: Trace, table: str, columns: Sequence[str]) -> pd.DataFrame:
    """Per-second rates of a ``series/*`` table's cumulative counts: for each entity (a core,
    an economy, a pair and flow) and sample, the increase of each column since the entity's
    previous sample (time 0 and counts 0 before the first) over the step in seconds. Columns:
    the entity's key, ``time_s`` (the sample's end) and ``<column>_per_s``. The steps' rates
    times their lengths sum to the last sample's counts."""
    df = trace.table(table)
    keys = SERIES_KEYS[table]
    out = []
    for _, g in _entities(df, keys):
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
    for key, g in _entities(df, keys):
        label = " ".join(str(names.get(k, {}).get(v, v)) for k, v in zip(keys, key)) or table
        ax.step(g["time_s"] / 60, g[y], where="pre" if rate else "post", label=label)
    ax.set_xlabel("simulated time (min)")
    ax.set_ylabel(f"{column} per second" if rate else column)
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
