"""ostsim.run: one scenario through the code path of `ostsim run`, from Python."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Union

from . import _core

ScenarioLike = Union[str, "os.PathLike[str]", Mapping[str, Any]]


class Diagnostic(NamedTuple):
    """One scenario error, as `ostsim validate` prints it."""

    file: str
    """The file (or `--set path=value`, `<string>`) the error is in."""
    line: int
    """1-based line; 0 where the source has no positions."""
    column: int
    """1-based column; 0 where the source has no positions."""
    path: str
    """The key, dotted (``phold.nlp``); empty for whole-file problems."""
    message: str
    """What was expected."""


def _flatten(d: Mapping[str, Any], prefix: str = "") -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for k, v in d.items():
        name = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flatten(v, name + "/"))
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

    def summary_frame(self) -> "pandas.DataFrame":  # noqa: F821
        """The summary as a one-row DataFrame, nested names flattened with ``/``
        (``cores/origin/stale_rate``)."""
        import pandas as pd

        return pd.DataFrame([_flatten(self.summary)])


def _text_of(scenario: ScenarioLike) -> "tuple[str, bool, str]":
    """(scenario argument, is it a file, source name for messages)."""
    if isinstance(scenario, Mapping):
        import yaml

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
    import yaml

    return yaml.safe_dump(value, default_flow_style=True).strip()


def run(scenario: ScenarioLike, overrides: Optional[Mapping[str, Any]] = None,
        seed: Optional[int] = None, out: Optional[Union[str, "os.PathLike[str]"]] = None,
        threads: Optional[int] = None, force: bool = False) -> Result:
    """Runs a scenario exactly as ``ostsim run`` does and returns its summary.

    scenario: a path to a YAML file, YAML text, or a dict (dumped to YAML).
    overrides: ``{"phold.nlp": 64}``, each applied as ``--set phold.nlp=64`` (strings are YAML
    text with units, ``"100ms"``; other values are written as YAML).
    seed, threads: as ``--seed``, ``--threads``.
    out: the trace file (``-o``); None: the scenario's ``trace.path`` (default: no trace).
    force: overwrite an existing trace file (``--force``).

    The GIL is released while the simulation runs, so other Python threads go on.
    Raises :class:`ostsim.ScenarioError` listing every error of a scenario that does not load
    or check, and :class:`ostsim.Error` for a run-time failure (trace not writable, ...).
    """
    arg, is_file, source = _text_of(scenario)
    sets: List[str] = [f"{k}={_yaml_value(v)}" for k, v in (overrides or {}).items()]
    # The flags are overrides too, in the order `ostsim run` appends them.
    if seed is not None:
        sets.append(f"seed={int(seed)}")
    if threads is not None:
        sets.append(f"threads={int(threads)}")
    out_arg = None if out is None else os.fspath(out)
    summary, trace, complete, text = _core.run_scenario(arg, is_file, source, sets, out_arg, force)
    return Result(summary=json.loads(summary), trace_path=trace or None, complete=complete,
                  scenario=text)
