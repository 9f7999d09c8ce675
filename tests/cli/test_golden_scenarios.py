"""Golden runs: every file in scenarios/ (found when the tests run, so a new file is picked up
without any change here) validates, runs at a tiny size, gives a sane summary and trace, and
gives exactly the figures committed in tests/cli/golden/<name>.json (runs are deterministic, so
there is no tolerance; left out are the wall-clock figures and, for cores, the engine's event
counts and digest, which optimisations change without changing results).

A scenario states its tiny size in comment lines starting `# golden:`, holding `ostsim run`
arguments (`# golden: --set duration=10min --set cores.origin.nodes=20`); without one it runs
with `--set duration=1min`. A scenario with a sweep block names one of its runs there
(`# golden: --point c0000-r00`). After a change that moves results on purpose, regenerate the
expected files and review their diff:

    OSTSIM_GOLDEN_UPDATE=1 ctest --test-dir build -R cli.golden_scenarios

OSTSIM_EXE names the executable (set by tests/cli/CMakeLists.txt)."""
import json
import os
import pathlib
import shlex
import subprocess

import h5py
import pytest

EXE = os.environ.get("OSTSIM_EXE")
ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("OSTSIM_GOLDEN_UPDATE") == "1"
WALL_CLOCK = {"wall_seconds", "events_per_second"}
# The engine's work for a run of cores (events, windows, their digest) changes with every
# optimisation that keeps results; results are the figures of the cores. Its determinism across
# thread counts is tested in test_cli.py.
ENGINE_WORK = "engine"
DEFAULT_SIZE = ["--set", "duration=1min"]


@pytest.fixture(autouse=True)
def need_exe():
    if not EXE:
        pytest.skip("OSTSIM_EXE not set")


def tiny_size(scenario):
    args = []
    for line in scenario.read_text().splitlines():
        if line.startswith("# golden:"):
            args += shlex.split(line[len("# golden:"):])
    return args or DEFAULT_SIZE


def deterministic(figures):
    """The summary without the figures that depend on the machine's speed."""
    if isinstance(figures, dict):
        return {k: deterministic(v) for k, v in figures.items() if k not in WALL_CLOCK}
    return figures


def check_core(name, c):
    assert c["main"] >= 1, f"{name}: no block on the main chain; give it a longer `# golden:` run"
    assert c["main"] <= c["produced"]
    assert 0 <= c["stale_rate"] <= 1
    assert c["mean_interval_s"] > 0 and c["throughput_tps"] >= 0
    assert c["finality_delay_s"] is None or c["finality_delay_s"] >= 0  # JSON null: NaN, none final
    t = c.get("transfers")
    if t:
        assert t["final"] <= t["included"] <= t["submitted"]
        assert t["included"] + t["rejected"] + t["pending"] == t["submitted"]


def test_scenarios_are_found():
    assert {"default.yaml", "phold.yaml"} <= {s.name for s in SCENARIOS}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.stem for s in SCENARIOS])
def test_golden_run(scenario, tmp_path):
    r = subprocess.run([EXE, "validate", scenario], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    trace, summary = tmp_path / "t.h5", tmp_path / "s.json"
    r = subprocess.run([EXE, "run", scenario, *tiny_size(scenario), "-o", trace,
                        "--summary-json", summary], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no progress line on a pipe, no warning
    s = json.loads(summary.read_text())
    assert s["complete"] is True and s["sim_time_reached_ns"] > 0
    with h5py.File(trace, "r") as f:
        assert f.attrs["complete"] == True  # noqa: E712
        assert f.attrs["sim_time_reached"] == s["sim_time_reached_ns"]
        if "cores" in s:
            cores = s["cores"]
            assert s["engine"]["events"] > 0
            names = [row.decode() for row in f["cores"]["name"]]
            assert sorted(names) == sorted(cores)
            for i, name in enumerate(names):
                check_core(name, cores[name])
                if "blocks" in f:
                    assert (f["blocks"]["core"] == i).sum() == cores[name]["produced"]
                if "nodes" in f:
                    nodes = f["nodes"][f["nodes"]["core"] == i]
                    assert len(nodes) == f["cores"][i]["nodes"]
                    assert list(nodes["node"]) == list(range(len(nodes)))
                    assert nodes["produced"].sum() == cores[name]["produced"]
        else:
            assert s["phold"]["committed"] > 0
            assert len(f["phold_lps"]) > 0
    assert r.stdout.count("\n") >= 1 and "digest" in r.stdout

    got = deterministic({k: v for k, v in s.items() if k not in ("complete", ENGINE_WORK)})
    expected_file = GOLDEN / f"{scenario.stem}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        expected_file.write_text(json.dumps(got, indent=2, sort_keys=True) + "\n")
    assert expected_file.exists(), (
        f"no expected figures for {scenario.name}: OSTSIM_GOLDEN_UPDATE=1 ctest -R cli.golden")
    expected = json.loads(expected_file.read_text())
    assert got == expected, (
        f"{scenario.name}: figures moved; if on purpose, regenerate (see this file's docstring)")
