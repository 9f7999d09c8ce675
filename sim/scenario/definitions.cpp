#include "scenario/definitions.hpp"

namespace ostsim::scenario {
namespace {

Node trace_section() {
    return map({
        {"path", string().def("").doc("Trace file (HDF5). Empty: none unless `ostsim run -o` "
                                      "names one; `-o` wins over this key.")},
        {"level", choice({"none", "summary", "standard", "full"})
                      .def("standard")
                      .doc("Which tables are written: `none` (no file), `summary` (root "
                           "attributes and the summary group), `standard` (plus per-entity "
                           "tables), `full` (plus per-event tables).")},
        {"checkpoint_every", probability().def("10%").doc(
                                 "A run of cores writes the rows settled so far to the trace, "
                                 "and flushes it, every this share of its simulated time, so "
                                 "that a killed run keeps them (docs/trace-schema.md). Rounded "
                                 "to whole 1 % slices of the run, at least one; `0`: only at "
                                 "the end. Each checkpoint costs a pass over the run's blocks "
                                 "and transactions.")},
        {"series_every", probability().def("1%").doc(
                             "A run of cores samples its figures into the `series/*` tables "
                             "every this share of its simulated time (1 %: 100 samples), at "
                             "`standard` level and above; `0`: no series tables. A share below "
                             "1 % adds engine windows at the sample times.")},
    }).doc("What the run records.");
}

Node engine_section() {
    return map({
        {"lookahead", duration().opt().above(0).doc(
                          "Least delay of an event between partitions; windows are at most half of it wide. "
                          "Absent: the model's own lower bound (PHOLD: `phold.lookahead`).")},
        {"partitions", integer().def("0").at_least(0).doc(
                           "Groups of logical processes run in parallel; 0 means one per thread. "
                           "Results do not depend on it.")},
    }).doc("The parallel event engine (docs/engine.md).");
}

Node phold_section() {
    return map({
        {"nlp", integer().def("4096").at_least(1).doc("Logical processes (ROSS's N).")},
        {"events", integer().def("16").at_least(0).doc("Initial events per LP (ROSS's E).")},
        {"remote", probability().def("0.25").doc(
                       "Probability that an event goes to a uniformly chosen LP, not itself.")},
        {"mean", duration().def("1s").above(0).doc(
                     "Mean timestamp increment: lookahead + Exp(mean - lookahead).")},
        {"lookahead", duration().def("100ms").above(0).doc(
                          "Least timestamp increment (ROSS's L); at most `mean`.")},
        {"end", duration().opt().above(0).doc(
                    "Events after this time are not handled. Absent: the scenario's `duration`.")},
    }).opt().doc("The PHOLD benchmark model (ROSS's phold), the engine's workload until the "
                 "OST models exist. Absent: no PHOLD.");
}

Node sweep_section() {
    Node variable = map({
        {"path", string().req().doc("The key the variable sets, as for `--set` (`phold.nlp`).")},
        {"values", list(string()).doc("The values, as scenario text with units (`[1s, 3s]`).")},
        {"from", real().opt().doc("Range start (with `to` and `step`, instead of `values`).")},
        {"to", real().opt().doc("Range end, included when reached exactly.")},
        {"step", real().opt().above(0).doc("Range step.")},
        {"unit", string().def("").doc("Unit appended to each range value (`s`, ` Mbit/s`).")},
    }).doc("One named variable: a list of values or a range.");
    return map({
        {"variables", dict(std::move(variable)).doc(
                          "Named variables; configurations are their cartesian product.")},
        {"lockstep", list(list(string())).doc(
                         "Groups of variables that advance together instead of multiplying "
                         "(equal lengths), e.g. `[[nlp, events]]`.")},
        {"constraint", string().def("").doc(
                           "Keeps the configurations where it holds: comparisons (`<`, `<=`, "
                           "`==`, `!=`, `>=`, `>`) of variables and numbers with units, "
                           "arithmetic (`+ - * /`), `and`, `or`, `not`, parentheses, e.g. "
                           "`mean >= 2 * lookahead and nlp <= 1024` (docs/cli.md). Empty: all.")},
        {"repetitions", integer().def("1").at_least(1).doc(
                            "Runs per configuration; repetition r uses the same seed in every "
                            "configuration (common random numbers).")},
    }).opt().doc("A parameter sweep (`ostsim sweep`): absent for a single run.");
}

Node build() {
    return map({
        {"name", string().def("scenario").doc("Name recorded in the trace and summaries.")},
        {"description", string().def("").doc("Free text recorded in the trace.")},
        {"seed", integer().def("1").at_least(0).doc(
                     "Base random seed; every entity's stream derives from it and the entity.")},
        {"duration", duration().def("100s").above(0).doc("Simulated time to run.")},
        {"threads", integer().def("1").at_least(1).doc(
                        "Worker threads; results do not depend on it. `--threads` wins.")},
        {"trace", trace_section()},
        {"engine", engine_section()},
        {"networks", dict(network_schema()).doc("Networks, by name.")},
        {"cores", dict(core_schema()).doc("Cores (blockchains), by name.")},
        {"overlay", overlay_schema()},
        {"economies", dict(economy_schema()).doc("Session-spending economies, by name.")},
        {"phold", phold_section()},
        {"sweep", sweep_section()},
    }).doc("An ostsim scenario: one experiment.");
}

}  // namespace

const Node& scenario_schema() {
    static const Node schema = build();
    return schema;
}

}  // namespace ostsim::scenario
