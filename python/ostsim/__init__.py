"""ostsim: a parallel discrete-event simulator of multi-core OST networks.

The C++ core is the private extension ``ostsim._core``; this package is the public face:

- :func:`run` one scenario (a path, YAML text or a dict) and get its :class:`Result`;
- :func:`load` a trace as pandas DataFrames (:class:`Trace`, with ``to_dask`` for big tables);
- :func:`sweep` a grid of parameters on any ``concurrent.futures`` executor (process pool,
  Dask, MPI) into one DataFrame;
- :mod:`ostsim.eth`: keccak256, RLP, tries and proofs; :mod:`ostsim.analysis`: figures.

Errors are one hierarchy under :class:`Error`; Ctrl-C during a run raises :class:`Interrupted`.
"""
import pkgutil

# A build tree keeps _core in build/<preset>/python/ostsim/; extend_path makes that folder part
# of this package when it is on sys.path, so tests import the build without installing it.
__path__ = pkgutil.extend_path(__path__, __name__)

from ._errors import (Diagnostic, Error, Interrupted, ProofError, RLPError, RunError,  # noqa: E402
                      ScenarioError, TraceError)
# Before anything imports h5py: loading _core tells HDF5 not to tear down at exit, which HDF5
# 1.10 cannot do after a trace's close failed on a full disk (_core/module.cpp).
from . import _core  # noqa: E402,F401
from . import eth  # noqa: E402
from ._run import Result, run  # noqa: E402
from ._sweep import sweep  # noqa: E402
from ._trace import Trace, load  # noqa: E402

__all__ = ["Error", "ScenarioError", "RunError", "TraceError", "RLPError", "ProofError",
           "Interrupted", "Diagnostic", "Result", "Trace", "eth", "load", "run", "sweep"]
