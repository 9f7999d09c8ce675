"""ostsim's exceptions: one hierarchy under :class:`Error`. The C++ core (``_core``) raises these
very classes, so ``except ostsim.Error`` catches whatever a scenario, a run or a trace did."""
from __future__ import annotations

from typing import List, NamedTuple, Optional, TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ._run import Result


class Diagnostic(NamedTuple):
    """One scenario error, as ``ostsim validate`` prints it."""

    file: str
    """The file (or ``--set path=value``, ``<string>``) the error is in."""
    line: int
    """1-based line; 0 where the source has no positions."""
    column: int
    """1-based column; 0 where the source has no positions."""
    path: str
    """The key, dotted (``phold.nlp``); empty for whole-file problems."""
    message: str
    """What was expected."""


class Error(Exception):
    """Base of every ostsim error."""


class ScenarioError(Error):
    """A scenario (or sweep) that does not load or check. ``diagnostics`` lists every error
    found; ``file``, ``line``, ``column`` and ``path`` are the first one's."""

    diagnostics: List[Diagnostic]

    def __init__(self, message: str = "", diagnostics: Optional[List[Diagnostic]] = None) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])

    def _first(self, field: str, default):
        return getattr(self.diagnostics[0], field) if self.diagnostics else default

    @property
    def file(self) -> str:
        """The first error's file."""
        return self._first("file", "")

    @property
    def line(self) -> int:
        """The first error's line (1-based; 0: no position)."""
        return self._first("line", 0)

    @property
    def column(self) -> int:
        """The first error's column (1-based; 0: no position)."""
        return self._first("column", 0)

    @property
    def path(self) -> str:
        """The first error's key path, dotted."""
        return self._first("path", "")


class RunError(Error):
    """A simulation that failed while running (an engine or model error)."""


class TraceError(Error):
    """A trace that cannot be written (exists without ``force``, folder not writable, a failed
    write) or read (missing, not HDF5, not an ostsim trace)."""


class RLPError(Error):
    """Malformed RLP input."""


class ProofError(Error):
    """A Merkle-Patricia proof that proves nothing against its root."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) stopped :func:`ostsim.run` between two slices of simulated time. It is a
    KeyboardInterrupt, so it stops a script as Ctrl-C always does; ``result`` is the partial
    run: its trace (if any) was flushed and is flagged incomplete (``complete`` false)."""

    result: "Result"

    def __init__(self, result: "Result") -> None:
        super().__init__(f"interrupted at {result.summary.get('sim_time_reached_ns', 0)} ns "
                         f"simulated; partial trace: {result.trace_path}")
        self.result = result

    def __reduce__(self):  # rebuilt from its result when it crosses processes (sweep workers)
        return (type(self), (self.result,))


__all__ = ["Diagnostic", "Error", "ScenarioError", "RunError", "TraceError", "RLPError",
           "ProofError", "Interrupted"]

# Shown (and pickled) as ostsim.X, where users meet them.
for _cls in (Diagnostic, Error, ScenarioError, RunError, TraceError, RLPError, ProofError,
             Interrupted):
    _cls.__module__ = "ostsim"
