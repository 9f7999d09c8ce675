// A sample table for the writer's tests: one column of every supported type.
#pragma once

#include <array>
#include <cstdint>

#include "trace/table.hpp"

namespace ostsim::trace::sample {

struct SampleRow {
    std::int64_t time;
    std::uint32_t id;
    std::int8_t flag;
    double value;
    std::uint64_t big;
    std::array<char, 8> label;
};

inline const TableSpec kSample{
    "samples", "rows of every column type",
    sizeof(SampleRow),
    {column("time", &SampleRow::time, "ns", "when"), column("id", &SampleRow::id, "", "which"),
     column("flag", &SampleRow::flag, "", "a small signed number"),
     column("value", &SampleRow::value, "s", "a real"),
     column("big", &SampleRow::big, "wei", "a large count"),
     column("label", &SampleRow::label, "", "fixed-length text")}};

inline SampleRow row(std::uint32_t i) {
    return {static_cast<std::int64_t>(i) * 1000, i, static_cast<std::int8_t>(i % 3 - 1), i * 0.5,
            (std::uint64_t{1} << 63) + i, text<8>("row" + std::to_string(i))};
}

}  // namespace ostsim::trace::sample
