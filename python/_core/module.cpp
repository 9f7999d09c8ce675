#include <pybind11/pybind11.h>

#include "errors.hpp"
#include "trace/writer.hpp"

namespace ostsim::python {
void bind_eth(pybind11::module_& m);
void bind_run(pybind11::module_& m);
void bind_sweep(pybind11::module_& m);
void bind_scenario(pybind11::module_& m);
void bind_analytic(pybind11::module_& m);
}

PYBIND11_MODULE(_core, m) {
    m.doc() = "ostsim's C++ core; use the public package `ostsim` instead.";
    // As the command does (cli/main.cpp): HDF5 1.10 crashes at exit closing a trace whose close
    // failed (a full disk). Effective when this module loads before HDF5 starts, which the
    // package ensures (ostsim/__init__.py imports it before h5py); files are closed by their
    // owners anyway (a trace by its Writer, an h5py.File by Python when it is collected).
    ostsim::trace::skip_hdf5_teardown_at_exit();
    ostsim::python::bind_errors(m);
    auto eth = m.def_submodule("eth", "Ethereum primitives: keccak256, RLP, tries, secp256k1.");
    ostsim::python::bind_eth(eth);
    ostsim::python::bind_run(m);
    ostsim::python::bind_sweep(m);
    ostsim::python::bind_scenario(m);
    ostsim::python::bind_analytic(m);
}
