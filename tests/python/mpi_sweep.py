"""Run by test_sweep_executors.py as
  mpiexec -n 3 /usr/bin/python3 -m mpi4py.futures mpi_sweep.py OUT_DIR RESULT_JSON
Rank 0 runs this script; ranks 1 and 2 are MPIPoolExecutor's workers and run the sweep's runs."""
import json
import sys

from mpi4py.futures import MPIPoolExecutor

import ostsim
from sweeps import GRID, TINY, mpi_rank, results

if __name__ == "__main__":
    out_dir, result_file = sys.argv[1], sys.argv[2]
    with MPIPoolExecutor() as pool:
        df = ostsim.sweep(TINY, GRID, repetitions=2, executor=pool, out_dir=out_dir,
                          progress=False)
        ranks = sorted(set(pool.map(mpi_rank, range(8))))
    with open(result_file, "w") as f:
        json.dump({"results": results(df), "worker_ranks": ranks}, f)
