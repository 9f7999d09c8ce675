// The exception hierarchy Python sees, rooted at ostsim.Error (see ostsim/__init__.py).
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace ostsim::python {

struct Errors {
    pybind11::object base;   // ostsim.Error
    pybind11::object rlp;    // ostsim.RLPError: malformed RLP
    pybind11::object proof;  // ostsim.ProofError: a proof that proves nothing against its root
    pybind11::object scenario;  // ostsim.ScenarioError: a scenario that does not load or check
};
const Errors& errors();
void bind_errors(pybind11::module_& m);

// Raises `type` with `message` in Python.
[[noreturn]] void raise(const pybind11::object& type, const std::string& message);

}  // namespace ostsim::python
