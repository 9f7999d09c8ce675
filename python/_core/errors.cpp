#include "errors.hpp"

namespace py = pybind11;

namespace ostsim::python {

namespace {
Errors* g_errors = nullptr;

py::object new_exception(py::module_& m, const char* name, PyObject* base, const char* doc) {
    std::string qualified = std::string("ostsim.") + name;
    py::object type = py::reinterpret_steal<py::object>(
        PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr));
    m.attr(name) = type;
    return type;
}
}  // namespace

const Errors& errors() { return *g_errors; }

void bind_errors(py::module_& m) {
    g_errors = new Errors;  // lives as long as the interpreter holds the module
    g_errors->base = new_exception(m, "Error", PyExc_Exception, "Base of every ostsim error.");
    g_errors->rlp = new_exception(m, "RLPError", g_errors->base.ptr(), "Malformed RLP input.");
    g_errors->proof = new_exception(m, "ProofError", g_errors->base.ptr(),
                                    "A Merkle-Patricia proof that proves nothing against its root.");
    g_errors->scenario = new_exception(
        m, "ScenarioError", g_errors->base.ptr(),
        "A scenario that does not load or check. `diagnostics` lists every error found, each with "
        "file, line, column (1-based; 0 where the source has no positions), path (the key, "
        "dotted) and message.");
}

void raise(const py::object& type, const std::string& message) {
    PyErr_SetString(type.ptr(), message.c_str());
    throw py::error_already_set();
}

}  // namespace ostsim::python
