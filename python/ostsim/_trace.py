"""ostsim.load: a trace file (docs/trace-schema.md) as pandas DataFrames, read lazily, or as
dask DataFrames read in chunks for tables larger than memory."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

import h5py
import numpy as np
import pandas as pd

from ._errors import TraceError

if TYPE_CHECKING:
    import dask.dataframe


def _text(v: Any) -> Any:
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.generic):
        return v.item()
    return v


def _group_dict(g: "h5py.Group") -> Dict[str, Any]:
    out: Dict[str, Any] = {k: _text(v) for k, v in g.attrs.items()}
    for name, item in g.items():
        if isinstance(item, h5py.Group):
            out[name] = _group_dict(item)
    return out


def _open(path: str) -> "h5py.File":
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise TraceError(f"{path}: cannot read the trace ({e})") from e


def _frame(data: np.ndarray, units: Dict[str, str], doc: str) -> pd.DataFrame:
    """Rows of a compound dataset as a DataFrame: text decoded to str, units and doc in attrs."""
    columns: Dict[str, Any] = {}
    for col in data.dtype.names:
        values = data[col]
        if values.dtype.kind in "OS":
            values = np.array([_text(v) for v in values], dtype=object)  # object even when empty
        columns[col] = values
    df = pd.DataFrame(columns, columns=list(data.dtype.names))
    df.attrs["units"] = dict(units)
    df.attrs["doc"] = doc
    return df


def _labels(ds: "h5py.Dataset") -> "tuple[Dict[str, str], str]":
    units = {c: _text(ds.attrs.get(f"unit.{c}", "")) for c in ds.dtype.names}
    return units, _text(ds.attrs.get("doc", ""))


def _read_rows(path: str, name: str, start: int, stop: int) -> pd.DataFrame:
    """Rows [start, stop) of table `name`: one dask partition (module level, so it pickles)."""
    with _open(path) as f:
        ds = f[name]
        return _frame(ds[start:stop], *_labels(ds))


class Trace:
    """One trace file. Tables are read on first access and kept:

    >>> t = ostsim.load("out/run.h5")
    >>> t.tables                  # ['blocks', 'cores', ..., 'series/cores', ...]
    >>> t.blocks.height.max()     # a pandas DataFrame; units in t.blocks.attrs["units"]
    >>> t.table("series/cores")   # a table in a group, by its path
    >>> t.to_dask("txs")          # a dask DataFrame, read in chunks, for tables beyond memory
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        self.path: str = os.fspath(path)
        """The trace file."""
        self._cache: Dict[str, pd.DataFrame] = {}
        with _open(self.path) as f:
            if "trace_schema_version" not in f.attrs:
                raise TraceError(f"{self.path} is HDF5 but not an ostsim trace "
                                 "(no trace_schema_version attribute)")
            self.attrs: Dict[str, Any] = {k: _text(v) for k, v in f.attrs.items()}
            """The root attributes (docs/trace-schema.md), text decoded."""
            names: List[str] = []
            f.visititems(lambda k, v: names.append(k) if isinstance(v, h5py.Dataset) else None)
            self.tables: List[str] = sorted(names)
            """The paths of the tables the trace holds (``"blocks"``, ``"series/cores"``, ...)."""
            self.summary: Dict[str, Any] = _group_dict(f["summary"]) if "summary" in f else {}
            """The summary group as a nested dict (``{"cores": {"origin": {...}}}``)."""

    @property
    def scenario(self) -> str:
        """The resolved scenario text the run used (re-parses to the same scenario)."""
        return self.attrs.get("scenario", "")

    @property
    def complete(self) -> bool:
        """True when the run ended normally and every write succeeded; false for a run stopped by
        Ctrl-C (its tables hold what was simulated up to ``attrs["sim_time_reached"]``)."""
        return bool(self.attrs.get("complete", False))

    def _check(self, name: str) -> None:
        if name not in self.tables:
            raise KeyError(f"{self.path} has no table {name!r}; it has {self.tables}")

    def table(self, name: str) -> pd.DataFrame:
        """The table `name` as a DataFrame: one column per field, text decoded to str, units per
        column in ``df.attrs["units"]`` and its documentation in ``df.attrs["doc"]``."""
        if name not in self._cache:
            self._check(name)
            self._cache[name] = _read_rows(self.path, name, 0, self.rows(name))
        return self._cache[name]

    def rows(self, name: str) -> int:
        """The number of rows of table `name`, without reading it."""
        self._check(name)
        with _open(self.path) as f:
            return int(f[name].shape[0])

    def units(self, name: str) -> Dict[str, str]:
        """The unit of each column of table `name` (empty: dimensionless), without reading it."""
        self._check(name)
        with _open(self.path) as f:
            return _labels(f[name])[0]

    def to_dask(self, name: str,
                rows_per_partition: Optional[int] = None) -> "dask.dataframe.DataFrame":
        """Table `name` as a dask DataFrame for tables too large for memory: each partition reads
        its own rows from the file when computed (h5py, one slice per partition), so memory holds
        a few partitions at a time. Partitions are `rows_per_partition` rows (default: the
        dataset's chunks, grouped to about a million rows); the index runs 0..n-1 across them,
        with known divisions. Units and doc are in ``ddf.attrs``.

        >>> t.to_dask("txs").groupby("core").fee.mean().compute()
        """
        import dask.dataframe as dd

        self._check(name)
        with _open(self.path) as f:
            ds = f[name]
            n = int(ds.shape[0])
            units, doc = _labels(ds)
            meta = _frame(ds[0:0], units, doc)
            if rows_per_partition is None:
                chunk = ds.chunks[0] if ds.chunks else n or 1
                rows_per_partition = max(chunk, (1_000_000 // chunk) * chunk)
        if rows_per_partition < 1:
            raise ValueError("rows_per_partition must be positive")
        starts = list(range(0, n, rows_per_partition)) or [0]
        bounds = [(s, min(s + rows_per_partition, n)) for s in starts]
        divisions = [s for s, _ in bounds] + [max(bounds[-1][1] - 1, 0)]
        ddf = dd.from_map(_Partition(self.path, name), bounds, meta=meta,
                          divisions=divisions, enforce_metadata=False)
        ddf.attrs = {"units": units, "doc": doc}
        return ddf

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self.__dict__.get("tables", ()):
            raise AttributeError(name)
        return self.table(name)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self.tables))

    def __repr__(self) -> str:
        return f"Trace({self.path!r}, tables={self.tables}, complete={self.complete})"


class _Partition:
    """Reads one partition's rows; its index continues the previous partitions' (global row
    numbers), so divisions are known."""

    def __init__(self, path: str, name: str) -> None:
        self.path, self.name = path, name

    def __call__(self, bounds: "tuple[int, int]") -> pd.DataFrame:
        start, stop = bounds
        df = _read_rows(self.path, self.name, start, stop)
        df.index = pd.RangeIndex(start, stop)
        return df


def load(path: Union[str, "os.PathLike[str]"]) -> Trace:
    """Opens a trace written by ``ostsim run -o``, :func:`ostsim.run` or :func:`ostsim.sweep`;
    tables are read on first access (``trace.blocks``) as pandas DataFrames. Raises
    :class:`ostsim.TraceError` for a file that is missing or not an ostsim trace."""
    return Trace(path)
