#include "trace/describe.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <vector>

#include "trace/h5.hpp"

namespace ostsim::trace {
namespace {

std::string attr_value(hid_t attr) {
    h5::Id type(H5Aget_type(attr), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING && H5Tis_variable_str(type.get()) > 0) {
        char* s = nullptr;
        h5::Id mem(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(mem.get(), H5T_VARIABLE);
        H5Tset_cset(mem.get(), H5T_CSET_UTF8);
        if (H5Aread(attr, mem.get(), &s) < 0 || !s) return "?";
        std::string v(s);
        H5free_memory(s);
        const auto nl = v.find('\n');
        if (nl != std::string::npos && nl + 1 < v.size()) v = v.substr(0, nl) + " …";
        else if (nl != std::string::npos) v.pop_back();
        return "\"" + v + "\"";
    }
    if (cls == H5T_ENUM) {
        std::int8_t b = 0;
        H5Aread(attr, H5T_NATIVE_INT8, &b);
        return b ? "true" : "false";
    }
    if (cls == H5T_INTEGER) {
        if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
            std::uint64_t u = 0;
            H5Aread(attr, H5T_NATIVE_UINT64, &u);
            return std::to_string(u);
        }
        std::int64_t i = 0;
        H5Aread(attr, H5T_NATIVE_INT64, &i);
        return std::to_string(i);
    }
    if (cls == H5T_FLOAT) {
        double d = 0;
        H5Aread(attr, H5T_NATIVE_DOUBLE, &d);
        return fmt::format("{}", d);
    }
    return "(unsupported type)";
}

herr_t on_attr(hid_t obj, const char* name, const H5A_info_t*, void* out) {
    h5::Id a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
    static_cast<std::vector<std::string>*>(out)->push_back(fmt::format("{} = {}", name, attr_value(a.get())));
    return 0;
}

std::vector<std::string> attributes(hid_t obj) {
    std::vector<std::string> out;
    hsize_t idx = 0;
    H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, on_attr, &out);
    return out;
}

struct Walk {
    std::string tables, summary;
};

std::string columns(hid_t dset) {
    h5::Id type(H5Dget_type(dset), H5Tclose);
    std::string s;
    const int n = H5Tget_nmembers(type.get());
    for (int i = 0; i < n; ++i) {
        char* name = H5Tget_member_name(type.get(), static_cast<unsigned>(i));
        std::string unit_attr = std::string("unit.") + name;
        std::string unit;
        if (H5Aexists(dset, unit_attr.c_str()) > 0) {
            h5::Id a(H5Aopen(dset, unit_attr.c_str(), H5P_DEFAULT), H5Aclose);
            unit = attr_value(a.get());
        }
        s += fmt::format("{}{}{}", i ? ", " : "", name,
                         unit.size() > 2 ? " [" + unit.substr(1, unit.size() - 2) + "]" : "");
        H5free_memory(name);
    }
    return s;
}

herr_t on_object(hid_t root, const char* name, const H5O_info_t* info, void* out) {
    auto& w = *static_cast<Walk*>(out);
    if (info->type == H5O_TYPE_DATASET) {
        h5::Id d(H5Dopen2(root, name, H5P_DEFAULT), H5Dclose);
        h5::Id space(H5Dget_space(d.get()), H5Sclose);
        hsize_t rows = 0;
        H5Sget_simple_extent_dims(space.get(), &rows, nullptr);
        w.tables += fmt::format("  {}: {} rows; {}\n", name, rows, columns(d.get()));
    } else if (info->type == H5O_TYPE_GROUP && std::string_view(name).starts_with("summary/")) {
        h5::Id g(H5Gopen2(root, name, H5P_DEFAULT), H5Gclose);
        for (const std::string& a : attributes(g.get())) w.summary += fmt::format("  {}.{}\n", name + 8, a);
    }
    return 0;
}

}  // namespace

Description describe(const std::filesystem::path& file) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    if (H5Fis_hdf5(file.c_str()) <= 0) {
        return {{}, fmt::format("{}: not a readable HDF5 trace", file.string())};
    }
    h5::Id f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!f.valid()) return {{}, fmt::format("{}: cannot open", file.string())};
    std::string text = file.string() + "\nattributes:\n";
    for (const std::string& a : attributes(f.get())) text += "  " + a + "\n";
    Walk w;
    H5Ovisit2(f.get(), H5_INDEX_NAME, H5_ITER_INC, on_object, &w, H5O_INFO_BASIC);
    text += "tables:\n" + (w.tables.empty() ? "  (none)\n" : w.tables);
    text += "summary:\n" + (w.summary.empty() ? "  (none)\n" : w.summary);
    return {text, {}};
}

}  // namespace ostsim::trace
