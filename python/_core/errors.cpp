#include "errors.hpp"

namespace py = pybind11;

namespace ostsim::python {

namespace {
Errors* g_errors = nullptr;
}  // namespace

const Errors& errors() { return *g_errors; }

void bind_errors(py::module_& m) {
    py::module_ classes = py::module_::import("ostsim._errors");
    g_errors = new Errors;  // lives as long as the interpreter holds the module
    const auto take = [&](py::object& slot, const char* name) {
        slot = classes.attr(name);
        m.attr(name) = slot;
    };
    take(g_errors->base, "Error");
    take(g_errors->rlp, "RLPError");
    take(g_errors->proof, "ProofError");
    take(g_errors->scenario, "ScenarioError");
    take(g_errors->run, "RunError");
    take(g_errors->trace, "TraceError");
}

void raise(const py::object& type, const std::string& message) {
    PyErr_SetString(type.ptr(), message.c_str());
    throw py::error_already_set();
}

void raise_scenario(const std::vector<scenario::Diagnostic>& diags) {
    py::object make = py::module_::import("ostsim._errors").attr("Diagnostic");
    py::list diagnostics;
    for (const auto& d : diags)
        diagnostics.append(make(d.origin.source, d.origin.line, d.origin.column, d.path, d.message));
    std::string text = scenario::format(diags);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    py::object e = errors().scenario(text, diagnostics);
    PyErr_SetObject(errors().scenario.ptr(), e.ptr());
    throw py::error_already_set();
}

}  // namespace ostsim::python
