#include <pybind11/pybind11.h>

#include "errors.hpp"

namespace ostsim::python {
void bind_eth(pybind11::module_& m);
void bind_run(pybind11::module_& m);
void bind_sweep(pybind11::module_& m);
void bind_scenario(pybind11::module_& m);
}

PYBIND11_MODULE(_core, m) {
    m.doc() = "ostsim's C++ core; use the public package `ostsim` instead.";
    ostsim::python::bind_errors(m);
    auto eth = m.def_submodule("eth", "Ethereum primitives: keccak256, RLP, tries, secp256k1.");
    ostsim::python::bind_eth(eth);
    ostsim::python::bind_run(m);
    ostsim::python::bind_sweep(m);
    ostsim::python::bind_scenario(m);
}
