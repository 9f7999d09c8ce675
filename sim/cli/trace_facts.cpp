#include "cli/trace_facts.hpp"

#include <hdf5.h>

#include <optional>

#include "trace/h5.hpp"

namespace ostsim::cli {
namespace {

using trace::h5::Id;

// A scalar attribute as a figure value; nullopt for types the writer does not produce.
std::optional<decltype(Figure::value)> attr_value(hid_t attr) {
    Id type(H5Aget_type(attr), H5Tclose);
    switch (H5Tget_class(type.get())) {
        case H5T_STRING: {
            if (H5Tis_variable_str(type.get()) <= 0) return std::nullopt;
            Id mem(H5Tcopy(H5T_C_S1), H5Tclose);
            H5Tset_size(mem.get(), H5T_VARIABLE);
            H5Tset_cset(mem.get(), H5T_CSET_UTF8);
            char* s = nullptr;
            if (H5Aread(attr, mem.get(), &s) < 0 || !s) return std::nullopt;
            std::string v(s);
            H5free_memory(s);
            return v;
        }
        case H5T_ENUM: {  // the writer's booleans: int8 FALSE/TRUE
            std::int8_t b = 0;
            if (H5Aread(attr, H5T_NATIVE_INT8, &b) < 0) return std::nullopt;
            return std::int64_t{b};
        }
        case H5T_INTEGER: {
            if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
                std::uint64_t u = 0;
                if (H5Aread(attr, H5T_NATIVE_UINT64, &u) < 0) return std::nullopt;
                return u;
            }
            std::int64_t i = 0;
            if (H5Aread(attr, H5T_NATIVE_INT64, &i) < 0) return std::nullopt;
            return i;
        }
        case H5T_FLOAT: {
            double d = 0;
            if (H5Aread(attr, H5T_NATIVE_DOUBLE, &d) < 0) return std::nullopt;
            return d;
        }
        default: return std::nullopt;
    }
}

std::optional<decltype(Figure::value)> root_attr(hid_t file, const char* name) {
    if (H5Aexists(file, name) <= 0) return std::nullopt;
    Id a(H5Aopen(file, name, H5P_DEFAULT), H5Aclose);
    return a.valid() ? attr_value(a.get()) : std::nullopt;
}

struct Visit {
    std::vector<Figure>* out;
    std::string group;
};

herr_t on_attr(hid_t obj, const char* name, const H5A_info_t*, void* data) {
    auto& v = *static_cast<Visit*>(data);
    Id a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
    if (auto value = attr_value(a.get())) v.out->push_back({v.group, name, std::move(*value)});
    return 0;
}

herr_t on_group(hid_t summary, const char* name, const H5O_info_t* info, void* data) {
    if (info->type != H5O_TYPE_GROUP || std::string_view(name) == ".") return 0;
    Id g(H5Gopen2(summary, name, H5P_DEFAULT), H5Gclose);
    Visit v{static_cast<std::vector<Figure>*>(data), name};
    hsize_t idx = 0;
    H5Aiterate2(g.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, on_attr, &v);
    return 0;
}

}  // namespace

TraceFacts read_trace_facts(const std::filesystem::path& file) {
    TraceFacts f;
    std::error_code ec;
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // a missing or broken file is an answer here
    if (!std::filesystem::is_regular_file(file, ec) || H5Fis_hdf5(file.c_str()) <= 0) return f;
    Id h(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!h.valid()) return f;
    f.readable = true;
    if (auto c = root_attr(h.get(), "complete")) {
        if (const auto* i = std::get_if<std::int64_t>(&*c)) f.complete = *i != 0;
    }
    if (auto s = root_attr(h.get(), "scenario")) {
        if (const auto* t = std::get_if<std::string>(&*s)) f.scenario = *t;
    }
    if (H5Lexists(h.get(), "summary", H5P_DEFAULT) > 0) {
        Id summary(H5Gopen2(h.get(), "summary", H5P_DEFAULT), H5Gclose);
        H5Ovisit2(summary.get(), H5_INDEX_NAME, H5_ITER_INC, on_group, &f.summary, H5O_INFO_BASIC);
    }
    return f;
}

}  // namespace ostsim::cli
