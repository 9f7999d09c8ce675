"""ostsim.sweep beyond one process pool: a real Dask distributed scheduler with worker processes
on localhost, and MPI ranks through `mpiexec -n 3 python3 -m mpi4py.futures` (Debian's OpenMPI),
each giving the very results of the default process pool for the same seeds."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ostsim
from sweeps import GRID, TINY, results

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def pool_results(tmp_path_factory):
    df = ostsim.sweep(TINY, GRID, repetitions=2, out_dir=tmp_path_factory.mktemp("pool"),
                      progress=False)
    assert len(df) == 4 and df["complete"].all()
    return results(df)


def test_dask_distributed_cluster(tmp_path, pool_results):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster, \
            Client(cluster) as client:
        df = ostsim.sweep(TINY, GRID, repetitions=2, executor=client.get_executor(),
                          out_dir=tmp_path, progress=False)
        # The runs happened in the workers' processes, not here.
        worker_pids = set(client.run(os.getpid).values())
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    assert list(df["status"]) == ["ran"] * 4
    assert results(df) == pool_results


def test_mpi4py_futures_under_mpiexec(tmp_path, pool_results):
    mpiexec = shutil.which("mpiexec")
    assert mpiexec, "mpiexec missing: scripts/install-deps.sh installs openmpi-bin"
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    result = tmp_path / "result.json"
    # --oversubscribe: three ranks may outnumber the machine's cores.
    p = subprocess.run([mpiexec, "--oversubscribe", "-n", "3", sys.executable, "-m",
                        "mpi4py.futures", str(HERE / "mpi_sweep.py"), str(tmp_path / "runs"),
                        str(result)], env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    got = json.loads(result.read_text())
    assert got["worker_ranks"] and 0 not in got["worker_ranks"]  # runs ran on the other ranks
    assert got["results"] == json.loads(json.dumps(pool_results))
