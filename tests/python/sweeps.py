"""Shared by the sweep tests: a tiny scenario with transfers (a few simulated minutes) and the
figures of a sweep's rows that depend only on scenario and seed."""
import math

TINY = """\
name: tiny-sweep
seed: 11
duration: 4min
trace:
  level: standard
networks:
  lan:
    delay: 50ms
cores:
  origin:
    network: lan
    nodes: 3
    consensus:
      rule: pow
      block_time: 10s
    transfers:
      accounts: 50
      rate: 2
"""

GRID = {"cores.origin.consensus.block_time": ["5s", "20s"]}

# Figures that depend on wall-clock time, and columns that say where and how a row was made.
NOT_RESULTS = {"wall_seconds", "events_per_second", "status", "trace"}


def results(df):
    """The rows as {run id: {column: value}}, without wall-time figures; NaN as None so rows
    compare equal."""
    keep = [c for c in df.columns if c.rsplit("/", 1)[-1] not in NOT_RESULTS]
    out = {}
    for row in df[keep].to_dict("records"):
        out[row["run"]] = {k: (None if isinstance(v, float) and math.isnan(v) else v)
                           for k, v in row.items()}
    return out


def mpi_rank(_):
    """This process's MPI rank (a module function, so that it pickles to MPI workers)."""
    from mpi4py import MPI

    return MPI.COMM_WORLD.Get_rank()
