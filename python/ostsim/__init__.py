"""ostsim: a parallel discrete-event simulator of multi-core OST networks.

The C++ core is the private extension ``ostsim._core``; this package is the public face.
"""
import pkgutil

# A build tree keeps _core in build/<preset>/python/ostsim/; extend_path makes that folder part
# of this package when it is on sys.path, so tests import the build without installing it.
__path__ = pkgutil.extend_path(__path__, __name__)

from ._core import Error, ProofError, RLPError, ScenarioError  # noqa: E402
from . import eth  # noqa: E402
from ._run import Diagnostic, Result, run  # noqa: E402
from ._trace import Trace, load  # noqa: E402

__all__ = ["Error", "ProofError", "RLPError", "ScenarioError", "Diagnostic", "Result", "Trace",
           "eth", "load", "run"]
