// docs/trace-schema.md documents every column of every table the code writes, in order.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/phold_run.hpp"

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

TEST(trace_schema_doc, phold_lps_columns_match_the_code) {
    std::ifstream f(OSTSIM_DOCS "/trace-schema.md");
    std::stringstream ss;
    ss << f.rdbuf();
    const auto& spec = ostsim::cli::phold_lps_spec();
    const auto rows = documented(ss.str(), spec.name);
    ASSERT_EQ(rows.size(), spec.columns.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& c = spec.columns[i];
        const std::string unit = c.unit.empty() ? "" : " " + c.unit;
        EXPECT_EQ(rows[i], "| `" + c.name + "` | " + type_name(c.type) + " |" + unit + " | " + c.doc + " |");
    }
}
