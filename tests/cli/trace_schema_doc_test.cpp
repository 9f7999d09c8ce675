// docs/trace-schema.md documents every column of every table the code writes, in order.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/event_rows.hpp"
#include "cli/overlay_tables.hpp"
#include "cli/workload_tables.hpp"
#include "cli/phold_run.hpp"
#include "cli/series_rows.hpp"
#include "cli/nodes_table.hpp"
#include "cli/world_run.hpp"

namespace {

const char* type_name(ostsim::trace::ColumnType t) {
    using ostsim::trace::ColumnType;
    switch (t) {
        case ColumnType::i8: return "int8";
        case ColumnType::u8: return "uint8";
        case ColumnType::i32: return "int32";
        case ColumnType::u32: return "uint32";
        case ColumnType::i64: return "int64";
        case ColumnType::u64: return "uint64";
        case ColumnType::f64: return "float64";
        case ColumnType::text: return "text";
    }
    return "?";
}

// The table rows under "### <name>" in the document.
std::vector<std::string> documented(const std::string& doc, const std::string& table) {
    std::istringstream in(doc);
    std::vector<std::string> rows;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("### ", 0) == 0) inside = line == "### " + table;
        else if (inside && line.rfind("| `", 0) == 0) rows.push_back(line);
    }
    return rows;
}

}  // namespace

class trace_schema_doc : public ::testing::TestWithParam<const ostsim::trace::TableSpec*> {};

TEST_P(trace_schema_doc, columns_match_the_code) {
    std::ifstream f(OSTSIM_DOCS "/trace-schema.md");
    std::stringstream ss;
    ss << f.rdbuf();
    const auto& spec = *GetParam();
    const auto rows = documented(ss.str(), spec.name);
    std::string expected;
    for (const auto& c : spec.columns) {
        const std::string unit = c.unit.empty() ? "" : " " + c.unit;
        expected += "| `" + c.name + "` | " + type_name(c.type) + " |" + unit + " | " + c.doc + " |\n";
    }
    std::string actual;
    for (const auto& r : rows) actual += r + "\n";
    EXPECT_EQ(actual, expected) << "docs/trace-schema.md, ### " << spec.name;
}

INSTANTIATE_TEST_SUITE_P(tables, trace_schema_doc,
                         ::testing::Values(&ostsim::cli::phold_lps_spec(),
                                           &ostsim::cli::cores_spec(),
                                           &ostsim::cli::blocks_spec(),
                                           &ostsim::cli::txs_spec(),
                                           &ostsim::cli::nodes_spec(),
                                           &ostsim::cli::arrivals_spec(),
                                           &ostsim::cli::inclusions_spec(),
                                           &ostsim::cli::transfers_spec(),
                                           &ostsim::cli::messages_spec(),
                                           &ostsim::cli::anchors_spec(),
                                           &ostsim::cli::spends_spec(),
                                           &ostsim::cli::sessions_spec(),
                                           &ostsim::cli::recoveries_spec(),
                                           &ostsim::cli::owner_resets_spec(),
                                           &ostsim::cli::core_series_spec(),
                                           &ostsim::cli::economy_series_spec(),
                                           &ostsim::cli::overlay_series_spec(),
                                           &ostsim::cli::engine_series_spec()),
                         [](const auto& p) {  // a test name is alphanumeric: series/cores -> series_cores
                             std::string name = p.param->name;
                             std::replace(name.begin(), name.end(), '/', '_');
                             return name;
                         });
