"""ostsim.run and ostsim.load round trips: the summary equals what `ostsim run --summary-json`
gives for the same scenario and seed (OSTSIM_EXE, set by CTest), the trace's tables agree with
it, scenario errors carry their positions, and the GIL is released while a run works."""
import json
import math
import os
import re
import subprocess
import threading
import time

import pytest

import ostsim

EXE = os.environ.get("OSTSIM_EXE")

CORES = """\
name: tiny-cores
seed: 3
duration: 10min
networks:
  lan:
    delay: 100ms
cores:
  origin:
    network: lan
    nodes: 4
    consensus:
      rule: pow
      block_time: 15s
"""

PHOLD = {
    "name": "tiny-phold",
    "seed": 1,
    "duration": "20s",
    "phold": {"nlp": 64, "events": 4, "remote": "25%", "mean": "1s", "lookahead": "100ms"},
}

# Figures that depend on wall-clock time, not on the scenario and seed.
WALL = {"wall_seconds", "events_per_second"}


def _deterministic(d):
    if isinstance(d, dict):
        return {k: _deterministic(v) for k, v in d.items() if k not in WALL}
    return d


def _cli_summary(tmp_path, scenario_file, seed, threads=None):
    if not EXE:
        pytest.skip("OSTSIM_EXE not set")
    out = tmp_path / "cli.json"
    flags = ["--threads", str(threads)] if threads else []
    subprocess.run([EXE, "run", str(scenario_file), "--seed", str(seed), "--summary-json", str(out)]
                   + flags, check=True, capture_output=True)
    return json.loads(out.read_text())


def test_cores_run_matches_cli_and_trace(tmp_path):
    scenario_file = tmp_path / "cores.yaml"
    scenario_file.write_text(CORES)
    trace_file = tmp_path / "cores.h5"
    r = ostsim.run(scenario_file, seed=5, out=trace_file)
    assert r.complete
    assert r.trace_path == str(trace_file)
    assert _deterministic(r.summary) == _deterministic(_cli_summary(tmp_path, scenario_file, 5))
    produced = r.summary["cores"]["origin"]["produced"]
    assert produced > 10

    frame = r.summary_frame()
    assert len(frame) == 1
    assert frame["cores/origin/produced"][0] == produced
    assert frame["cores/origin/stale_rate"][0] == r.summary["cores"]["origin"]["stale_rate"]

    t = ostsim.load(trace_file)
    assert t.complete
    assert {"blocks", "cores"} <= set(t.tables)
    assert "blocks" not in t._cache  # read lazily, on first access
    blocks = t.blocks
    assert len(blocks) == produced
    assert blocks.attrs["units"]["time"] == "ns"
    assert blocks.attrs["units"]["height"] == "blocks"
    for col in ("state_root", "hash"):
        assert all(isinstance(v, str) and re.fullmatch(r"0x[0-9a-f]{64}", v) for v in blocks[col])
    assert t.cores["name"].tolist() == ["origin"]
    assert t.summary["cores"]["origin"]["produced"] == produced
    assert t.summary["cores"]["origin"]["main"] == r.summary["cores"]["origin"]["main"]
    assert "seed: 5" in t.scenario and "delay: 100ms" in t.scenario
    # The series, by path: 100 samples of the one core, the last one the run's end.
    series = t.table("series/cores")
    assert "series/cores" in t.tables and len(series) == 100
    assert series.attrs["units"]["time"] == "ns"
    assert series.head_height.iloc[-1] == t.summary["cores"]["origin"]["main"]


def test_phold_from_dict_and_yaml_text_match_cli(tmp_path):
    import yaml

    r = ostsim.run(PHOLD, overrides={"phold.nlp": 32}, seed=7, threads=2)
    assert r.complete and r.trace_path is None
    scenario_file = tmp_path / "phold.yaml"
    scenario_file.write_text(yaml.safe_dump({**PHOLD, "phold": {**PHOLD["phold"], "nlp": 32}}))
    cli = _cli_summary(tmp_path, scenario_file, 7, threads=2)
    assert _deterministic(r.summary) == _deterministic(cli)
    assert re.fullmatch(r"[0-9a-f]{16}", r.summary["phold"]["digest"])

    # The digest is equal at any thread count (windows are not).
    text = ostsim.run(scenario_file.read_text(), seed=7, out=tmp_path / "p.h5")
    assert text.summary["phold"]["digest"] == r.summary["phold"]["digest"]
    t = ostsim.load(text.trace_path)
    assert len(t.phold_lps) == 32
    assert t.summary["phold"]["digest"] == r.summary["phold"]["digest"]
    assert not math.isnan(text.summary_frame()["phold/events_per_second"][0])


def test_bad_key_raises_scenario_error_with_position(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nphold:\n  nlpp: 3\nseed: many\n")
    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.run(bad)
    assert isinstance(e.value, ostsim.Error)
    d = e.value.diagnostics
    assert [(x.line, x.column, x.path) for x in d] == [(3, 3, "phold.nlpp"), (4, 7, "seed")]
    assert d[0].file == str(bad)
    assert "did you mean" in d[0].message
    assert "bad.yaml:3:3: phold.nlpp" in str(e.value)

    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.run("name: x\nbogus: 1\n")
    assert [(x.file, x.line, x.column, x.path) for x in e.value.diagnostics] == [
        ("<string>", 2, 1, "bogus")]

    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.run(PHOLD, overrides={"phold.nlp": "many"})
    assert e.value.diagnostics[0].path == "phold.nlp"


def test_gil_is_released_while_running():
    count = 0
    stop = threading.Event()

    def counter():
        nonlocal count
        while not stop.is_set():
            count += 1
            time.sleep(0.001)

    th = threading.Thread(target=counter)
    th.start()
    try:
        # Long enough to take well over a second on one thread.
        start = time.monotonic()
        before = count
        r = ostsim.run({**PHOLD, "duration": "2000s", "phold": {**PHOLD["phold"], "nlp": 1024,
                                                                "events": 8}}, threads=1)
        elapsed = time.monotonic() - start
        during = count - before
    finally:
        stop.set()
        th.join()
    assert r.complete
    assert elapsed > 0.5, elapsed
    # The counter ticks about every millisecond; with the GIL held it would not tick at all.
    assert during > 50, (during, elapsed)
