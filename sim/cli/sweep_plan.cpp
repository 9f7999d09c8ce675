#include "cli/sweep_plan.hpp"

#include "cli/execute.hpp"
#include "scenario/definitions.hpp"
#include "scenario/load.hpp"

namespace ostsim::cli {

SweepPlan plan_sweep(const std::string& file, const std::vector<std::string>& sets) {
    SweepPlan plan;
    const scenario::Node& schema = scenario::scenario_schema();
    // The base is not checked between keys: the sweep's values may be what makes it valid.
    scenario::Loaded base = scenario::load_file(schema, file, sets);
    if (!base.ok()) {
        plan.errors = std::move(base.errors);
        return plan;
    }
    plan.sweep = scenario::expand_sweep(base.tree, schema);
    if (!plan.sweep.ok()) {
        plan.errors = plan.sweep.errors;
        return plan;
    }
    for (const scenario::SweepRun& r : plan.sweep.runs) {
        std::vector<std::string> all = sets;
        for (std::string& o : plan.sweep.overrides(r)) all.push_back(std::move(o));
        scenario::Loaded s = load_checked(file, all);
        if (!s.ok()) {
            if (r.repetition == 0) {
                plan.sweep.attribute(s.errors, r);
                for (auto& d : s.errors) plan.errors.push_back(std::move(d));
            }
            continue;
        }
        std::string text = scenario::dump(s.tree, schema);
        plan.runs.push_back({r, scenario::Sweep::id(r), std::move(s.tree), std::move(text)});
    }
    return plan;
}

}  // namespace ostsim::cli
