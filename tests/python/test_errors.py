"""The exception hierarchy under ostsim.Error (scenario, run-time, trace errors) and Ctrl-C
during ostsim.run: KeyboardInterrupt (ostsim.Interrupted) with a flushed trace flagged
incomplete, and the next run unaffected. The run-time errors for which `ostsim run` exits 3 (a
run that fails in C++, a disk that fills during the run, a folder without room for the trace)
reach Python as RunError and TraceError with the message the command prints."""
import os
import pathlib
import re
import resource
import signal
import subprocess
import sys
import textwrap
import threading

import h5py
import pytest

import ostsim

EXE = os.environ.get("OSTSIM_EXE")
ROOT = pathlib.Path(__file__).resolve().parents[2]
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


def limited(limit, value):
    """preexec_fn for a child process: `limit` (a resource.RLIMIT_*) set to `value` bytes; a write
    past RLIMIT_FSIZE then fails with EFBIG instead of killing the process (SIGXFSZ)."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(limit, (value, resource.RLIM_INFINITY))
    return apply


def python(script, **kw):
    """Runs `script` in a fresh /usr/bin/python3 that imports this build's ostsim: the limits
    below would otherwise bind pytest itself."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                          text=True, timeout=300, **kw)


# PHOLD with 200 M logical processes: gigabytes of engine state, allocated as the run starts.
HUGE = {"name": "huge", "duration": "1s",
        "phold": {"nlp": 200_000_000, "events": 1, "mean": "1s", "lookahead": "100ms"}}


def test_a_run_that_fails_in_cpp_is_a_run_error_with_the_commands_message(tmp_path):
    """An address-space limit a little above what the interpreter holds stands in for a machine
    out of memory: the engine's allocation throws std::bad_alloc inside the C++ run, which
    `ostsim run` reports as "run failed: ..." with exit 3, and ostsim.run raises as RunError
    with the same words; the interpreter goes on, and its next run works."""
    script = f"""
        import resource
        import ostsim
        kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmSize:"))
        resource.setrlimit(resource.RLIMIT_AS, (kb * 1024 + 256 * 2**20, resource.RLIM_INFINITY))
        try:
            ostsim.run({HUGE!r}, threads=1)
        except ostsim.Error as e:
            print(type(e).__name__, isinstance(e, ostsim.RunError), e, sep="|")
        print(ostsim.run({TINY!r}).complete)
        """
    r = python(script)
    assert r.returncode == 0, r.stderr
    message = "run failed: std::bad_alloc"
    assert r.stdout.splitlines() == [f"RunError|True|{message}", "True"]
    if EXE:
        scenario = tmp_path / "huge.yaml"
        scenario.write_text("name: huge\nduration: 1s\nthreads: 1\nphold: {nlp: 200000000, events: 1}\n")
        cli = subprocess.run([EXE, "run", str(scenario)], capture_output=True, text=True,
                             timeout=300, preexec_fn=limited(resource.RLIMIT_AS, 512 * 2**20))
        assert cli.returncode == 3 and cli.stderr == f"ostsim: {message}\n"


def test_a_disk_that_fills_during_the_run_is_a_trace_error_with_the_commands_message(tmp_path):
    """A file-size limit stands in for a full disk (as for `ostsim run` in tests/cli): the
    trace's writes fail mid-run, the run stops cleanly, and ostsim.run raises TraceError with
    the message `ostsim run` prints, its exit 3."""
    out = tmp_path / "full.h5"
    default = ROOT / "scenarios" / "default.yaml"
    script = f"""
        import ostsim
        try:
            ostsim.run({str(default)!r}, overrides={{"duration": "5min"}}, out={str(out)!r})
        except ostsim.Error as e:
            print(type(e).__name__, isinstance(e, ostsim.TraceError), e, sep="|")
        """
    r = python(script, preexec_fn=limited(resource.RLIMIT_FSIZE, 100_000))
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout == f"TraceError|True|writing {out} failed (disk full?)\n"
    if EXE:
        out.unlink()
        cli = subprocess.run([EXE, "run", str(default), "--set", "duration=5min", "-o", str(out)],
                             capture_output=True, text=True, timeout=300,
                             preexec_fn=limited(resource.RLIMIT_FSIZE, 100_000))
        assert cli.returncode == 3 and cli.stderr == f"ostsim: writing {out} failed (disk full?)\n"


def test_too_little_free_space_is_a_trace_error_before_the_run(tmp_path):
    """The check before the run (the trace's size estimate against the folder's free space, as
    `ostsim run` makes it): a 64 kB tmpfs, mounted in a private mount namespace (`unshare -rm`,
    no root needed), cannot hold 5 min of scenarios/default.yaml; ostsim.run raises TraceError
    with the command's words and creates no file."""
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    out = tiny / "t.h5"
    default = ROOT / "scenarios" / "default.yaml"
    script = (f"import ostsim\n"
              f"try:\n"
              f"    ostsim.run({str(default)!r}, overrides={{'duration': '5min'}}, out={str(out)!r})\n"
              f"except ostsim.TraceError as e:\n"
              f"    print(e)\n")
    mount = ('mount -t tmpfs -o size=64k tmpfs "$1" || exit 99; d=$1; shift; "$@"; rc=$?; '
             'ls -A "$d"; exit $rc')
    r = subprocess.run(["unshare", "-rm", "sh", "-c", mount, "sh", str(tiny), sys.executable,
                        "-c", script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    m = re.fullmatch(rf"{tiny} has (\d+) bytes free; the trace needs at least about (\d+) bytes\n",
                     r.stdout)
    assert m and int(m.group(1)) <= 64 * 1024 < int(m.group(2)), r.stdout
