"""ostsim.load: a trace file (docs/trace-schema.md) as pandas DataFrames, read lazily."""
from __future__ import annotations

import os
from typing import Any, Dict, List, Union

import h5py
import numpy as np
import pandas as pd


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


class Trace:
    """One trace file. Tables are read on first access and kept:

    >>> t = ostsim.load("out/run.h5")
    >>> t.tables                  # ['blocks', 'cores', ...]
    >>> t.blocks.height.max()     # a pandas DataFrame; units in t.blocks.attrs["units"]
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        self.path: str = os.fspath(path)
        self._cache: Dict[str, pd.DataFrame] = {}
        with h5py.File(self.path, "r") as f:
            self.attrs: Dict[str, Any] = {k: _text(v) for k, v in f.attrs.items()}
            """The root attributes (docs/trace-schema.md), text decoded."""
            self.tables: List[str] = sorted(k for k, v in f.items() if isinstance(v, h5py.Dataset))
            """The names of the tables the trace holds."""
            self.summary: Dict[str, Any] = _group_dict(f["summary"]) if "summary" in f else {}
            """The summary group as a nested dict (``{"cores": {"origin": {...}}}``)."""

    @property
    def scenario(self) -> str:
        """The resolved scenario text the run used (re-parses to the same scenario)."""
        return self.attrs.get("scenario", "")

    @property
    def complete(self) -> bool:
        """True when the run ended normally and every write succeeded."""
        return bool(self.attrs.get("complete", False))

    def table(self, name: str) -> pd.DataFrame:
        """The table `name` as a DataFrame: one column per field, text decoded to str, units per
        column in ``df.attrs["units"]`` and its documentation in ``df.attrs["doc"]``."""
        if name not in self._cache:
            if name not in self.tables:
                raise KeyError(f"{self.path} has no table {name!r}; it has {self.tables}")
            with h5py.File(self.path, "r") as f:
                ds = f[name]
                data = ds[()]
                columns: Dict[str, Any] = {}
                for col in data.dtype.names:
                    values = data[col]
                    if values.dtype.kind in "OS":
                        values = [_text(v) for v in values]
                    columns[col] = values
                df = pd.DataFrame(columns, columns=list(data.dtype.names))
                df.attrs["units"] = {c: _text(ds.attrs.get(f"unit.{c}", "")) for c in df.columns}
                df.attrs["doc"] = _text(ds.attrs.get("doc", ""))
            self._cache[name] = df
        return self._cache[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self.__dict__.get("tables", ()):
            raise AttributeError(name)
        return self.table(name)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self.tables))

    def __repr__(self) -> str:
        return f"Trace({self.path!r}, tables={self.tables}, complete={self.complete})"


def load(path: Union[str, "os.PathLike[str]"]) -> Trace:
    """Opens a trace written by ``ostsim run -o`` or :func:`ostsim.run`; tables are read on first
    access (``trace.blocks``) as pandas DataFrames."""
    return Trace(path)
