// The closed forms the proof-of-work validations compare with (consensus/analytic.hpp), for the
// plots of docs/validation.md: the same functions the C++ statistical tests use, not a second copy.
#include <pybind11/pybind11.h>

#include "consensus/analytic.hpp"

namespace py = pybind11;

namespace ostsim::python {

void bind_analytic(py::module_& m) {
    namespace a = consensus::analytic;
    m.def("selfish_revenue", &a::selfish_revenue, py::arg("alpha"), py::arg("gamma"),
          "Eyal and Sirer's R(alpha, gamma): the selfish pool's share of main-chain blocks.");
    m.def("selfish_threshold", &a::selfish_threshold, py::arg("gamma"),
          "The pool share above which selfish mining pays: (1 - gamma) / (3 - 2 gamma).");
    m.def("selfish_revenue_sd", &a::selfish_revenue_sd, py::arg("alpha"), py::arg("gamma"),
          py::arg("main_blocks"),
          "Standard deviation of the revenue measured over main_blocks main-chain blocks.");
    m.def("nakamoto_success", &a::nakamoto_success, py::arg("q"), py::arg("z"),
          "Nakamoto 2008, section 11: a double spend's success, the attacker's progress Poisson.");
    m.def("rosenfeld_success", &a::rosenfeld_success, py::arg("q"), py::arg("z"),
          "Rosenfeld 2014: a double spend's success, the progress negative binomial, one block "
          "premined.");
    m.def("race_success", &a::race_success, py::arg("q"), py::arg("z"), py::arg("premine"),
          py::arg("give_up_behind"),
          "The race the double spender runs (with or without a premined block, giving up "
          "give_up_behind blocks behind; 0: never).");
}

}  // namespace ostsim::python
