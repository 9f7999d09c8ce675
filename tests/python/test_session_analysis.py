"""ostsim.analysis on session-spending economies: its tables recomputed here from the raw
``spends`` and ``sessions`` rows and checked against the run summary's ``economies/<name>``
figures (counted in C++ by the economy's driver, not from the rows), and its figures saved."""
import math

import numpy as np
import pytest

import ostsim
from ostsim import analysis

NS = 1e-9
# One clique core (3 s blocks, final 2 deep) and two economies, listed out of alphabetical order
# (indices follow the scenario, the summary's groups the alphabet): hash-chain sessions short
# enough to end by exhaustion and expiry within the run, every misbehaviour, and unfunded keys
# whose spends are given up after the 1 min timeout; session keys beside them. No revocations:
# their gas is in the summary's open gas but in no session's row.
SCENARIO = {
    "name": "sessions", "seed": 7, "duration": "5min", "trace": {"level": "standard"},
    "networks": {"lan": {"delay": "50ms"}},
    "cores": {"c": {"network": "lan", "nodes": 3,
                    "consensus": {"rule": "clique", "block_time": "3s", "confirmations": 2}}},
    "economies": {
        "shop": {"core": "c", "users": 50, "timeout": "1min",
                 "arrivals": {"kind": "poisson", "per_hour": 60},
                 "session": {"secrets": 6, "secret_amount": "10 OST", "session_amount": "30 OST",
                             "lifetime": "2min", "lose_device": 0.05},
                 "misbehaviour": {"replay": 0.05, "over_limit": 0.05, "stale": 0.05,
                                  "unfunded": 0.05}},
        "arcade": {"core": "c", "users": 20, "arrivals": {"kind": "poisson", "per_hour": 60},
                   "session": {"model": "session_key", "secrets": 4, "secret_amount": "5 OST"},
                   "misbehaviour": {"replay": 0.05, "over_limit": 0.05}}}}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    r = ostsim.run(SCENARIO, out=tmp_path_factory.mktemp("s") / "s.h5")
    return r, ostsim.load(r.trace_path)


def by_hand(t, index):
    """The summary's figures of economy `index` from the raw rows, with plain pandas."""
    sp = t.spends[t.spends["economy"] == index]
    se = t.sessions[t.sessions["economy"] == index]
    ended = sp[sp["outcome"] != ""]
    final = ended[ended["final"] >= 0]
    accepted = final[final["outcome"] == "accepted"]
    run_s = t.attrs["sim_time_reached"] * NS
    opened = se[se["opened"] >= 0]
    return {"spends": len(sp), "accepted": len(accepted), "reverted": len(final) - len(accepted),
            "not_included": int((ended["outcome"] == "not included").sum()),
            "spends_per_second": len(accepted) / run_s,
            "rejection_rate": 1 - len(accepted) / len(ended),
            "inclusion_s": ((final["included"] - final["intent"]) * NS).mean(),
            "finality_s": ((final["final"] - final["intent"]) * NS).mean(),
            "gas_per_spend": final["gas_used"].mean(),
            "tokens_moved": accepted["amount"].sum(),
            "sessions": len(opened), "sessions_failed": int((se["end"] == "failed").sum()),
            "open_gas_per_session": se["open_gas"].sum() / len(opened),
            "open_gas_per_spend": se["open_gas"].sum() / len(accepted),
            "rejections": ended.loc[ended["outcome"] != "accepted", "outcome"].value_counts().to_dict()}


def test_the_scenario_exercises_what_the_tables_split(run):
    r, t = run
    assert analysis.economy_names(t) == ["shop", "arcade"]
    shop = t.spends[t.spends["economy"] == 0]
    assert set(shop["misbehaviour"]) == {"", "replay", "over_limit", "stale"}
    assert {"accepted", "not included", "secret already presented"} <= set(shop["outcome"])
    ends = set(t.sessions.loc[t.sessions["economy"] == 0, "end"])
    assert {"exhausted", "expired", "dropped"} <= ends
    assert r.summary["economies"]["shop"]["revocations"] == 0


@pytest.mark.parametrize("index,name", [(0, "shop"), (1, "arcade")])
def test_tables_agree_with_the_summary(run, index, name):
    r, t = run
    summary = r.summary["economies"][name]
    mine = by_hand(t, index)
    table = analysis.economy_table(t).set_index("economy").loc[name]
    for key, value in mine.items():
        if key == "rejections":
            assert value == summary.get("rejections", {})
            continue
        assert table[key] == pytest.approx(value, rel=1e-9), key
        assert summary[key] == pytest.approx(value, rel=1e-6), key  # tokens: micro-token sums
    assert table["in_flight"] == table["spends"] - table["accepted"] - table["reverted"] \
        - table["not_included"]

    out = analysis.spend_outcomes(t)
    out = out[out["economy"] == name]
    assert out["spends"].sum() == mine["spends"]
    rejected = out[~out["outcome"].isin(["accepted", "in flight"])]
    assert rejected["of_economy"].sum() == pytest.approx(summary["rejection_rate"], rel=1e-9)
    assert rejected.groupby("outcome")["spends"].sum().to_dict() == mine["rejections"]
    # Shares per misbehaviour add up to one over the spends that ended.
    for _, g in out[out["outcome"] != "in flight"].groupby("misbehaviour"):
        assert g["share"].sum() == pytest.approx(1.0)
    accepted = out.loc[out["outcome"] == "accepted", "per_second"].sum()
    assert accepted == pytest.approx(summary["spends_per_second"], rel=1e-9)

    lat = analysis.spend_latency(t)
    lat = lat[lat["economy"] == name]
    assert len(lat) == mine["accepted"] + mine["reverted"]
    assert lat["inclusion_s"].mean() == pytest.approx(summary["inclusion_s"], rel=1e-9)
    assert lat["finality_s"].mean() == pytest.approx(summary["finality_s"], rel=1e-9)
    assert (lat["finality_s"] >= lat["inclusion_s"]).all()


def test_misbehaviour_meets_its_reason(run):
    _, t = run
    out = analysis.spend_outcomes(t)
    shop = out[(out["economy"] == "shop") & (out["outcome"] != "in flight")]
    replays = shop[shop["misbehaviour"] == "replay"].set_index("outcome")["share"]
    # A replayed secret is refused as such, unless its session had ended meanwhile.
    assert replays.get("secret already presented", 0) > 0.5
    assert "accepted" not in replays
    assert "accepted" not in set(shop.loc[shop["misbehaviour"] == "over_limit", "outcome"])
    arcade = out[out["economy"] == "arcade"]
    assert set(arcade.loc[arcade["misbehaviour"] == "replay", "outcome"]) == {"session key nonce mismatch"}
    assert set(arcade.loc[arcade["misbehaviour"] == "over_limit", "outcome"]) == {"token allowance too low"}


def test_session_lifetimes(run):
    r, t = run
    life = analysis.session_lifetimes(t)
    for index, name in enumerate(analysis.economy_names(t)):
        rows = life[life["economy"] == name].set_index("end")
        se = t.sessions[t.sessions["economy"] == index]
        assert rows["sessions"].sum() == len(se)
        assert rows["share"].sum() == pytest.approx(1.0)
        assert rows["spends"].sum() == se["spends"].sum()
        for end, g in se.groupby("end"):
            row = rows.loc[end]
            assert row["spends_per_session"] == pytest.approx(g["spends"].mean())
            expected = g["open_gas"].sum() / g["spends"].sum() if g["spends"].sum() else math.nan
            assert row["open_gas_per_spend"] == pytest.approx(expected, nan_ok=True)
            lived = g[(g["opened"] >= 0) & (g["ended"] >= 0)]
            if len(lived):
                assert row["lifetime_s"] == pytest.approx(((lived["ended"] - lived["opened"]) * NS).mean())
    shop = life[life["economy"] == "shop"].set_index("end")
    # Exhausted hash-chain sessions used all 6 secrets or the 30 OST budget: at most 6 spends,
    # and spent at most the budget; an expired one ends when its user next finds it expired, at
    # least the 2 min lifetime after its opening's block (seen up to a block later).
    assert shop.loc["exhausted", "spends_per_session"] <= 6
    assert shop.loc["exhausted", "spent_per_session"] <= 30 + 1e-6
    se = t.sessions[(t.sessions["economy"] == 0) & (t.sessions["end"] == "expired")]
    assert ((se["ended"] - se["opened"]) * NS).min() >= 120 - 3
    # Failed sessions (the opening never reached the chain) amortise over no spend.
    assert "failed" not in shop.index or shop.loc["failed", "spends"] == 0


def test_figures_saved(run, tmp_path):
    _, t = run
    for name, fig in [("rate", analysis.spend_rate(t, window_s=30)),
                      ("rejections", analysis.rejections(t)),
                      ("latency", analysis.spend_latency_cdf(t))]:
        files = analysis.save(fig, tmp_path / name)
        assert [f[-3:] for f in files] == ["png", "svg"]
        assert (tmp_path / f"{name}.png").stat().st_size > 5000
    # The rate plot's accepted curve averages to the summary's rate over whole windows.
    fig = analysis.spend_rate(t, window_s=60)
    accepted = [line for line in fig.axes[0].lines if line.get_label() == "shop accepted (final)"][0]
    y = np.asarray(accepted.get_ydata())[:5]
    assert y.mean() == pytest.approx(by_hand(t, 0)["spends_per_second"], rel=1e-9)
