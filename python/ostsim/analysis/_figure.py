"""What every figure of :mod:`ostsim.analysis` shares: a matplotlib that draws to files outside
notebooks, figures of a given grid, :func:`save`, and reading times and names off a trace."""
from __future__ import annotations

import os
from typing import List, Sequence, Union

import numpy as np

from .._trace import Trace

NS = 1e-9  # trace times are int64 nanoseconds (docs/trace-schema.md)


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


def _windows(trace: Trace, window_s: float) -> np.ndarray:
    end = float(trace.attrs.get("sim_time_reached", 0)) * NS
    return np.arange(0.0, end + window_s, window_s)


def _run_seconds(trace: Trace) -> float:
    return float(trace.attrs.get("sim_time_reached", 0)) * NS
