"""The documented install, `cmake --install BUILD --component python --prefix PREFIX`, into a
temporary prefix: /usr/bin/python3 then imports ostsim from there alone (no source tree, no
build tree on its path) and runs a scenario; the stubs and py.typed are installed with it."""
import os
import subprocess
import sys
from pathlib import Path

BUILD = os.environ.get("OSTSIM_BUILD_DIR", "")


def test_cmake_install_component_python(tmp_path):
    assert BUILD, "OSTSIM_BUILD_DIR not set (CTest sets it)"
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", BUILD, "--component", "python", "--prefix", str(prefix)],
                   check=True, capture_output=True)
    v = sys.version_info
    package = prefix / "lib" / f"python{v.major}.{v.minor}" / "dist-packages" / "ostsim"
    names = {p.name for p in package.iterdir()}
    assert {"__init__.py", "_core.pyi", "py.typed", "analysis"} <= names
    assert {"__init__.py", "chain.py", "sweeps.py", "overlay.py", "sessions.py",
            "series.py"} <= {p.name for p in (package / "analysis").iterdir()}
    assert any(n.startswith("_core.") and n.endswith(".so") for n in names)
    assert not any(n.startswith("_core.") and n.endswith(".so")
                   for n in os.listdir(Path(__file__).parents[2] / "python" / "ostsim"))

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(package.parent)
    code = ("import ostsim, json; "
            "r = ostsim.run({'name': 'i', 'duration': '5s', 'phold': {'nlp': 8}}); "
            "from ostsim.analysis import response; "
            "print(json.dumps([ostsim.__file__, ostsim._core.__file__, r.complete]))")
    p = subprocess.run(["/usr/bin/python3", "-c", code], env=env, cwd=tmp_path,
                       capture_output=True, text=True, check=True)
    import json

    init, core, complete = json.loads(p.stdout)
    assert init.startswith(str(package)) and core.startswith(str(package)) and complete
