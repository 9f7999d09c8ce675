"""The exception hierarchy under ostsim.Error (scenario, run-time, trace errors) and Ctrl-C
during ostsim.run: KeyboardInterrupt (ostsim.Interrupted) with a flushed trace flagged
incomplete, and the next run unaffected."""
import os
import signal
import threading

import h5py
import pytest

import ostsim

TINY = {"name": "tiny", "seed": 1, "duration": "30s",
        "phold": {"nlp": 16, "events": 2, "mean": "1s", "lookahead": "100ms"}}


def test_hierarchy():
    for cls in (ostsim.ScenarioError, ostsim.RunError, ostsim.TraceError, ostsim.RLPError,
                ostsim.ProofError):
        assert issubclass(cls, ostsim.Error) and cls.__doc__
    assert issubclass(ostsim.Interrupted, KeyboardInterrupt)
    assert not issubclass(ostsim.Interrupted, Exception)  # `except Exception` lets Ctrl-C go
    assert ostsim._core.ScenarioError is ostsim.ScenarioError


def test_scenario_error_carries_file_line_column_and_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nduration: 10s\nphold:\n  nlp: -4\n")
    with pytest.raises(ostsim.ScenarioError) as e:
        ostsim.run(bad)
    assert (e.value.file, e.value.line, e.value.column, e.value.path) == (str(bad), 4, 8,
                                                                          "phold.nlp")
    assert e.value.diagnostics[0].message in str(e.value)


def test_trace_errors(tmp_path):
    out = tmp_path / "t.h5"
    ostsim.run(TINY, out=out)
    with pytest.raises(ostsim.TraceError, match="exists"):
        ostsim.run(TINY, out=out)  # no force
    with pytest.raises(ostsim.TraceError):
        ostsim.run(TINY, out=tmp_path / "no" / "such" / "dir" / "t.h5")
    with pytest.raises(ostsim.TraceError):
        ostsim.load(tmp_path / "missing.h5")
    with h5py.File(tmp_path / "other.h5", "w") as f:
        f["x"] = [1, 2]
    with pytest.raises(ostsim.TraceError, match="not an ostsim trace"):
        ostsim.load(tmp_path / "other.h5")


def test_ctrl_c_stops_the_run_with_a_flagged_partial_trace(tmp_path):
    out = tmp_path / "long.h5"
    # About 100 M events (seconds on one thread) if not stopped; a slice is 1 % of that, and the
    # run stops at the end of the slice under way.
    long = {**TINY, "duration": "12000s", "phold": {**TINY["phold"], "nlp": 1024, "events": 8}}
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(ostsim.Interrupted) as e:
            ostsim.run(long, out=out, threads=1)
    finally:
        timer.cancel()
    r = e.value.result
    assert not r.complete and r.trace_path == str(out)
    reached = r.summary["sim_time_reached_ns"]
    assert 0 < reached < 12000 * 10**9
    t = ostsim.load(out)
    assert not t.complete
    assert t.attrs["sim_time_reached"] == reached
    # Python's own handler is back, and the next run is not stopped by the old signal.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert ostsim.run(TINY).complete


def test_errors_cross_processes_intact():
    # Sweep workers send their exceptions back pickled.
    import pickle

    d = ostsim.Diagnostic("s.yaml", 3, 5, "phold.nlp", "expected an integer")
    e = pickle.loads(pickle.dumps(ostsim.ScenarioError("s.yaml:3:5: ...", [d])))
    assert type(e) is ostsim.ScenarioError and e.diagnostics == [d] and e.line == 3
    partial = ostsim.Result(summary={"sim_time_reached_ns": 7}, trace_path="t.h5", complete=False)
    i = pickle.loads(pickle.dumps(ostsim.Interrupted(partial)))
    assert type(i) is ostsim.Interrupted and i.result == partial
    assert repr(ostsim.TraceError("x")) == "TraceError('x')" and ostsim.TraceError.__module__ == "ostsim"
