"""The ostsim command end to end: validate, run (determinism across threads, interrupts, exit
codes), info, --show-config. OSTSIM_EXE names the executable (set by tests/cli/CMakeLists.txt)."""
import json
import os
import pathlib
import re
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

EXE = os.environ.get("OSTSIM_EXE")
ROOT = pathlib.Path(__file__).resolve().parents[2]
PHOLD = str(ROOT / "scenarios" / "phold.yaml")
SMALL = ["--set", "phold.nlp=64", "--set", "duration=20s"]


@pytest.fixture(autouse=True)
def need_exe():
    if not EXE:
        pytest.skip("OSTSIM_EXE not set")


def ostsim(*args, **kw):
    return subprocess.run([EXE, *args], capture_output=True, text=True, **kw)


def test_run_is_identical_at_1_and_2_threads(tmp_path):
    tables, digests = [], []
    for t in (1, 2):
        out = tmp_path / f"t{t}.h5"
        r = ostsim("run", PHOLD, "-o", str(out), "--threads", str(t),
                   "--summary-json", str(tmp_path / f"s{t}.json"))
        assert r.returncode == 0, r.stderr
        with h5py.File(out, "r") as f:
            assert f.attrs["complete"] == True  # noqa: E712
            assert f.attrs["threads"] == t
            assert f.attrs["sim_time_reached"] == 100 * 10**9
            tables.append(f["phold_lps"][:])
            digests.append(f["summary/phold"].attrs["digest"])
        s = json.loads((tmp_path / f"s{t}.json").read_text())
        assert s["phold"]["digest"] == digests[-1] and s["complete"]
    assert digests[0] == digests[1]
    assert np.array_equal(tables[0], tables[1])
    assert tables[0]["events"].sum() > 0


def test_version_names_the_allocator():
    """The allocator is part of what a timing depends on; the build decides it
    (cmake/OstsimAllocator.cmake), OSTSIM_ALLOCATOR says which it chose."""
    r = ostsim("--version")
    assert r.returncode == 0, r.stderr
    line = r.stdout.strip()
    assert re.fullmatch(r"ostsim \d+\.\d+\.\d+ \((jemalloc|glibc) [^)]+\)", line), line
    expected = {"jemalloc": "jemalloc", "system": "glibc"}[os.environ["OSTSIM_ALLOCATOR"]]
    assert line.split("(")[1].startswith(expected + " "), line


def wait_for_progress(p):
    """Returns once the run `p` (started with --progress, stderr piped as text) has printed its
    first progress line, so simulated time has passed: a fixed sleep raced the set-up on a loaded
    machine, and the signal then came at time 0."""
    seen = ""
    while "simulated" not in seen:
        c = p.stderr.read(1)
        assert c, f"the run ended before its first progress line: {seen}"
        seen += c


def test_interrupt_leaves_a_readable_incomplete_trace(tmp_path):
    out = tmp_path / "i.h5"
    # Slices of 100 s (1 %) of 4096 LPs: about a second each, the longest a stop waits.
    p = subprocess.Popen([EXE, "run", PHOLD, "-o", str(out), "--set", "duration=10000s",
                          "--set", "phold.nlp=4096", "--progress"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    wait_for_progress(p)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    with h5py.File(out, "r") as f:
        assert f.attrs["complete"] == False  # noqa: E712
        assert 0 < f.attrs["sim_time_reached"] < 10000 * 10**9
        assert len(f["phold_lps"]) == 4096


def test_scenario_errors_exit_2_all_at_once(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("seed: x\nphold:\n  mean: fast\n  nlpp: 3\n")
    r = ostsim("validate", str(bad))
    assert r.returncode == 2
    assert r.stderr == (f'{bad}:1:7: seed: expected an integer, got "x"\n'
                        f'{bad}:3:9: phold.mean: expected a duration like "3s", got "fast"\n'
                        f'{bad}:4:3: phold.nlpp: unknown key (did you mean "nlp"?)\n'
                        f"{bad}: 3 errors\n")
    assert ostsim("run", str(bad)).returncode == 2
    assert ostsim("run").returncode == 2  # usage


def test_thread_count_is_capped_before_anything_runs():
    r = ostsim("run", PHOLD, "--threads", "100000")  # once exhausted memory before the run
    assert r.returncode == 2
    assert r.stderr.startswith("--set threads=100000: threads: at most 1024 (this machine runs ")


def test_semantic_check_points_at_the_key(tmp_path):
    r = ostsim("validate", PHOLD, "--set", "phold.lookahead=2s")
    assert r.returncode == 2
    assert "--set phold.lookahead=2s: phold.lookahead: must be at most phold.mean" in r.stderr


def test_existing_output_needs_force_and_unwritable_is_runtime_error(tmp_path):
    out = tmp_path / "o.h5"
    out.write_text("keep")
    r = ostsim("run", PHOLD, *SMALL, "-o", str(out))
    assert r.returncode == 3 and "use --force" in r.stderr
    assert out.read_text() == "keep"
    assert ostsim("run", PHOLD, *SMALL, "-o", str(out), "--force").returncode == 0
    r = ostsim("run", PHOLD, *SMALL, "-o", str(tmp_path / "no" / "x.h5"))
    assert r.returncode == 3 and "No such file or directory" in r.stderr


def test_show_config_revalidates_and_info_describes(tmp_path):
    r = ostsim("run", PHOLD, *SMALL, "--show-config", "-o", str(tmp_path / "c.h5"))
    assert r.returncode == 0
    config = r.stdout.split("phold: committed")[0]
    resolved = tmp_path / "resolved.yaml"
    resolved.write_text(config)
    assert ostsim("validate", str(resolved)).returncode == 0
    again = ostsim("run", str(resolved), "--show-config", "-o", str(tmp_path / "d.h5"))
    assert again.stdout.split("phold: committed")[0] == config
    with h5py.File(tmp_path / "c.h5", "r") as f:
        assert f.attrs["scenario"] == config
    info = ostsim("info", str(tmp_path / "c.h5"))
    assert info.returncode == 0
    assert "complete = true" in info.stdout and "phold_lps: 64 rows" in info.stdout
    assert ostsim("info", str(resolved)).returncode == 2


TABLES = ("cores", "blocks", "txs", "nodes", "transfers", "messages", "anchors", "spends",
          "sessions", "series/cores", "series/economies", "series/overlay", "series/engine")


def test_default_scenario_tables_are_identical_at_1_and_2_threads(tmp_path):
    """The cores model and its overlay (scenarios/default.yaml, shortened): every table byte-equal."""
    default = str(ROOT / "scenarios" / "default.yaml")
    got = []
    for t in (1, 2):
        out = tmp_path / f"d{t}.h5"
        r = ostsim("run", default, "-o", str(out), "--threads", str(t), "--set", "duration=10min")
        assert r.returncode == 0, r.stderr
        with h5py.File(out, "r") as f:
            assert f.attrs["complete"] == True  # noqa: E712
            got.append({name: f[name][:] for name in TABLES}
                       | {"digest": f["summary/engine"].attrs["digest"]})
    assert got[0]["digest"] == got[1]["digest"]
    for name in TABLES:
        assert np.array_equal(got[0][name], got[1][name]), name
    cores = {row["name"].decode(): row for row in got[0]["cores"]}
    assert set(cores) == {"origin", "aux1", "aux2"}
    blocks = got[0]["blocks"]
    # Every block of every core carries a 32-byte state root; the main chain grows by height.
    assert all(len(root) == 66 and root.startswith(b"0x") for root in blocks["state_root"])
    for c in range(3):
        main = np.sort(blocks[(blocks["core"] == c) & (blocks["main"] == 1)]["height"])
        assert np.array_equal(main, np.arange(1, len(main) + 1))
    assert (got[0]["txs"]["status"] >= 1).sum() > 0
    # The overlay: roots anchored both ways, stakes declared on the origin (core 0) in final
    # blocks, and the first ones through every step.
    anchors, messages, transfers = got[0]["anchors"], got[0]["messages"], got[0]["transfers"]
    assert set(anchors[anchors["target_height"] > 0]["target"]) == {0, 1, 2}
    declared = messages[(messages["step"] == b"declare") & (messages["height"] > 0)]
    assert len(declared) > 0 and set(declared["core"]) >= {0}
    assert (transfers["phase"] == b"done").sum() > 0
    assert (messages["reverted"] == b"").all()


def test_interrupted_cores_run_keeps_its_tables_up_to_the_time_reached(tmp_path):
    """SIGTERM (as Ctrl-C) during a run of scenarios/default.yaml: tables and summary written."""
    out, summary = tmp_path / "i.h5", tmp_path / "i.json"
    p = subprocess.Popen([EXE, "run", str(ROOT / "scenarios" / "default.yaml"), "-o", str(out),
                          "--set", "duration=10h", "--summary-json", str(summary),
                          # few users: building accounts must not eat the second the run gets
                          "--set", "economies.cafe.users=10", "--set", "economies.arcade.users=10",
                          "--progress"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_progress(p)
    p.send_signal(signal.SIGTERM)
    stdout, err = p.communicate(timeout=120)
    assert p.returncode == 130, err
    assert "interrupted\n" in stdout and f"trace: {out} (incomplete)" in stdout
    s = json.loads(summary.read_text())
    with h5py.File(out, "r") as f:
        assert f.attrs["complete"] == False  # noqa: E712
        reached = f.attrs["sim_time_reached"]
        assert reached == s["sim_time_reached_ns"] and 0 < reached < 10 * 3600 * 10**9
        assert len(f["cores"]) == 3
        blocks = f["blocks"][:]
        assert len(blocks) == sum(s["cores"][c]["produced"] for c in ("origin", "aux1", "aux2"))
        assert (blocks["time"] <= reached).all()
        assert f["summary/engine"].attrs["digest"] == s["engine"]["digest"]


def test_killed_run_leaves_a_readable_trace_flagged_incomplete(tmp_path):
    """SIGKILL cannot be caught: the trace still opens, says it is incomplete, and names its
    scenario and seed; `ostsim info` reads it and `ostsim sweep` would run it again."""
    out = tmp_path / "k.h5"
    p = subprocess.Popen([EXE, "run", PHOLD, "-o", str(out), "--set", "duration=100000s",
                          "--seed", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not out.exists():
        time.sleep(0.01)
    time.sleep(0.5)
    p.kill()
    p.communicate(timeout=60)
    with h5py.File(out, "r") as f:
        assert f.attrs["complete"] == False  # noqa: E712
        assert f.attrs["seed"] == 5 and "duration: 100000s" in f.attrs["scenario"]
    info = ostsim("info", str(out))
    assert info.returncode == 0 and "complete = false" in info.stdout


SETTLING = ("blocks", "txs", "transfers", "messages", "anchors", "spends", "sessions")
SERIES = ("series/cores", "series/economies", "series/overlay", "series/engine")


def test_killed_cores_run_keeps_the_rows_settled_by_its_last_checkpoint(tmp_path):
    """Rows settle into the trace every 10 % of simulated time: killed after the second
    checkpoint (20 %), a run of scenarios/default.yaml leaves the blocks, transactions,
    transfers, anchors, spends and sessions settled by then and its series samples up to then,
    which `ostsim info` and ostsim.load read, with `sim_time_reached` = 20 %."""
    out = tmp_path / "k.h5"
    duration = 3600 * 10**9
    p = subprocess.Popen([EXE, "run", str(ROOT / "scenarios" / "default.yaml"), "-o", str(out),
                          "--set", "duration=1h", "--progress"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    line = b""
    while True:  # the progress line: "\r<t> s simulated, <share>%, ..."
        c = p.stderr.read(1)
        assert c, "the run ended before 25 %"
        line = b"" if c == b"\r" else line + c
        m = re.search(rb"simulated, +([0-9.]+)%", line)
        if m and float(m.group(1)) >= 25:
            break
    p.kill()
    p.communicate(timeout=60)
    with h5py.File(out, "r") as f:
        assert f.attrs["complete"] == False  # noqa: E712
        assert f.attrs["sim_time_reached"] == duration // 5
        assert "cores" in f and len(f["cores"]) == 0  # per-core figures only at the end
        blocks, txs = f["blocks"][:], f["txs"][:]
        settled = {name: f[name][:] for name in SETTLING}
        series = {name: f[name][:] for name in SERIES}
    for name, rows in settled.items():
        assert len(rows) > 0, name
    assert (settled["messages"]["height"] > 0).all() and (settled["anchors"]["target_height"] > 0).all()
    assert np.isin(settled["transfers"]["phase"], [b"done", b"failed", b"revoked"]).all()
    spends = settled["spends"]
    assert ((spends["final"] >= 0) | (spends["outcome"] == b"not included")).all()
    assert (spends["final"] <= duration // 5).all() and (settled["sessions"]["ended"] >= 0).all()
    # Samples every 1 % (36 s): the 20 up to the checkpoint, one row per core, economy, pair
    # and flow each; a sample's counts never exceed the next one's.
    samples = [duration // 100 * k for k in range(1, 21)]
    for name, per_sample in zip(SERIES, (3, 2, 4, 1)):
        times = series[name]["time"]
        kept = times[times <= duration // 5]
        assert list(kept) == [t for t in samples for _ in range(per_sample)], name
    cores = series["series/cores"]
    for c in range(3):
        mine = cores[cores["core"] == c]
        assert (np.diff(mine["produced"].astype(int)) >= 0).all()
        assert (mine["final_height"] <= mine["head_height"]).all()
    nodes = {0: 12, 1: 6, 2: 5}  # default.yaml's cores
    assert len(blocks) > 0 and len(txs) > 0
    assert all(b["reached"] == nodes[b["core"]] for b in blocks)
    assert (blocks["time"] < duration // 5).all() and (txs["status"] == 2).all()
    assert (txs["final"] <= duration // 5).all()
    info = ostsim("info", str(out))
    assert info.returncode == 0, info.stderr
    assert "complete = false" in info.stdout and f"blocks: {len(blocks)} rows" in info.stdout
    # Settled means final: each row (settled by 12 min) is, value for value (h5py leaves the
    # padding between columns unset), a row of the same run carried on to 15 min (a run does not depend on its duration up to its end: docs/engine.md).
    longer = tmp_path / "l.h5"
    r = ostsim("run", str(ROOT / "scenarios" / "default.yaml"), "-o", str(longer),
               "--set", "duration=15min")
    assert r.returncode == 0, r.stderr
    with h5py.File(longer, "r") as f:
        for name, rows in settled.items():
            later = {row.item() for row in f[name][:]}
            assert all(row.item() in later for row in rows), name
        # The 15-min run samples every 9 s: its samples at 36 s multiples are the killed run's.
        for name, rows in series.items():
            later = {row.item() for row in f[name][:]}
            kept = rows[rows["time"] <= duration // 5]
            assert all(row.item() in later for row in kept), name
    # The Python loader reads it too, where the build has the module (not the sanitize build,
    # whose test run would otherwise count a skip here as a failure).
    try:
        import ostsim as ostsim_py
    except ImportError:
        return
    t = ostsim_py.load(out)
    assert not t.complete and len(t.table("blocks")) == len(blocks)
    assert t.table("txs").status.eq(2).all()


TWO_CORES = """name: two
seed: 4
duration: 100s
networks:
  dc: {delay: 20ms}
cores:
  a: {network: dc, nodes: 3, consensus: {rule: clique, block_time: 1s, confirmations: 1}}
  b: {network: dc, nodes: 3, consensus: {rule: clique, block_time: 1s, confirmations: 1}}
"""


def test_checkpoint_interval_sets_how_often_rows_settle(tmp_path):
    """`trace.checkpoint_every`: each checkpoint appends the blocks settled since the last one,
    core by core, and the end appends the rest, core by core; with blocks settling in every
    interval of this run (1 s clique blocks, final one deep), the `core` column of `blocks`
    changes at each of them: 2 runs of rows per checkpoint plus 2 at the end. 10 % (the
    default) checkpoints at 10 %, ..., 90 %; 5 % at 19 times; 0 never. The rows, sorted, are
    the same."""
    scenario = tmp_path / "two.yaml"
    scenario.write_text(TWO_CORES)
    got = {}
    for every in ("default", "5%", "0"):
        out = tmp_path / f"c{every.rstrip('%')}.h5"
        sets = [] if every == "default" else ["--set", f"trace.checkpoint_every={every}"]
        r = ostsim("run", str(scenario), "-o", str(out), *sets)
        assert r.returncode == 0, r.stderr
        with h5py.File(out, "r") as f:
            got[every] = f["blocks"][:]
            assert f.attrs["sim_time_reached"] == 100 * 10**9
    runs = {k: 1 + int(np.count_nonzero(np.diff(b["core"].astype(int)))) for k, b in got.items()}
    assert runs == {"default": 2 * (9 + 1), "5%": 2 * (19 + 1), "0": 2}
    key = lambda b: np.sort(b, order=["core", "producer", "seq"])  # noqa: E731
    assert np.array_equal(key(got["default"]), key(got["5%"]))
    assert np.array_equal(key(got["default"]), key(got["0"]))
    r = ostsim("validate", str(scenario), "--set", "trace.checkpoint_every=150%")
    assert r.returncode == 2 and "trace.checkpoint_every: expected a probability" in r.stderr


def test_fiat_spends_and_recoveries_reach_the_trace_and_summary(tmp_path):
    """With fiat spends (quoted 20 s late), delayed recovery and recovery-owner resets on
    (economy cafe of default.yaml): the `spends` rows mark the fiat ones, what every accepted
    spend moved, and the quoted and oracle prices, by which exactly the fiat spends quoted
    beyond the margin were refused; the `recoveries` and `owner_resets` tables have a row per
    recovery and reset, and the summary counts them; arcade, without them, has no such keys."""
    out = tmp_path / "f.h5"
    sets = ["duration=10min", "economies.cafe.fiat.share=0.3", "economies.cafe.fiat.volatility=0.02",
            "economies.cafe.fiat.update_every=30s", "economies.cafe.session.lose_device=0.2",
            "economies.cafe.recovery.share=0.5", "economies.cafe.recovery.delay=50",
            "economies.cafe.recovery.early=0.3", "economies.cafe.recovery.abort=0.2",
            "economies.cafe.fiat.quote_lag=20s", "economies.cafe.recovery.reset=0.1"]
    r = ostsim("run", str(ROOT / "scenarios" / "default.yaml"), "-o", str(out), "--summary-json",
               str(tmp_path / "s.json"), *[a for k in sets for a in ("--set", k)])
    assert r.returncode == 0, r.stderr
    s = json.loads((tmp_path / "s.json").read_text())
    cafe, arcade = s["economies"]["cafe"], s["economies"]["arcade"]
    assert "fiat_spends" not in arcade and "recoveries" not in arcade and "owner_resets" not in arcade
    with h5py.File(out, "r") as f:
        spends, recoveries, resets = f["spends"][:], f["recoveries"][:], f["owner_resets"][:]
    mine = spends[spends["economy"] == 0]
    assert (mine["fiat"] == 1).sum() == cafe["fiat_spends"] > 0
    assert (spends[spends["economy"] == 1]["fiat"] == 0).all()
    accepted = spends["outcome"] == b"accepted"
    assert (spends[accepted]["moved"] > 0).all() and (spends[~accepted]["moved"] == 0).all()
    # An honest fiat spend asks for the token value at the quoted price less the margin: it
    # moves about what it asked for (the oracle's price is the quote's or a step away).
    fiat = mine[(mine["fiat"] == 1) & (mine["outcome"] == b"accepted")]
    assert np.allclose(fiat["moved"], fiat["amount"], rtol=0.1)
    # The pricer's rule, from the trace alone: an honest fiat spend (cafe's misbehaving ones
    # fail for their own reasons) is refused when |quote - oracle| > margin (0.01).
    ended = mine[(mine["fiat"] == 1) & (mine["final"] >= 0) & (mine["misbehaviour"] == b"")]
    gap = np.abs(ended["quoted_price"] - ended["oracle_price"])
    clear = np.abs(gap - 0.01) > 1e-9  # float64 prices: leave out a tie with the margin
    refused = ended["outcome"] == b"intended price outside the acceptance margin"
    assert (refused[clear] == (gap[clear] > 0.01)).all()
    assert (ended["outcome"][~refused] == b"accepted").all() and refused.sum() > 0
    assert (spends[spends["fiat"] == 0]["quoted_price"] == 0).all()
    # A row per reset sent; those final were accepted (the ones in flight at the end: empty).
    final = resets[resets["outcome"] != b""]
    assert len(resets) >= cafe["owner_resets"] >= len(final) > 0 and cafe["owner_resets_reverted"] == 0
    assert (final["outcome"] == b"accepted").all() and (final["height"] > 0).all()
    assert len(recoveries) == cafe["recoveries"] > 0 and (recoveries["economy"] == 0).all()
    ended = dict(zip(*np.unique(recoveries["end"], return_counts=True)))
    assert ended.get(b"executed", 0) == cafe["recoveries_executed"] > 0
    assert ended.get(b"aborted", 0) == cafe["recoveries_aborted"]
    executed = recoveries[recoveries["end"] == b"executed"]
    assert (executed["ended"] >= executed["initiated"] + 50).all()  # not before the delay
    # recovery.early = 0.3: some relayers tried to execute at once and were refused for it.
    assert set(recoveries["early"]) == {b"", b"recovery delay has not passed"}


def test_series_sample_the_run_at_the_chosen_share(tmp_path):
    """`trace.series_every`: 5 % of 100 s samples at 5, 10, ..., 100 s, one row per core each;
    the last sample of the finished run is the `cores` table's figures and the engine's total;
    a row never shrinks its counts; `0` writes no series."""
    scenario = tmp_path / "two.yaml"
    scenario.write_text(TWO_CORES)
    out = tmp_path / "s.h5"
    r = ostsim("run", str(scenario), "-o", str(out), "--set", "trace.series_every=5%")
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        series, cores = f["series/cores"][:], f["cores"][:]
        engine, events = f["series/engine"][:], f["summary/engine"].attrs["events"]
        assert "series/economies" not in f and "series/overlay" not in f  # neither is modelled
    samples = [5 * 10**9 * k for k in range(1, 21)]
    assert list(engine["time"]) == samples and engine["events"][-1] == events
    assert (np.diff(engine["events"].astype(np.int64)) >= 0).all()
    for c in (0, 1):
        mine = series[series["core"] == c]
        assert list(mine["time"]) == samples
        for column in ("head_height", "final_height", "produced", "txs"):
            assert (np.diff(mine[column].astype(np.int64)) >= 0).all(), column
        last, core = mine[-1], cores[cores["core"] == c][0]
        assert (last["head_height"], last["txs"], last["produced"]) == \
            (core["main"], core["transactions"], core["produced"])
        # Clique with 1 s blocks, final one deep: about one block a second, final one behind.
        assert 90 <= last["head_height"] <= 101 and last["final_height"] == last["head_height"] - 1
    none = tmp_path / "n.h5"
    r = ostsim("run", str(scenario), "-o", str(none), "--set", "trace.series_every=0")
    assert r.returncode == 0, r.stderr
    with h5py.File(none, "r") as f:
        assert "series" not in f


def test_progress_line_on_a_terminal_only(tmp_path):
    """On a terminal stderr gets `\\r<sim time> s simulated, <share>%, <M ev/s>, ETA <s>`; on a
    pipe nothing unless --progress; --no-progress silences a terminal."""
    import pty
    args = [EXE, "run", PHOLD, *SMALL, "--threads", "1"]

    def on_tty(*extra):
        leader, follower = pty.openpty()
        p = subprocess.run([*args, *extra, "-o", str(tmp_path / f"t{len(extra)}.h5")],
                           stdout=subprocess.PIPE, stderr=follower, timeout=60)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert p.returncode == 0
        return b"".join(chunks).decode()

    shown = on_tty()
    lines = shown.replace("\r\n", "\n").split("\r")
    assert len(lines) > 10 and lines[-1].startswith("20.000 s simulated, 100.0%, ")
    assert re.fullmatch(r"20\.000 s simulated, 100\.0%, [0-9.]+ M ev/s, ETA 0 s +\n", lines[-1])
    assert on_tty("--no-progress") == ""
    piped = ostsim("run", PHOLD, *SMALL, "-o", str(tmp_path / "p.h5"))
    assert piped.returncode == 0 and piped.stderr == ""
    forced = ostsim("run", PHOLD, *SMALL, "-o", str(tmp_path / "f.h5"), "--progress")
    assert "100.0%" in forced.stderr and "ETA" in forced.stderr


def test_include_anchors_and_show_config_end_to_end(tmp_path):
    """A fragment included, anchors shared between cores, overrides on top: --show-config prints
    what runs, and the trace records exactly that."""
    (tmp_path / "net.yaml").write_text("networks:\n  lan: {delay: 10ms}\n")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "include: net.yaml\nduration: 2min\n"
        "cores:\n"
        "  a: &core {network: lan, nodes: 4, consensus: &rule {rule: clique, block_time: 3s, "
        "validators: 3}}\n"
        "  b: *core\n"
        "  c: {network: lan, nodes: 5, consensus: *rule}\n")
    r = ostsim("run", str(scenario), "--set", "cores.b.consensus.block_time=5s", "--show-config",
               "-o", str(tmp_path / "s.h5"))
    assert r.returncode == 0, r.stderr
    config = r.stdout.split("\na: ")[0] + "\n"
    assert "  lan:\n    delay: 10ms\n" in config
    with h5py.File(tmp_path / "s.h5", "r") as f:
        assert f.attrs["scenario"] == config
        cores = {row["name"].decode(): row for row in f["cores"][:]}
    assert {n: int(c["nodes"]) for n, c in cores.items()} == {"a": 4, "b": 4, "c": 5}
    assert cores["a"]["mean_interval"] == 3.0 and cores["b"]["mean_interval"] == 5.0


def test_disk_full_during_the_run_is_a_clean_run_time_error(tmp_path):
    """A file-size limit stands in for a full disk: writes fail mid-run (EFBIG). One message, exit
    3; no HDF5 error stack, no crash (HDF5 1.10 crashed at exit on the file it failed to close)."""
    import resource

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    out = tmp_path / "full.h5"
    r = subprocess.run([EXE, "run", str(ROOT / "scenarios" / "default.yaml"), "--set",
                        "duration=5min", "-o", str(out)], capture_output=True, text=True,
                       preexec_fn=small_disk, timeout=300)
    assert r.returncode == 3, r.stderr[-3000:]
    assert r.stderr == f"ostsim: writing {out} failed (disk full?)\n"


def test_too_little_free_space_is_refused_before_the_run(tmp_path):
    """A 64 kB tmpfs (mounted in a private mount namespace: `unshare -rm`, no root needed, gone
    with the process) cannot hold the trace of 5 min of scenarios/default.yaml: exit 3 at once,
    no file, and the message gives the estimate, which the real trace is larger than."""
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    out = tiny / "t.h5"
    default = str(ROOT / "scenarios" / "default.yaml")
    # The command, then what the tmpfs holds (nothing: no file was created).
    script = ('mount -t tmpfs -o size=64k tmpfs "$1" || exit 99; '
              'd=$1; shift; "$@"; rc=$?; ls -A "$d"; exit $rc')
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", str(tiny), EXE, "run", default,
                        "--set", "duration=5min", "-o", str(out)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 3, r.stderr
    m = re.fullmatch(rf"ostsim: {tiny} has (\d+) bytes free; the trace needs at least about "
                     rf"(\d+) bytes\n", r.stderr)
    assert m and int(m.group(1)) <= 64 * 1024 < int(m.group(2)), r.stderr
    assert r.stdout == ""
    # The estimate is a lower one: the real trace is larger; a folder with room runs.
    real = tmp_path / "real.h5"
    assert ostsim("run", default, "--set", "duration=5min", "-o", str(real)).returncode == 0
    assert real.stat().st_size > int(m.group(2))


def test_set_list_items_by_name_and_by_index(tmp_path):
    """`--set` reaches into lists (the regions of scenarios/bitcoin-2015.yaml) by an item's name
    or its index; the trace records the result; a wrong name gets a did-you-mean."""
    bitcoin = str(ROOT / "scenarios" / "bitcoin-2015.yaml")
    out = tmp_path / "b.h5"
    r = ostsim("run", bitcoin, "--set", "duration=1s", "--set", "trace.level=summary",
               "--set", "networks.bitcoin.regions.JAPAN.upload=3.5Mbit/s",
               "--set", "networks.bitcoin.regions.0.download=26Mbit/s", "-o", str(out))
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        scenario = f.attrs["scenario"]
    japan = scenario[scenario.index('name: "JAPAN"'):]
    assert japan.split("\n")[2].strip() == "upload: 3500 kbit/s"
    first = scenario[scenario.index("regions:"):]
    assert first.split("\n")[4].strip() == "download: 26 Mbit/s"
    r = ostsim("validate", bitcoin, "--set", "networks.bitcoin.regions.JAPN.upload=1Mbit/s",
               "--set", "networks.bitcoin.regions.9.share=0.1")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "--set networks.bitcoin.regions.JAPN.upload=1Mbit/s: networks.bitcoin.regions.JAPN: "
        'unknown item name (did you mean "JAPAN"?)',
        "--set networks.bitcoin.regions.9.share=0.1: networks.bitcoin.regions.9: no item 9 "
        "(the list has 6)",
        f"{bitcoin}: 2 errors"]


def test_trace_levels_choose_what_is_written(tmp_path):
    """`none`: no file even with -o; `summary`: attributes and summary, no tables; `standard`:
    the tables too."""
    got = {}
    for level in ("none", "summary", "standard"):
        out = tmp_path / f"{level}.h5"
        r = ostsim("run", PHOLD, *SMALL, "--set", f"trace.level={level}", "-o", str(out))
        assert r.returncode == 0, r.stderr
        assert ("trace: " in r.stdout) == (level != "none")
        if out.exists():
            with h5py.File(out, "r") as f:
                got[level] = sorted(f)
                assert f["summary/phold"].attrs["committed"] > 0
    assert got == {"summary": ["summary"], "standard": ["phold_lps", "summary"]}


def test_full_level_adds_every_arrival_and_inclusion(tmp_path):
    """Level `full` on scenarios/default.yaml: `arrivals` has a row per block per node that has
    it (as many as the block's `reached`; the producer's at production), `inclusions` a row per
    transaction per block (as many as the block's `txs`), and every included transaction of
    `txs` is in a block that held it; both tables are equal at 1 and 2 threads."""
    default = str(ROOT / "scenarios" / "default.yaml")
    got = []
    for t in (1, 2):
        out = tmp_path / f"f{t}.h5"
        r = ostsim("run", default, "-o", str(out), "--threads", str(t), "--set", "duration=2min",
                   "--set", "trace.level=full")
        assert r.returncode == 0, r.stderr
        with h5py.File(out, "r") as f:
            got.append({n: f[n][:] for n in ("blocks", "txs", "arrivals", "inclusions")})
    for name in ("arrivals", "inclusions"):
        assert np.array_equal(got[0][name], got[1][name]), name
    blocks, txs, arrivals, inclusions = (got[0][n] for n in ("blocks", "txs", "arrivals",
                                                              "inclusions"))
    key = lambda r: (int(r["core"]), int(r["producer"]), int(r["seq"]))  # noqa: E731
    count = {}
    for a in arrivals:
        count[key(a)] = count.get(key(a), 0) + 1
    held = {}
    for i in inclusions:
        held[key(i)] = held.get(key(i), 0) + 1
    assert len(arrivals) > len(blocks) and len(inclusions) > 0
    for b in blocks:
        assert count.get(key(b), 0) == b["reached"] and held.get(key(b), 0) == b["txs"]
    own = arrivals[arrivals["node"] == arrivals["producer"]]
    produced = {key(b): b["time"] for b in blocks}
    assert all(produced[key(a)] == a["time"] for a in own)
    in_blocks = {(int(i["core"]), bytes(i["sender"]), int(i["nonce"])) for i in inclusions}
    included = txs[txs["status"] >= 1]
    assert len(included) > 0
    assert all((int(x["core"]), bytes(x["sender"]), int(x["nonce"])) in in_blocks for x in included)
    r = ostsim("run", default, "-o", str(tmp_path / "s.h5"), "--set", "duration=2min")
    with h5py.File(tmp_path / "s.h5", "r") as f:
        assert "arrivals" not in f and "inclusions" not in f  # standard: not these
