"""ostsim.analysis: the Student-t intervals against published table values, and each figure
drawn from a real trace and saved as PNG and SVG."""
import math
import os

import numpy as np
import pandas as pd
import pytest

import ostsim
from ostsim import analysis

SCENARIO = {"name": "figs", "seed": 4, "duration": "2min", "trace": {"level": "standard"},
            "networks": {"lan": {"delay": "100ms"}},
            "cores": {"p": {"network": "lan", "nodes": 4,
                            "consensus": {"rule": "pow", "block_time": "5s"},
                            "gas_limit": "1e5 gas",
                            "transfers": {"accounts": 50, "rate": 3}},
                      "c": {"network": "lan", "nodes": 3,
                            "consensus": {"rule": "clique", "block_time": "3s"},
                            "transfers": {"accounts": 50, "rate": 2,
                                          "price_policy": "lognormal"}}}}


@pytest.fixture(scope="module")
def trace(tmp_path_factory):
    return ostsim.load(ostsim.run(SCENARIO, out=tmp_path_factory.mktemp("a") / "t.h5").trace_path)


def test_the_package_reexports_every_submodule_name():
    # ostsim.analysis was one module; its names stay where callers found them.
    import importlib
    import inspect

    for sub in ("chain", "sweeps", "overlay", "sessions", "series", "_figure"):
        m = importlib.import_module(f"ostsim.analysis.{sub}")
        own = {n for n, v in vars(m).items() if not n.startswith("_") and not inspect.ismodule(v)
               and getattr(v, "__module__", m.__name__) == m.__name__}
        assert own, sub
        for n in own - {"annotations"}:
            assert getattr(analysis, n) is getattr(m, n), f"{sub}.{n}"
            assert n in analysis.__all__, f"{sub}.{n}"
    from ostsim.analysis import block_intervals, series_plot, step_response  # noqa: F401


def test_t_quantiles_match_the_published_table():
    # Student's t table (two-sided 95 % and 99 %), e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2.
    assert analysis.t_quantile(0.95, 1) == pytest.approx(12.706, abs=1e-3)
    assert analysis.t_quantile(0.95, 4) == pytest.approx(2.776, abs=1e-3)
    assert analysis.t_quantile(0.99, 10) == pytest.approx(3.169, abs=1e-3)


def test_confidence_table_by_hand():
    df = pd.DataFrame({"x": ["1s", "1s", "1s", "2s", "2s", "3s"], "g": ["a"] * 6,
                       "y": [1.0, 2.0, 3.0, 5.0, 7.0, 4.0]})
    t = analysis.confidence_table(df, "x", "y", by="g")
    assert list(t["x"]) == ["1s", "2s", "3s"] and list(t["n"]) == [3, 2, 1]
    assert t["mean"].tolist() == [2.0, 6.0, 4.0]
    # n = 3: s = 1, half width = t(0.975, 2) / sqrt(3) = 4.303 / 1.732
    assert t["half_width"][0] == pytest.approx(4.303 / math.sqrt(3), abs=1e-3)
    # n = 2: s = sqrt(2), half width = 12.706 * sqrt(2) / sqrt(2)
    assert t["half_width"][1] == pytest.approx(12.706, abs=1e-3)
    assert math.isnan(t["half_width"][2])


def test_trace_figures_saved(trace, tmp_path):
    iv = analysis.main_chain_intervals(trace)
    assert set(iv["core"]) == {"p", "c"}
    # Clique's in-turn signers keep the period (the network delay aside); pow scatters.
    clique = iv.loc[iv["core"] == "c", "interval_s"]
    assert clique.median() == pytest.approx(3.0, abs=0.5)
    fees = analysis.block_fees(trace)
    assert (fees["fees_ost"] > 0).all()
    main = trace.blocks[trace.blocks["main"] == 1]
    names = dict(zip(trace.cores["core"], trace.cores["name"]))
    for (core, height), n in fees.set_index(["core", "height"])["txs"].items():
        row = main[(main["core"].map(names) == core) & (main["height"] == height)]
        assert int(row["txs"].iloc[0]) == n  # every included tx is in its block's count
    for name, fig in [("intervals", analysis.block_intervals(trace)),
                      ("stale", analysis.stale_rates([trace, trace], labels=["x", "y"])),
                      ("throughput", analysis.throughput(trace, window_s=30)),
                      ("latency", analysis.inclusion_latency(trace, window_s=30)),
                      ("fees", analysis.fees(trace))]:
        files = analysis.save(fig, tmp_path / name)
        assert [f[-3:] for f in files] == ["png", "svg"]
        png = (tmp_path / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 5000
        assert b"<svg" in (tmp_path / f"{name}.svg").read_bytes()[:500]


def test_throughput_is_capped_by_the_gas_limit(trace):
    # 1e5 gas holds 4 transfers of 21,000 gas: no main-chain block of core p holds more.
    b = trace.blocks
    assert b.loc[(b["core"] == 0) & (b["main"] == 1), "txs"].max() <= 4


def test_response_curve(tmp_path):
    df = pd.DataFrame({"x": np.repeat([1, 2, 4], 3), "y": [1, 2, 3, 2, 3, 4, 4, 5, 6.0],
                       "h": ["a"] * 9})
    fig = analysis.response(df, "x", ["y"], by="h")
    ax = fig.axes[0]
    assert list(ax.lines[0].get_ydata()) == [2.0, 3.0, 5.0]
    assert analysis.save(fig, tmp_path / "r.svg") == [str(tmp_path / "r.svg")]


def test_quantities_are_read_as_the_scenario_reads_them():
    xs, unit = analysis.quantity_values(["250ms", "1.5 min", "2s"])
    assert unit == "s" and xs.tolist() == [0.25, 90.0, 2.0]
    xs, unit = analysis.quantity_values(["1 gwei", "2.5 OST"])
    assert unit == "OST" and xs.tolist() == [1e-9, 2.5]
    assert analysis.quantity_values(["1e6 gas", "8e6 gas"])[0].tolist() == [1e6, 8e6]
    assert analysis.quantity_values(["250ms", "1e6 gas"]) is None  # two kinds
    assert analysis.quantity_values(["fast", "slow"]) is None
    assert analysis.quantity_values(["64"]) is None  # a plain number has no unit


def test_response_places_quantities_by_value():
    df = pd.DataFrame({"bt": ["2s", "2s", "10s", "10s", "30s", "30s"],
                       "y": [1.0, 3.0, 2.0, 2.0, 5.0, 7.0]})
    fig = analysis.response(df, "bt", "y")
    ax = fig.axes[0]
    assert list(ax.lines[0].get_xdata()) == [2.0, 10.0, 30.0]
    assert list(ax.lines[0].get_ydata()) == [2.0, 2.0, 6.0]
    assert ax.get_xlabel() == "bt (s)"
    text = analysis.response(pd.DataFrame({"p": ["a", "b", "a", "b"], "y": [1.0, 2, 3, 4]}), "p", "y")
    assert list(text.axes[0].lines[0].get_xdata()) == [0.0, 1.0]


OVERLAY = {"name": "overlay", "seed": 3, "duration": "8min", "trace": {"level": "standard"},
           "networks": {"lan": {"delay": "50ms"}},
           "cores": {"o": {"network": "lan", "nodes": 3,
                           "consensus": {"rule": "clique", "block_time": "3s", "confirmations": 2}},
                     "a": {"network": "lan", "nodes": 3,
                           "consensus": {"rule": "clique", "block_time": "1s", "confirmations": 2}}},
           "overlay": {"origin": "o", "auxiliaries": ["a"],
                       "transfers": {"stakers": 4, "rate": 0.1, "redeem_share": 1}}}


def test_transfer_figures_agree_with_the_summary(tmp_path):
    r = ostsim.run(OVERLAY, out=tmp_path / "o.h5")
    t = ostsim.load(r.trace_path)
    steps = analysis.transfer_steps(t)
    assert set(steps["pair"]) == {"a"} and set(steps["flow"]) == {"stake", "redeem"}
    # The parts add up to the whole, and the table's means are the summary's (computed in C++
    # from the facilitator's records, here from the trace's rows).
    parts = steps[[f"{k}_s" for k in analysis.STEPS]].sum(axis=1)
    assert np.allclose(parts, steps["latency_s"])
    for flow, g in steps.groupby("flow"):
        s = r.summary["overlay"]["a"][flow]
        assert s["done"] == len(g)
        assert g["latency_s"].mean() == pytest.approx(s["latency_s"], rel=1e-9)
        assert g["anchor_wait_s"].mean() == pytest.approx(s["anchor_wait_s"], rel=1e-9)
        assert g["gas"].mean() == pytest.approx(s["gas_per_transfer"], rel=1e-9)
    for name, fig in [("transfers", analysis.transfer_latency(t)), ("anchors", analysis.anchor_lag(t))]:
        analysis.save(fig, tmp_path / name, formats=("png",))
        assert (tmp_path / f"{name}.png").stat().st_size > 5000


def test_step_table_and_response_by_hand(tmp_path):
    """Per sweep value: the total's Student-t interval and each step's mean over the runs that
    completed a transfer (a NaN run, nothing done, is left out of both)."""
    p = "overlay/a/stake"
    df = pd.DataFrame({
        "every": ["1", "1", "1", "4", "4", "4"], "final_only": ["true"] * 6,
        f"{p}/latency_s": [10.0, 12.0, 14.0, 20.0, 22.0, math.nan],
        f"{p}/declare_s": [1.0, 2.0, 3.0, 4.0, 6.0, math.nan],
        f"{p}/anchor_wait_s": [3.0, 4.0, 5.0, 10.0, 10.0, math.nan],
        f"{p}/confirm_s": [2.0] * 6, f"{p}/progress_s": [4.0, 4.0, 4.0, 4.0, 4.0, math.nan]})
    t = analysis.step_table(df, "every", p, by="final_only")
    assert list(t["every"]) == ["1", "4"] and list(t["n"]) == [3, 2]
    assert list(t["mean"]) == [12.0, 21.0]
    # s = 2 over 3 runs: t(0.95, 2) = 4.303 (NIST/SEMATECH table) x 2 / sqrt(3).
    assert t["half_width"][0] == pytest.approx(4.303 * 2 / math.sqrt(3), abs=1e-3)
    assert list(t["declare_s"]) == [2.0, 5.0] and list(t["anchor_wait_s"]) == [4.0, 10.0]
    # The steps stack to the total, as they do in every run.
    assert np.allclose(t[[f"{k}_s" for k in analysis.STEPS]].sum(axis=1), t["mean"])
    fig = analysis.step_response(df, "every", [p], by="final_only")
    bars = fig.axes[0].patches
    assert len(bars) == 2 * len(analysis.STEPS)
    assert [b.get_height() for b in bars[:2]] == [2.0, 5.0]  # declare, at every = 1 and 4
    assert analysis.save(fig, tmp_path / "s.png") == [str(tmp_path / "s.png")]


def test_series_rates_sum_to_the_run_totals(trace, tmp_path):
    """A rate per step times the step, summed, is the last sample: the core's main-chain
    transactions (the summary's throughput x the run's length) and the engine's events."""
    rates = analysis.series_rates(trace, "series/cores", ["txs", "produced"])
    assert len(rates) == 2 * 100 and set(rates["core"]) == {0, 1}
    for core, name in zip(trace.cores["core"], trace.cores["name"]):
        g = rates[rates["core"] == core]
        steps = np.diff(np.concatenate([[0.0], g["time_s"].to_numpy()]))
        assert (g["txs_per_s"] * steps).sum() == pytest.approx(trace.cores.set_index("name").loc[name, "transactions"])
        assert (g["txs_per_s"] * steps).sum() / 120 == pytest.approx(trace.summary["cores"][name]["throughput_tps"])
    engine = analysis.series_rates(trace, "series/engine", ["events"])
    assert (engine["events_per_s"] * 1.2).sum() == pytest.approx(trace.summary["engine"]["events"])
    for table, column, rate in (("series/cores", "head_height", False), ("series/cores", "txs", True)):
        paths = analysis.save(analysis.series_plot(trace, table, column, rate), tmp_path / column)
        assert all(os.path.getsize(p) > 0 for p in paths)
