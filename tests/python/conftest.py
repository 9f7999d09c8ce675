import json
import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def vectors() -> Path:
    """The ethereum/tests folder named by OSTSIM_VECTORS_DIR (set by CTest)."""
    d = Path(os.environ.get("OSTSIM_VECTORS_DIR", ""))
    if not (d / "TrieTests").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"ethereum/tests vectors not found at '{d}' (OSTSIM_VECTORS_DIR)")
        pytest.skip(f"ethereum/tests vectors not found at '{d}'; set OSTSIM_VECTORS_DIR")
    return d


def load(path: Path):
    with open(path) as f:
        return json.load(f)
