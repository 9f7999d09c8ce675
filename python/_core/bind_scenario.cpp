// Scenario text from Python: quantities with units read by the scenario's own parsers
// (scenario/quantity.hpp), so that a sweep's values ("250ms", "1e6 gas") become numbers for plots
// exactly as the simulator reads them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>

#include "scenario/quantity.hpp"

namespace py = pybind11;

namespace ostsim::python {

namespace {

// (kind, value in the kind's base unit) for the first kind whose parser accepts `text`: duration
// (ns), size (bytes), bandwidth (bit/s), gas, amount (10^-18 OST), probability ("25%"); None if
// none does. Plain numbers are left to Python (they are not quantities).
std::optional<std::pair<std::string, double>> parse_quantity(const std::string& text) {
    if (scenario::parse_real(text)) return std::nullopt;  // "64" has no unit (gas would take it)
    if (auto d = scenario::parse_duration(text)) return {{"duration", static_cast<double>(*d.value)}};
    if (auto s = scenario::parse_size(text)) return {{"size", static_cast<double>(*s.value)}};
    if (auto b = scenario::parse_bandwidth(text)) return {{"bandwidth", static_cast<double>(*b.value)}};
    if (auto g = scenario::parse_gas(text)) return {{"gas", static_cast<double>(*g.value)}};
    if (auto a = scenario::parse_amount(text)) return {{"amount", static_cast<double>(*a.value)}};
    if (text.ends_with('%')) {
        if (auto p = scenario::parse_probability(text)) return {{"probability", *p.value}};
    }
    return std::nullopt;
}

}  // namespace

void bind_scenario(py::module_& m) {
    m.def("parse_quantity", &parse_quantity, py::arg("text"),
          "(kind, value in base units) of scenario text with a unit, or None.");
}

}  // namespace ostsim::python
