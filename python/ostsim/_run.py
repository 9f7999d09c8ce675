"""ostsim.run: one scenario through the code path of `ostsim run`, from Python."""
from __future__ import annotations

import json
import os
import signal
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

from . import _core
from ._errors import Diagnostic, Interrupted, ScenarioError

if TYPE_CHECKING:
    import pandas

ScenarioLike = Union[str, "os.PathLike[str]", Mapping[str, Any]]


def flatten(d: Mapping[str, Any], prefix: str = "") -> Dict[str, Any]:
    """A nested summary as one level, names joined with ``/`` (``cores/origin/produced``)."""
    out: Dict[str, Any] = {}
    for k, v in d.items():
        name = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(flatten(v, name + "/"))
        else:
            out[name] = v
    return out


@dataclass
class Result:
    """What :func:`run` hands back."""

    summary: Dict[str, Any]
    """The summary figures, nested as ``ostsim run --summary-json`` writes them:
    ``{"complete": ..., "sim_time_reached_ns": ..., "cores": {"origin": {"produced": ...}}}``.
    NaN figures are ``None`` (JSON null), as in the JSON file."""
    trace_path: Optional[str]
    """The trace file written, or None where none was (no ``out`` and no ``trace.path``, or
    ``trace.level: none``)."""
    complete: bool
    """True when the run reached the scenario's end."""
    scenario: str = field(default="", repr=False)
    """The resolved scenario text (as ``ostsim run --show-config`` prints it)."""

    def summary_frame(self) -> "pandas.DataFrame":
        """The summary as a one-row DataFrame, nested names flattened with ``/``
        (``cores/origin/stale_rate``)."""
        import pandas as pd

        return pd.DataFrame([flatten(self.summary)])


def _text_of(scenario: ScenarioLike) -> "tuple[str, bool, str]":
    """(scenario argument, is it a file, source name for messages)."""
    if isinstance(scenario, Mapping):
        import yaml  # type: ignore[import]  # Debian has no PyYAML stubs

        return yaml.safe_dump(dict(scenario), sort_keys=False), False, "<dict>"
    if isinstance(scenario, os.PathLike):
        return os.fspath(scenario), True, os.fspath(scenario)
    if isinstance(scenario, str):
        one_line = "\n" not in scenario
        if one_line and (os.path.isfile(scenario) or scenario.endswith((".yaml", ".yml"))):
            return scenario, True, scenario
        return scenario, False, "<string>"
    raise TypeError(f"scenario must be a path, YAML text or a dict, not {type(scenario).__name__}")


def _yaml_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    import yaml  # type: ignore[import]

    return yaml.safe_dump(value, default_flow_style=True).strip()


def run(scenario: ScenarioLike, overrides: Optional[Mapping[str, Any]] = None,
        seed: Optional[int] = None, out: Optional[Union[str, "os.PathLike[str]"]] = None,
        threads: Optional[int] = None, force: bool = False,
        point: Optional[str] = None) -> Result:
    """Runs a scenario exactly as ``ostsim run`` does and returns its summary.

    scenario: a path to a YAML file, YAML text, or a dict (dumped to YAML).
    overrides: ``{"phold.nlp": 64}``, each applied as ``--set phold.nlp=64`` (strings are YAML
    text with units, ``"100ms"``; other values are written as YAML).
    seed, threads: as ``--seed``, ``--threads``.
    out: the trace file (``-o``); None: the scenario's ``trace.path`` (default: no trace).
    force: overwrite an existing trace file (``--force``).
    point: for a scenario with a sweep block, the id of the sweep's run to run (``"c0003-r01"``,
    ``--point``), with its variables and seed exactly as :func:`ostsim.sweep` runs it. Without
    it such a scenario is refused, as ``ostsim run`` refuses it.

    The GIL is released while the simulation runs, so other Python threads go on.
    Raises :class:`ostsim.ScenarioError` listing every error of a scenario that does not load
    or check, :class:`ostsim.TraceError` when the trace cannot be written, and
    :class:`ostsim.RunError` when the simulation fails. Ctrl-C (on the main thread) stops the
    run between two slices of simulated time, as with ``ostsim run``, and raises
    :class:`ostsim.Interrupted` (a KeyboardInterrupt) whose ``result`` holds the partial run; its
    trace is flushed and flagged incomplete.
    """
    arg, is_file, source = _text_of(scenario)
    sets = overrides_of(overrides)
    # The flags are overrides too, in the order `ostsim run` appends them.
    if seed is not None:
        if point is not None:
            raise ValueError("seed and point exclude each other: a sweep's run has its seed")
        sets.append(f"seed={int(seed)}")
    if threads is not None:
        sets.append(f"threads={int(threads)}")
    out_arg = None if out is None else os.fspath(out)
    if point is None:
        return run_core(arg, is_file, source, sets, out_arg, force)
    run_text = _sweep_point(arg, is_file, source, sets, point)
    return run_core(run_text, False, point, [], out_arg, force, in_sweep=True)


def _sweep_point(arg: str, is_file: bool, source: str, sets: List[str], point: str) -> str:
    """The resolved text of the sweep's run `point`, planned as ``ostsim sweep`` plans it."""
    import tempfile

    import yaml  # type: ignore[import]  # Debian has no PyYAML stubs

    text = _core.resolve_scenario(arg, is_file, source, sets, False)
    if "sweep" not in (yaml.safe_load(text) or {}):
        what = f"point={point!r}: the scenario has no sweep block"
        raise ScenarioError(f"{source}: {what}", [Diagnostic(source, 0, 0, "sweep", what)])
    if is_file:
        plan = _core.plan_sweep(arg, sets)
    else:  # the planner reads files: the resolved text (includes inlined) goes to one
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "scenario.yaml")
            with open(path, "w") as f:
                f.write(text)
            plan = _core.plan_sweep(path, [])
    ids = [r["id"] for r in plan["runs"]]
    if point not in ids:
        what = f"point={point!r}: no such run (runs {ids[0]} to {ids[-1]})"
        raise ScenarioError(f"{source}: {what}", [Diagnostic(source, 0, 0, "sweep", what)])
    return plan["runs"][ids.index(point)]["scenario"]


def overrides_of(overrides: Optional[Mapping[str, Any]]) -> List[str]:
    """``{"phold.nlp": 64}`` as ``--set`` arguments (``["phold.nlp=64"]``)."""
    return [f"{k}={_yaml_value(v)}" for k, v in (overrides or {}).items()]


def _sigint_is_pythons() -> bool:
    """True where Ctrl-C would raise KeyboardInterrupt here: the main thread, default handler."""
    return (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler)


def run_core(arg: str, is_file: bool, source: str, sets: List[str], out: Optional[str],
             force: bool, in_sweep: bool = False) -> Result:
    """One run through ``_core``; raises :class:`Interrupted` after Ctrl-C. `in_sweep`: the
    scenario is a sweep's run (its sweep block is not refused)."""
    summary, trace, complete, text, stopped = _core.run_scenario(
        arg, is_file, source, sets, out, force, _sigint_is_pythons(), in_sweep)
    result = Result(summary=json.loads(summary), trace_path=trace or None, complete=complete,
                    scenario=text)
    if stopped:
        raise Interrupted(result)
    return result
