"""analysis/validation_plots.py at its quick size: every validation of docs/validation.md runs
through ostsim.run, its measured points lie within the tests' tolerances of the analytic
references (the fork law, Exp(T), Eyal and Sirer's R, the double-spend race, Bitcoin's measured
propagation; clique's signer sequence, bft's rounds, ffg's checkpoints), and each writes a small
PNG. About a minute: label statistical."""
import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).parents[2] / "analysis" / "validation_plots.py"


@pytest.fixture(scope="module")
def plots():
    spec = importlib.util.spec_from_file_location("validation_plots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["validation_plots"] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results(plots, tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    return plots.run(str(out), quick=True, work=str(tmp_path_factory.mktemp("traces")))


def test_every_validation_is_plotted(plots, results):
    assert set(results) == set(plots.VALIDATIONS)
    for name, (png, checks) in results.items():
        assert Path(png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert 5_000 < Path(png).stat().st_size < 150_000, name  # small enough for the docs
        assert checks, name


@pytest.mark.parametrize("name", ["fork_law", "block_intervals", "selfish_mining",
                                  "double_spending", "propagation", "clique", "bft", "ffg"])
def test_simulated_points_match_the_references(results, name):
    failed = [f"{c.name}: {c.detail}" for c in results[name][1] if not c.ok]
    assert not failed


def test_ks_statistic_against_scipy(plots):
    from scipy import stats

    x = np.random.default_rng(5).exponential(2.0, 3000)
    assert plots.ks_statistic(x, 2.0) == pytest.approx(stats.kstest(x, "expon", args=(0, 2.0)).statistic)
    # a wrong mean is rejected at the critical value the script uses
    from ostsim.analysis import references

    assert plots.ks_statistic(x, 2.4) > references.ks_critical(len(x))
    assert references.ks_critical(10000) == pytest.approx(1.628 / 100, abs=1e-5)


def test_closed_forms_against_published_values():
    from ostsim.analysis import references as r

    # Nakamoto 2008, section 11 (q = 0.1, z = 5); Rosenfeld 2014 (q = 0.1, z = 1: 2q, the
    # premined block and one more to catch up); without a give-up the race is Rosenfeld's
    assert r.nakamoto_success(0.1, 5) == pytest.approx(0.0009137, abs=1e-7)
    assert r.rosenfeld_success(0.1, 1) == pytest.approx(0.2, abs=1e-12)
    assert r.race_success(0.3, 4, True, 0) == pytest.approx(r.rosenfeld_success(0.3, 4), abs=1e-12)
    # Eyal and Sirer: gamma = 0 threshold 1/3, where R(alpha) = alpha
    assert r.selfish_threshold(0.0) == pytest.approx(1 / 3)
    assert r.selfish_revenue(1 / 3, 0.0) == pytest.approx(1 / 3)
    assert r.fork_law(0.1) == pytest.approx(1 - math.exp(-0.1))


def test_clique_chain_against_the_doc():
    """The Markov chain of clique's rules gives docs/consensus.md's exact in-turn share for 5
    signers with one offline (2528457/6186850) and 1/N in the forced rotation, and halts where
    fewer than floor(N/2) + 1 signers are online."""
    from ostsim.analysis import references as r

    assert r.clique_turns(5, [4]).in_turn == pytest.approx(2528457 / 6186850, abs=1e-12)
    assert r.clique_turns(5, [4]).eligible == pytest.approx({2: 1.0})
    assert r.clique_turns(5, [3, 4]).in_turn == pytest.approx(0.2, abs=1e-12)
    assert r.clique_turns(3, [2]).late_mean(1.0) == pytest.approx(0.5)
    assert r.clique_turns(5, []).in_turn == pytest.approx(1.0)
    assert r.clique_turns(5, [2, 3, 4]).halts_at == 2


def test_bft_intervals_against_the_doc():
    """docs/consensus.md: 10 validators, d = 50 ms: 1.15 s a height at full participation, and
    1.15 + 4.1/10 s on average with one offline (its one height in ten waits one round)."""
    from ostsim.analysis import references as r

    assert r.bft_commit_interval(5, 10, [], 0.05) == pytest.approx(1.15)
    cycle = [r.bft_commit_interval(h, 10, [3], 0.05) for h in range(2, 12)]
    assert sum(cycle) / 10 == pytest.approx(1.15 + 4.1 / 10)
    assert r.bft_commit_interval(8, 10, [7, 8, 9], 0.05) == pytest.approx(1.15 + 4.1 + 5.1 + 6.1)
