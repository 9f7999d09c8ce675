// A trace table described from a C++ row struct: one column per member, each with an HDF5
// type, a unit and a doc string. The description drives the HDF5 compound type, the per-column
// unit attributes and the check of docs/trace-schema.md.
//
//   struct LpRow { std::uint32_t lp; std::uint64_t events; std::int64_t last; };
//   const TableSpec kLps{"lps", "one row per LP", sizeof(LpRow), {
//       column("lp", &LpRow::lp, "", "LP id"), column("last", &LpRow::last, "ns", "...")}};
//
// Limits: members must be integers, doubles or std::array<char, N> (fixed-length UTF-8 text,
// NUL-padded, which h5py returns as bytes); rows must be trivially copyable.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace ostsim::trace {

enum class ColumnType { i8, u8, i32, u32, i64, u64, f64, text };

struct Column {
    std::string name;
    std::size_t offset;
    ColumnType type;
    std::size_t size;  // bytes; the text length for text columns
    std::string unit;  // "ns", "bytes", "" when dimensionless
    std::string doc;
};

struct TableSpec {
    std::string name;  // dataset path under the root, e.g. "lps" or "series/load"
    std::string doc;
    std::size_t row_size;
    std::vector<Column> columns;
};

template <typename T>
constexpr ColumnType column_type() {
    if constexpr (std::is_same_v<T, std::int8_t>) return ColumnType::i8;
    else if constexpr (std::is_same_v<T, std::uint8_t>) return ColumnType::u8;
    else if constexpr (std::is_same_v<T, std::int32_t>) return ColumnType::i32;
    else if constexpr (std::is_same_v<T, std::uint32_t>) return ColumnType::u32;
    else if constexpr (std::is_same_v<T, std::int64_t>) return ColumnType::i64;
    else if constexpr (std::is_same_v<T, std::uint64_t>) return ColumnType::u64;
    else if constexpr (std::is_same_v<T, double>) return ColumnType::f64;
    else return ColumnType::text;
}

template <typename Row, typename M>
Column column(std::string name, M Row::*member, std::string unit, std::string doc) {
    static_assert(std::is_trivially_copyable_v<Row> && std::is_default_constructible_v<Row>);
    static_assert(column_type<M>() != ColumnType::text ||
                  std::is_same_v<M, std::array<char, sizeof(M)>>, "unsupported column type");
    const Row probe{};
    const auto offset = static_cast<std::size_t>(reinterpret_cast<const char*>(&(probe.*member)) -
                                                 reinterpret_cast<const char*>(&probe));
    return {std::move(name), offset, column_type<M>(), sizeof(M), std::move(unit), std::move(doc)};
}

// Copies `s` into a text column, truncated to N - 1 bytes.
template <std::size_t N>
std::array<char, N> text(std::string_view s) {
    std::array<char, N> a{};
    for (std::size_t i = 0; i < s.size() && i + 1 < N; ++i) a[i] = s[i];
    return a;
}

}  // namespace ostsim::trace
