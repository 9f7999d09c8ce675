// The exception hierarchy Python sees, rooted at ostsim.Error. The classes are defined in pure
// Python (ostsim/_errors.py, with their docstrings and properties); C++ raises those classes.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"

namespace ostsim::python {

struct Errors {
    pybind11::object base;      // ostsim.Error
    pybind11::object rlp;       // ostsim.RLPError: malformed RLP
    pybind11::object proof;     // ostsim.ProofError: a proof that proves nothing against its root
    pybind11::object scenario;  // ostsim.ScenarioError: a scenario that does not load or check
    pybind11::object run;       // ostsim.RunError: a simulation that failed while running
    pybind11::object trace;     // ostsim.TraceError: a trace that cannot be written or read
};
const Errors& errors();
// Imports the classes and names them in _core too (ostsim._core.Error is ostsim.Error).
void bind_errors(pybind11::module_& m);

// Raises `type` with `message` in Python.
[[noreturn]] void raise(const pybind11::object& type, const std::string& message);
// Raises ScenarioError with every diagnostic (file, line, column, key path, message).
[[noreturn]] void raise_scenario(const std::vector<scenario::Diagnostic>& diags);

}  // namespace ostsim::python
