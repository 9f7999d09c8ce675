"""`ostsim sweep` (traces, index, common seeds, resume) and `ostsim compare` (common seeds, paired
differences) end to end on small PHOLD scenarios. OSTSIM_EXE names the executable."""
import json
import os
import pathlib
import signal
import subprocess
import time

import h5py
import pytest

EXE = os.environ.get("OSTSIM_EXE")
ROOT = pathlib.Path(__file__).resolve().parents[2]
PHOLD = ROOT / "scenarios" / "phold.yaml"

SWEEP = f"""include: {PHOLD}
duration: 5s
seed: 11
sweep:
  variables:
    nlp: {{path: phold.nlp, values: [16, 32]}}
    mean: {{path: phold.mean, values: [500ms, 1s]}}
    la: {{path: phold.lookahead, values: [100ms, 600ms]}}
  constraint: la < mean
  repetitions: 2
"""


@pytest.fixture(autouse=True)
def need_exe():
    if not EXE:
        pytest.skip("OSTSIM_EXE not set")


def ostsim(*args):
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True)


def index(folder):
    return [json.loads(line) for line in (folder / "index.jsonl").read_text().splitlines()]


@pytest.fixture()
def swept(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(SWEEP)
    out = tmp_path / "out"
    r = ostsim("sweep", scenario, "-o", out, "-j", 2)
    assert r.returncode == 0, r.stderr
    return scenario, out, r


def test_sweep_writes_a_trace_per_run_and_an_index(swept):
    _, out, r = swept
    assert "12 runs (6 of 8 configurations, 2 repetitions); 12 to run, 0 kept" in r.stdout
    rows = index(out)
    # la = 600ms is dropped with mean = 500ms: configurations 1 and 5 of the product.
    assert [row["run"] for row in rows] == [f"c{c:04}-r{rep:02}" for c in (0, 2, 3, 4, 6, 7)
                                            for rep in (0, 1)]
    assert sorted(p.name for p in out.glob("*.h5")) == sorted(row["trace"] for row in rows)
    for row in rows:
        assert row["status"] == "complete"
        assert row["summary"]["phold"]["committed"] > 0
        with h5py.File(out / row["trace"], "r") as f:
            assert f.attrs["complete"] == True  # noqa: E712
            assert f.attrs["seed"] == row["seed"]
            assert f.attrs["threads"] == 1  # -j 2: one engine thread per run
            assert f["summary/phold"].attrs["digest"] == row["summary"]["phold"]["digest"]
            assert f"nlp: {row['variables']['nlp']}\n" in f.attrs["scenario"]
            assert len(f["phold_lps"]) == int(row["variables"]["nlp"])


def test_sweep_seeds_are_common_across_configurations(swept):
    rows = index(swept[1])
    seeds = {}
    for row in rows:
        seeds.setdefault(row["repetition"], set()).add(row["seed"])
    assert {rep: len(s) for rep, s in seeds.items()} == {0: 1, 1: 1}
    assert seeds[0] == {11}  # repetition 0 keeps the scenario's seed
    assert seeds[1] != seeds[0]


def test_sweep_run_equals_ostsim_run(swept, tmp_path):
    scenario, out, _ = swept
    row = next(r for r in index(out) if r["run"] == "c0007-r01")
    single = tmp_path / "single.h5"
    r = ostsim("run", PHOLD, "-o", single, "--seed", row["seed"], "--set", "duration=5s",
               "--set", "phold.nlp=32", "--set", "phold.mean=1s", "--set", "phold.lookahead=600ms")
    assert r.returncode == 0, r.stderr
    with h5py.File(single, "r") as f:
        assert f["summary/phold"].attrs["digest"] == row["summary"]["phold"]["digest"]


def test_resume_runs_only_missing_incomplete_and_stale_runs(swept):
    scenario, out, _ = swept
    again = ostsim("sweep", scenario, "-o", out)
    assert again.returncode == 0, again.stderr
    assert "0 to run, 12 kept" in again.stdout
    (out / "c0000-r00.h5").unlink()
    with h5py.File(out / "c0003-r01.h5", "a") as f:
        f.attrs["complete"] = False
    digest = index(out)[5]["summary"]["phold"]["digest"]
    again = ostsim("sweep", scenario, "-o", out)
    assert again.returncode == 0, again.stderr
    assert "2 to run, 10 kept" in again.stdout
    assert "c0000-r00 (nlp=16, mean=500ms, la=100ms; seed 11; missing): complete" in again.stdout
    assert "c0003-r01" in again.stdout and "; incomplete): complete" in again.stdout
    rows = index(out)
    assert all(row["status"] == "complete" for row in rows)
    assert rows[5]["summary"]["phold"]["digest"] == digest  # the same run, the same result
    # A changed value reruns what it changes; growing a list keeps the rest.
    scenario.write_text(SWEEP.replace("[16, 32]", "[16, 32, 48]"))
    grown = ostsim("sweep", scenario, "-o", out)
    assert grown.returncode == 0, grown.stderr
    assert "18 runs (9 of 12 configurations" in grown.stdout
    scenario.write_text(SWEEP.replace("duration: 5s", "duration: 4s"))
    changed = ostsim("sweep", scenario, "-o", out)
    assert "12 to run, 0 kept" in changed.stdout and "stale" in changed.stdout


def test_every_error_of_every_configuration_before_anything_runs(tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(SWEEP.replace("  constraint: la < mean\n", ""))
    out = tmp_path / "out"
    r = ostsim("sweep", scenario, "-o", out)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"{scenario}:8:49: phold.lookahead: must be at most phold.mean (configuration 1: nlp=16, "
        "mean=500ms, la=600ms)",
        f"{scenario}:8:49: phold.lookahead: must be at most phold.mean (configuration 5: nlp=32, "
        "mean=500ms, la=600ms)",
        f"{scenario}: 2 errors"]
    assert not out.exists()
    assert ostsim("validate", scenario).returncode == 2
    r = ostsim("sweep", scenario, "-o", out, "--set", "sweep.constraint=la <= men")
    assert r.returncode == 2
    assert 'unknown variable "men" (did you mean "mean"?) (at character 7 of "la <= men")' in r.stderr
    assert ostsim("sweep", scenario).returncode == 2  # usage: -o is required


def test_validate_counts_the_runs_of_a_sweep(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(SWEEP)
    r = ostsim("validate", scenario)
    assert r.returncode == 0
    assert r.stdout == f"{scenario}: ok (12 runs: 6 of 8 configurations, 2 repetitions)\n"


SMALL = ["--set", "phold.nlp=32", "--set", "duration=10s"]


def test_compare_uses_common_seeds_and_pairs_differences(tmp_path):
    busy = tmp_path / "busy.yaml"
    busy.write_text(f"include: {PHOLD}\nphold: {{remote: 75%, events: 16}}\n")
    report = tmp_path / "c.json"
    r = ostsim("compare", PHOLD, busy, PHOLD, "-r", 3, *SMALL, "--json", report)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("compare: 3 designs, 3 repetitions, seeds 1, ")
    assert lines[1].split() == ["figure", str(PHOLD), "busy", str(PHOLD), "busy", "-", str(PHOLD),
                                str(PHOLD), "-", str(PHOLD)]
    committed = next(line for line in lines if line.startswith("phold/committed"))
    assert committed.endswith("+0 ± 0")  # a design against itself, with the same seeds
    j = json.loads(report.read_text())
    assert j["repetitions"] == 3 and j["labels"] == [str(PHOLD), "busy", str(PHOLD)]
    fig = {f["figure"]: f for f in j["figures"]}
    assert set(fig) >= {"phold/committed", "phold/windows", "phold/events_per_second"}
    base, other, same = fig["phold/committed"]["designs"]
    assert base["values"] == same["values"]
    assert len(set(base["values"])) > 1  # repetitions differ by seed
    diff = fig["phold/committed"]["differences_from_first"][0]
    assert diff["values"] == [o - b for o, b in zip(other["values"], base["values"])]
    assert diff["mean"] > 0 and diff["ci95"] is not None
    assert fig["phold/committed"]["differences_from_first"][1]["values"] == [0, 0, 0]
    # Repetition r is `ostsim run --seed seeds[r]`.
    single = tmp_path / "s.json"
    ostsim("run", busy, *SMALL, "--seed", j["seeds"][2], "--summary-json", single)
    assert json.loads(single.read_text())["phold"]["committed"] == other["values"][2]


FEES = """name: fees
seed: 3
duration: 90s
networks:
  dc: {delay: 20ms}
cores:
  chain:
    network: dc
    nodes: 3
    consensus: {rule: clique, block_time: 2s, confirmations: 2}
    transfers: {accounts: 200, rate: 4, gas_price: 2 gwei}
"""


def test_compare_puts_throughput_latency_and_cost_first(tmp_path):
    """The figures issue 5 names come first, cost per transaction among them: a plain transfer
    uses the Yellow Paper's G_transaction = 21,000 gas, so at a fixed bid of 2 and 3 gwei every
    transaction pays 42,000 and 63,000 gwei, a paired difference of exactly 21,000."""
    cheap, dear = tmp_path / "cheap.yaml", tmp_path / "dear.yaml"
    cheap.write_text(FEES)
    dear.write_text(FEES.replace("gas_price: 2 gwei", "gas_price: 3 gwei"))
    report = tmp_path / "c.json"
    r = ostsim("compare", cheap, dear, "-r", 3, "--json", report)
    assert r.returncode == 0, r.stderr
    rows = [line.split()[0] for line in r.stdout.splitlines()[2:]]
    assert rows[:rows.index("(other")] == [
        "cores/chain/throughput_tps", "total/throughput_tps",
        "cores/chain/transfers/inclusion_delay_s", "cores/chain/finality_delay_s",
        "cores/chain/transfers/finality_delay_s", "cores/chain/fee_per_tx_gwei"]
    assert "(other figures)" in r.stdout and "cores/chain/produced" in rows[rows.index("(other"):]
    fee = next(line for line in r.stdout.splitlines() if line.startswith("cores/chain/fee_per"))
    assert fee.split() == ["cores/chain/fee_per_tx_gwei", "42000", "±", "0", "63000", "±", "0",
                           "+21000", "±", "0", "*"]
    j = json.loads(report.read_text())
    fig = {f["figure"]: f for f in j["figures"]}
    assert fig["cores/chain/fee_per_tx_gwei"]["headline"] and not fig["cores/chain/main"]["headline"]
    assert [d["values"] for d in fig["cores/chain/fee_per_tx_gwei"]["designs"]] == [[42000] * 3,
                                                                                    [63000] * 3]
    # Common seeds: the same demand, so the same transactions in both designs.
    tps = fig["cores/chain/throughput_tps"]["differences_from_first"][0]["values"]
    assert tps == [0, 0, 0]


def test_compare_leads_with_the_overlays_transfer_latency_and_gas(tmp_path):
    """Two anchoring policies of scenarios/overlay.yaml: each pair and flow's cross-core transfer
    latency and gas per transfer are headline rows; anchoring every 4th final height instead of
    every one adds about (4 - 1)/2 origin blocks (4.5 s) to a stake's wait for its anchor
    (docs/validation.md), which the paired difference on common seeds shows."""
    overlay = ROOT / "scenarios" / "overlay.yaml"
    sparse = tmp_path / "every4.yaml"
    sparse.write_text(f"include: {overlay}\noverlay:\n  reporting: {{every: 4}}\n")
    report = tmp_path / "c.json"
    r = ostsim("compare", overlay, sparse, "-r", 3, "--set", "duration=10min", "--json", report)
    assert r.returncode == 0, r.stderr
    rows = [line.split()[0] for line in r.stdout.splitlines()[2:]]
    headline = rows[:rows.index("(other")]
    for pair in ("aux1", "aux2"):
        for flow in ("stake", "redeem"):
            assert f"overlay/{pair}/{flow}/latency_s" in headline
            assert f"overlay/{pair}/{flow}/gas_per_transfer" in headline
    assert headline.index("overlay/aux1/stake/latency_s") < headline.index("cores/origin/fee_per_tx_gwei")
    fig = {f["figure"]: f for f in json.loads(report.read_text())["figures"]}
    wait = fig["overlay/aux1/stake/anchor_wait_s"]["differences_from_first"][0]
    assert not fig["overlay/aux1/stake/anchor_wait_s"]["headline"]
    assert 3.0 < wait["mean"] < 6.0 and wait["mean"] > wait["ci95"]


def test_compare_skips_figures_a_run_could_not_compute(tmp_path):
    """A NaN (finality with nothing final: confirmations 0 never finalise a clique block) is no
    sample: the design shows "-", not "nan ± nan"."""
    never = tmp_path / "never.yaml"
    never.write_text(FEES.replace("confirmations: 2", "confirmations: 0"))
    report = tmp_path / "c.json"
    r = ostsim("compare", never, "-r", 2, "--json", report)
    assert r.returncode == 0, r.stderr
    assert "nan" not in r.stdout
    line = next(x for x in r.stdout.splitlines() if x.startswith("cores/chain/finality_delay_s"))
    assert line.split() == ["cores/chain/finality_delay_s", "-"]
    fig = {f["figure"]: f for f in json.loads(report.read_text())["figures"]}
    assert fig["cores/chain/finality_delay_s"]["designs"][0]["n"] == 0


def test_compare_reports_every_design_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("phold: {mean: fast}\n")
    r = ostsim("compare", PHOLD, bad)
    assert r.returncode == 2
    assert 'phold.mean: expected a duration like "3s", got "fast"' in r.stderr


WALL_CLOCK = ("wall_seconds", "events_per_second")  # the only figures a run's timing changes


def test_compare_in_parallel_reports_what_one_job_reports(tmp_path):
    busy = tmp_path / "busy.yaml"
    busy.write_text(f"include: {PHOLD}\nphold: {{remote: 75%, events: 16}}\n")
    got = []
    for jobs in (1, 3):
        report = tmp_path / f"j{jobs}.json"
        r = ostsim("compare", PHOLD, busy, "-r", 3, "-j", jobs, *SMALL, "--json", report)
        assert r.returncode == 0, r.stderr
        j = json.loads(report.read_text())
        got.append({f["figure"]: f for f in j["figures"] if not f["figure"].endswith(WALL_CLOCK)})
        got[-1]["seeds"] = j["seeds"]
    assert got[0] == got[1]
    assert set(got[0]) == {"phold/committed", "phold/windows", "seeds"}


def test_run_refuses_a_sweep_and_runs_one_of_its_points(swept, tmp_path):
    scenario, out, _ = swept
    r = ostsim("run", scenario, "-o", tmp_path / "x.h5")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"{scenario}:5:3: sweep: a sweep (12 runs) runs with `ostsim sweep {scenario} -o DIR`; "
        "`ostsim run --point c0000-r00` runs one of them",
        f"{scenario}: 1 error"]
    assert not (tmp_path / "x.h5").exists()
    # A point runs as `ostsim sweep` ran it (there with -j 2, so one thread).
    row = next(r for r in index(out) if r["run"] == "c0007-r01")
    single = tmp_path / "point.h5"
    r = ostsim("run", scenario, "--point", "c0007-r01", "--threads", 1, "-o", single)
    assert r.returncode == 0, r.stderr
    with h5py.File(single, "r") as f, h5py.File(out / row["trace"], "r") as swept_trace:
        assert f["summary/phold"].attrs["digest"] == row["summary"]["phold"]["digest"]
        assert f.attrs["scenario"] == swept_trace.attrs["scenario"]
        assert f.attrs["seed"] == row["seed"]
    # la = 600ms with mean = 500ms is not a run of this sweep.
    r = ostsim("run", scenario, "--point", "c0001-r00")
    assert r.returncode == 2
    assert ('--point c0001-r00: no such run (did you mean "c0000-r00"?; runs c0000-r00 to '
            "c0007-r01)") in r.stderr
    r = ostsim("run", scenario, "--point", "c0007-r01", "--seed", 3)
    assert r.returncode == 2 and "--seed and --point" in r.stderr
    r = ostsim("run", PHOLD, "--point", "c0000-r00")
    assert r.returncode == 2 and "has no sweep block" in r.stderr


def test_interrupted_sweep_keeps_finished_runs_and_resumes(tmp_path):
    """Ctrl-C during run c0001 (long) after c0000 (short) finished; c0002 never starts."""
    scenario = tmp_path / "i.yaml"
    scenario.write_text(f"include: {PHOLD}\nphold: {{nlp: 64}}\nsweep:\n"
                        "  variables:\n    d: {path: duration, values: [2s, 60000s, 3s]}\n")
    out = tmp_path / "out"
    p = subprocess.Popen([EXE, "sweep", str(scenario), "-o", str(out)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    assert "3 to run, 0 kept" in p.stdout.readline()
    first = p.stdout.readline()
    assert first.startswith("[1/3] c0000-r00") and ": complete in" in first, first
    while not (out / "c0001-r00.h5").exists():  # its trace is opened as it starts
        time.sleep(0.01)
    time.sleep(0.3)
    p.send_signal(signal.SIGINT)  # c0001 is running: 1.6 s of work on a fast host
    rest, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "c0001-r00 (d=60000s; seed 1; missing): interrupted" in rest
    assert "c0002" not in rest
    assert {row["run"]: row["status"] for row in index(out)} == {
        "c0000-r00": "complete", "c0001-r00": "incomplete", "c0002-r00": "missing"}
    assert sorted(q.name for q in out.iterdir()) == ["c0000-r00.h5", "c0001-r00.h5", "index.jsonl"]
    with h5py.File(out / "c0001-r00.h5", "r") as f:
        assert f.attrs["complete"] == False  # noqa: E712
        assert 0 < f.attrs["sim_time_reached"] < 60000 * 10**9
        assert len(f["phold_lps"]) == 64
    kept = (out / "c0000-r00.h5").stat()

    again = ostsim("sweep", scenario, "-o", out)
    assert again.returncode == 0, again.stderr
    assert "3 runs (3 of 3 configurations, 1 repetition); 2 to run, 1 kept" in again.stdout
    assert "c0001-r00 (d=60000s; seed 1; incomplete): complete" in again.stdout
    assert "c0002-r00 (d=3s; seed 1; missing): complete" in again.stdout
    assert "c0000" not in again.stdout
    assert (out / "c0000-r00.h5").stat().st_mtime_ns == kept.st_mtime_ns
    assert all(row["status"] == "complete" for row in index(out))


def test_interrupted_compare_exits_130_without_a_report(tmp_path):
    report = tmp_path / "c.json"
    p = subprocess.Popen([EXE, "compare", str(PHOLD), str(PHOLD), "-r", "2", "-j", "2", "--set",
                          "duration=40000s", "--set", "phold.nlp=4096", "--json", str(report)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert out == "" and not report.exists()
