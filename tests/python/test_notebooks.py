"""The analysis/ notebooks run top to bottom (nbclient, Debian's ipykernel) at their tiny size
(OSTSIM_NOTEBOOK_SIZE=tiny) and write their figures, so they cannot rot."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ANALYSIS = Path(__file__).parents[2] / "analysis"
NOTEBOOKS = sorted(ANALYSIS.glob("*.ipynb"))


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"sweep_block_gas_limit.ipynb",
                                           "compare_consensus.ipynb",
                                           "transfer_latency_anchor_policy.ipynb",
                                           "session_economics.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    monkeypatch.setenv("OSTSIM_NOTEBOOK_SIZE", "tiny")
    monkeypatch.setenv("OSTSIM_NOTEBOOK_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # ipykernel's debugger notice
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        f"{path.name} is committed with outputs; clear them"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={
        "metadata": {"path": str(tmp_path)}}).execute()
    figures = sorted(p.name for p in (tmp_path / "out").glob("*.png"))
    assert figures, "the notebook saved no figure"
    assert all((tmp_path / "out" / f.replace(".png", ".svg")).is_file() for f in figures)
