"""ostsim.sweep: a parameter sweep from Python on any concurrent.futures.Executor.

The runs, their ids (``c0003-r01``) and seeds are planned by the C++ code of ``ostsim sweep``
(scenario/sweep.hpp through ``_core.plan_sweep``), so a sweep from Python and one from the command
line with the same sweep block are the same runs. Each task carries its run's resolved scenario
text and trace path, writes the trace where it runs, and sends back only the summary figures.
"""
from __future__ import annotations

import concurrent.futures as cf
import json
import math
import multiprocessing
import os
from collections import Counter
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

import yaml  # type: ignore[import]  # Debian has no PyYAML stubs

from . import _core
from ._errors import RunError
from ._run import ScenarioLike, _text_of, _yaml_value, flatten, overrides_of, run_core

if TYPE_CHECKING:
    import pandas

GridValue = Union[Sequence[Any], Mapping[str, Any]]

# Keys of a variable written out in full, as in a scenario's sweep block (docs/cli.md, Sweeps).
_VARIABLE_KEYS = {"path", "values", "from", "to", "step", "unit"}


def _variable(key: str, spec: GridValue) -> Dict[str, Any]:
    if isinstance(spec, Mapping):
        unknown = set(spec) - _VARIABLE_KEYS
        if unknown:
            raise ValueError(f"grid[{key!r}]: unknown keys {sorted(unknown)}; a variable has "
                             f"{sorted(_VARIABLE_KEYS)}")
        var = dict(spec)
        var.setdefault("path", key)
        if "values" in var:
            var["values"] = [_yaml_value(v) for v in var["values"]]
        return var
    if isinstance(spec, (str, bytes)):
        raise TypeError(f"grid[{key!r}]: give a list of values, not one string")
    return {"path": key, "values": [_yaml_value(v) for v in spec]}


def variable_names(keys: Sequence[str]) -> Dict[str, str]:
    """Sweep variable names for grid keys. Names are letters, digits, ``_`` and ``-``, so a key
    path names its variable by its last part (``cores.origin.gas_limit`` -> ``gas_limit``), or,
    where two paths end alike, by the whole path with ``_`` for ``.``."""
    short = {k: k.rsplit(".", 1)[-1] for k in keys}
    count = Counter(short.values())
    return {k: short[k] if count[short[k]] == 1 else k.replace(".", "_") for k in keys}


def sweep_block(grid: Mapping[str, GridValue], repetitions: int = 1,
                lockstep: Optional[Sequence[Sequence[str]]] = None,
                constraint: Optional[str] = None) -> Dict[str, Any]:
    """The scenario ``sweep:`` block that `grid` and the options describe (see :func:`sweep`)."""
    names = variable_names(list(grid))
    return {"variables": {names[key]: _variable(key, spec) for key, spec in grid.items()},
            "lockstep": [list(g) for g in (lockstep or [])],
            "constraint": constraint or "",
            "repetitions": int(repetitions)}


def _comparable(text: str) -> Any:
    """A resolved scenario as far as results go: without its sweep block and thread count (as
    ``ostsim sweep`` compares a trace's scenario with the one it would run)."""
    tree = yaml.safe_load(text) or {}
    tree.pop("sweep", None)
    tree.pop("threads", None)
    return tree


def _finished(trace: str, scenario: str) -> bool:
    """True when `trace` is complete and ran `scenario` (so a rerun keeps it)."""
    import h5py

    try:
        with h5py.File(trace, "r") as f:
            if not bool(f.attrs.get("complete", False)):
                return False
            recorded = f.attrs.get("scenario", b"")
    except OSError:
        return False
    if isinstance(recorded, bytes):
        recorded = recorded.decode("utf-8")
    return _comparable(recorded) == _comparable(scenario)


def _figures(trace: str) -> Dict[str, Any]:
    """The row's figures, from the trace itself, whether it just ran or was kept."""
    from ._trace import Trace

    t = Trace(trace)
    return {"complete": t.complete, "sim_time_reached_ns": t.attrs.get("sim_time_reached"),
            **flatten(t.summary)}


def run_task(task: Mapping[str, str]) -> Dict[str, Any]:
    """Runs one planned run where it is called (a pool process, a Dask worker, an MPI rank) unless
    its trace is already there, complete and of the same scenario; returns its id, whether it ran
    or was kept, and its summary figures (small: the trace stays where it was written)."""
    trace = task["trace"]
    status = "kept"
    if not _finished(trace, task["scenario"]):
        os.makedirs(os.path.dirname(trace) or ".", exist_ok=True)
        run_core(task["scenario"], False, task["id"], [], trace, True, in_sweep=True)
        status = "ran"
    return {"id": task["id"], "status": status, "figures": _figures(trace)}


def _value(text: str) -> Union[int, float, str]:
    """A variable's value as a number when it is a plain one (``"64"``), else its text
    (``"250ms"``)."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _progress_bar(total: int, enabled: bool):
    if not enabled:
        return None
    try:  # widgets in notebooks where ipywidgets is there, text bars everywhere else
        import ipywidgets  # noqa: F401
        from tqdm.auto import tqdm
    except ImportError:
        from tqdm import tqdm
    return tqdm(total=total, desc="sweep", unit="run")


def sweep(base: ScenarioLike, grid: Optional[Mapping[str, GridValue]] = None,
          repetitions: Optional[int] = None, executor: Optional[cf.Executor] = None,
          out_dir: Union[str, "os.PathLike[str]"] = "out/sweep", progress: bool = True, *,
          overrides: Optional[Mapping[str, Any]] = None,
          lockstep: Optional[Sequence[Sequence[str]]] = None,
          constraint: Optional[str] = None) -> "pandas.DataFrame":
    """Runs every run of a parameter sweep and returns one row per run.

    base: the scenario (a path, YAML text or a dict), with `overrides` applied as ``--set``.
    grid: the variables, ``{"phold.nlp": [16, 64]}`` (a key path and its values: numbers, or
    text with units such as ``"250ms"``; the variable is named by the path's last part, ``nlp``,
    or by the path with ``_`` for ``.`` where two paths end alike) or written out as in a
    scenario's sweep block,
    ``{"mean": {"path": "phold.mean", "from": 0.5, "to": 2, "step": 0.5, "unit": "s"}}``. The
    configurations are their cartesian product, the first varying slowest; `lockstep` groups
    (``[["mean", "la"]]``) advance together and `constraint` (``"la <= mean / 4"``) keeps the
    configurations where it holds, exactly as in ``ostsim sweep`` (docs/cli.md, Sweeps). A grid
    replaces the base's own sweep block; ``grid=None`` runs that block.
    repetitions: runs per configuration (default 1, or the base's block's). Repetition r of
    every configuration has the same seed (common random numbers); repetition 0 keeps the
    scenario's seed. Runs, ids and seeds are those of ``ostsim sweep`` for the same block.
    executor: any ``concurrent.futures.Executor``: a Dask client's ``get_executor()``,
    ``mpi4py.futures.MPIPoolExecutor()``, ... Default: a pool of one process per CPU (spawned,
    not forked), shut down at the end. A given executor is left running.
    out_dir: where the traces go, one per run (``c0003-r01.h5``), and ``sweep.yaml``: the base
    with its sweep block, which ``ostsim sweep out_dir/sweep.yaml -o out_dir`` reruns as is.
    Workers write to this path, so on a cluster it must be a shared folder. A run whose trace is
    complete and ran the same scenario (sweep block and threads aside) is kept, not rerun.
    progress: a tqdm bar (widgets in notebooks where ipywidgets is installed).

    Each run has ``threads=1`` unless `overrides` sets ``threads``: the executor runs several
    at once. Returns a DataFrame, one row per run in plan order: ``run`` (its id), ``config``,
    ``repetition``, ``seed``, one column per variable (a number where the value is plain, else its
    text), ``status`` (``ran`` or ``kept``), ``trace`` (the file), ``complete``,
    ``sim_time_reached_ns`` and the summary figures flattened (``cores/origin/produced``).
    ``df.attrs`` holds ``variables`` (their names), ``product``, ``configurations``,
    ``repetitions`` and ``out_dir``.

    Raises :class:`ostsim.ScenarioError` (every error of every configuration, before anything
    runs) and :class:`ostsim.RunError` naming the runs that failed, once the others are done.
    """
    import pandas as pd

    out = os.path.abspath(os.fspath(out_dir))
    arg, is_file, source = _text_of(base)
    sets = ["threads=1"] + overrides_of(overrides)
    if grid is None and repetitions is not None:
        sets.append(f"sweep.repetitions={int(repetitions)}")
    text = _core.resolve_scenario(arg, is_file, source, sets, grid is not None)
    if grid is not None:
        block = sweep_block(grid, 1 if repetitions is None else repetitions, lockstep, constraint)
        text += "sweep: " + json.dumps(block) + "\n"  # JSON is YAML flow style
    elif lockstep or constraint:
        raise ValueError("lockstep and constraint go with a grid")
    os.makedirs(out, exist_ok=True)
    plan_file = os.path.join(out, "sweep.yaml")
    with open(plan_file + ".tmp", "w") as f:
        f.write(text)
    os.replace(plan_file + ".tmp", plan_file)
    plan = _core.plan_sweep(plan_file, [])

    tasks = [{"id": r["id"], "scenario": r["scenario"], "trace": os.path.join(out, r["id"] + ".h5")}
             for r in plan["runs"]]
    results = _execute(tasks, executor, progress)

    rows: List[Dict[str, Any]] = []
    for r, task in zip(plan["runs"], tasks):
        res = results[r["id"]]
        row: Dict[str, Any] = {"run": r["id"], "config": r["config"],
                               "repetition": r["repetition"], "seed": r["seed"]}
        for name, value in zip(plan["variables"], r["values"]):
            row[name] = _value(value)
        row.update(status=res["status"], trace=task["trace"])
        row.update({k: (math.nan if v is None else v) for k, v in res["figures"].items()})
        rows.append(row)
    df = pd.DataFrame(rows)
    df.attrs.update(variables=list(plan["variables"]), product=plan["product"],
                    configurations=plan["configurations"], repetitions=plan["repetitions"],
                    out_dir=out)
    return df


def _execute(tasks: List[Dict[str, str]], given: Optional[cf.Executor],
             progress: bool) -> Dict[str, Dict[str, Any]]:
    owned = given is None
    if given is None:
        workers = max(1, min(os.cpu_count() or 1, len(tasks)))
        # Spawned, not forked: a fork would copy the parent's TBB and HDF5 state mid-flight.
        executor: cf.Executor = cf.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"))
    else:
        executor = given
    bar = _progress_bar(len(tasks), progress)
    results: Dict[str, Dict[str, Any]] = {}
    failed: List[str] = []
    first_error: Optional[BaseException] = None
    futures: Dict[cf.Future, str] = {}
    try:
        futures = {executor.submit(run_task, t): t["id"] for t in tasks}
        for fut in cf.as_completed(futures):
            try:
                res = fut.result()
                results[res["id"]] = res
            except Exception as e:  # a run's own failure: the others go on
                failed.append(f"{futures[fut]}: {e}")
                first_error = first_error or e
            if bar is not None:
                bar.update(1)
                bar.set_postfix(kept=sum(r["status"] == "kept" for r in results.values()),
                                failed=len(failed), refresh=False)
    except BaseException:
        for fut in futures:
            fut.cancel()
        if owned:
            executor.shutdown(wait=False, cancel_futures=True)
            owned = False
        raise
    finally:
        if bar is not None:
            bar.close()
        if owned:
            executor.shutdown()
    if failed:
        raise RunError(f"{len(failed)} of {len(tasks)} runs failed (finished runs are kept; "
                       f"rerun to retry): " + "; ".join(sorted(failed))) from first_error
    return results
