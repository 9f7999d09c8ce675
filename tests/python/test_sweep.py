"""ostsim.sweep: the same runs, ids, seeds and summaries as `ostsim sweep` for the same sweep
block (OSTSIM_EXE, set by CTest); seeds against an independent SplitMix64; reruns keep finished
runs; grid errors point at the variable."""
import concurrent.futures as cf
import json
import multiprocessing
import os
import subprocess

import pytest

import ostsim
from ostsim._run import flatten
from sweeps import GRID, TINY, results

EXE = os.environ.get("OSTSIM_EXE")
MASK = (1 << 64) - 1


@pytest.fixture(scope="module")
def pool():
    """One pool for the tests after the first (which uses the default), to start processes once."""
    with cf.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as p:
        yield p


def splitmix_seed(seed, r):
    """docs/cli.md, Sweeps: repetition r > 0 takes the r-th SplitMix64 output, shifted right."""
    if r == 0:
        return seed
    z = (seed + r * 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return (z ^ (z >> 31)) >> 1


def test_sweep_equals_cli_sweep(tmp_path):
    if not EXE:
        pytest.fail("OSTSIM_EXE not set (CTest sets it)")
    with_block = tmp_path / "with_block.yaml"
    with_block.write_text(TINY + "sweep:\n  variables:\n    block_time:\n"
                                 "      path: cores.origin.consensus.block_time\n"
                                 "      values: [5s, 20s]\n  repetitions: 2\n")
    cli_dir = tmp_path / "cli"
    subprocess.run([EXE, "sweep", str(with_block), "-o", str(cli_dir), "-j", "2"], check=True,
                   capture_output=True)
    index = [json.loads(line) for line in (cli_dir / "index.jsonl").read_text().splitlines()]

    df = ostsim.sweep(TINY, GRID, repetitions=2, out_dir=tmp_path / "py", progress=False)
    assert list(df["run"]) == [x["run"] for x in index] == ["c0000-r00", "c0000-r01",
                                                            "c0001-r00", "c0001-r01"]
    assert list(df["seed"]) == [x["seed"] for x in index]
    assert list(df["seed"]) == [splitmix_seed(11, r) for r in (0, 1, 0, 1)]
    assert list(df["block_time"]) == ["5s", "5s", "20s", "20s"]
    assert (df["status"] == "ran").all() and df["complete"].all()
    assert df.attrs["variables"] == ["block_time"]
    assert (df.attrs["product"], df.attrs["configurations"], df.attrs["repetitions"]) == (2, 2, 2)

    rows = results(df)
    for x in index:
        row = rows[x["run"]]
        figures = flatten(x["summary"])
        assert len(figures) > 15
        for name, value in figures.items():
            if name.rsplit("/", 1)[-1] not in ("wall_seconds", "events_per_second"):
                assert row[name] == value, (x["run"], name)
    # Common random numbers: the repetitions differ, the configurations respond.
    produced = df["cores/origin/produced"].tolist()
    assert produced[0] != produced[1] and produced[0] > produced[2]
    # Same seed and block time: the run is `ostsim run` with that seed.
    one = ostsim.run(TINY, overrides={"cores.origin.consensus.block_time": "20s"},
                     seed=int(df["seed"][3]))
    assert one.summary["cores"]["origin"]["produced"] == produced[3]

    # The file's own sweep block (grid=None) in the command's folder: every run is kept, and the
    # rows are those of the runs made here.
    kept = ostsim.sweep(with_block, out_dir=cli_dir, progress=False)
    assert list(kept["status"]) == ["kept"] * 4
    assert results(kept) == rows

    # A scenario with a sweep block is one run per point, as `ostsim run --point` has it.
    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.run(with_block)
    assert e.value.path == "sweep" and e.value.line == 20 and "point=" in str(e.value)
    point = ostsim.run(with_block, point="c0001-r01")
    assert results(df)["c0001-r01"]["cores/origin/produced"] == point.summary["cores"]["origin"][
        "produced"]
    cli_point = tmp_path / "point.json"
    subprocess.run([EXE, "run", str(with_block), "--point", "c0001-r01", "--summary-json",
                    str(cli_point)], check=True, capture_output=True)
    strip = {"wall_seconds", "events_per_second"}
    assert ({k: v for k, v in flatten(json.loads(cli_point.read_text())).items()
             if k.rsplit("/", 1)[-1] not in strip}
            == {k: v for k, v in flatten(point.summary).items() if k.rsplit("/", 1)[-1] not in strip})
    with pytest.raises(ostsim.ScenarioError, match="no such run"):
        ostsim.run(with_block.read_text(), point="c0009-r00")
    with pytest.raises(ostsim.ScenarioError, match="no sweep block"):
        ostsim.run(TINY, point="c0000-r00")

    # The recorded plan reruns on the command line with nothing to do.
    again = subprocess.run([EXE, "sweep", str(tmp_path / "py" / "sweep.yaml"), "-o",
                            str(tmp_path / "py")], check=True, capture_output=True, text=True)
    assert "0 to run, 4 kept" in again.stdout


def test_rerun_keeps_finished_runs(tmp_path, pool):
    out = tmp_path / "s"
    first = ostsim.sweep(TINY, GRID, out_dir=out, progress=False, executor=pool)
    assert list(first["status"]) == ["ran", "ran"]
    (out / "c0001-r00.h5").unlink()
    grid = {"cores.origin.consensus.block_time": ["5s", "20s", "40s"]}
    second = ostsim.sweep(TINY, grid, out_dir=out, progress=False, executor=pool)
    assert list(second["status"]) == ["kept", "ran", "ran"]
    assert results(second.iloc[:2]) == results(first)
    # Another seed is another scenario: nothing is kept.
    third = ostsim.sweep(TINY, grid, out_dir=out, progress=False, overrides={"seed": 12},
                         executor=pool)
    assert list(third["status"]) == ["ran"] * 3


def test_named_variables_lockstep_constraint_and_ranges(tmp_path, pool):
    grid = {"bt": {"path": "cores.origin.consensus.block_time", "from": 5, "to": 15, "step": 5,
                   "unit": "s"},
            "rate": {"path": "cores.origin.transfers.rate", "values": [1, 2, 3]},
            "nodes": {"path": "cores.origin.nodes", "values": [3, 4, 5]}}
    df = ostsim.sweep(TINY, grid, out_dir=tmp_path, progress=False, lockstep=[["rate", "nodes"]],
                      constraint="bt >= 10s or rate == 1", overrides={"duration": "1min"},
                      executor=pool)
    assert list(zip(df["bt"], df["rate"], df["nodes"])) == [
        ("5s", 1, 3), ("10s", 1, 3), ("10s", 2, 4), ("10s", 3, 5), ("15s", 1, 3), ("15s", 2, 4),
        ("15s", 3, 5)]
    assert list(df["config"]) == [0, 3, 4, 5, 6, 7, 8]
    assert df.attrs["product"] == 9 and df.attrs["configurations"] == 7


def test_bad_grid_value_raises_scenario_error(tmp_path):
    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.sweep(TINY, {"cores.origin.nodes": [3, "many"]}, out_dir=tmp_path, progress=False)
    assert any("many" in d.message or d.path.startswith("sweep.variables")
               for d in e.value.diagnostics), e.value
    assert isinstance(e.value, ostsim.Error)
    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.sweep(TINY, {"seed": [1, 2]}, out_dir=tmp_path, progress=False)
    assert "repetitions" in str(e.value)
    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.sweep(TINY, {"a": {"path": "cores.origin.nodes", "values": [3, 4]}},
                     constraint="b > 3", out_dir=tmp_path, progress=False)
    assert e.value.path == "sweep.constraint"
