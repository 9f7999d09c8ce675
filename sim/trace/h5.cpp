#include "trace/h5.hpp"

#include <string>

namespace ostsim::trace::h5 {
namespace {

bool write_scalar(hid_t obj, std::string_view name, hid_t type, const void* data) {
    const std::string n(name);
    if (H5Aexists(obj, n.c_str()) > 0) H5Adelete(obj, n.c_str());
    Id space(H5Screate(H5S_SCALAR), H5Sclose);
    Id attr(H5Acreate2(obj, n.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    return attr.valid() && H5Awrite(attr.get(), type, data) >= 0;
}

}  // namespace

bool write_attr(hid_t obj, std::string_view name, std::string_view value) {
    Id type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    const std::string s(value);
    const char* p = s.c_str();
    return write_scalar(obj, name, type.get(), &p);
}

bool write_attr(hid_t obj, std::string_view name, std::int64_t value) {
    return write_scalar(obj, name, H5T_NATIVE_INT64, &value);
}

bool write_attr(hid_t obj, std::string_view name, std::uint64_t value) {
    return write_scalar(obj, name, H5T_NATIVE_UINT64, &value);
}

bool write_attr(hid_t obj, std::string_view name, double value) {
    return write_scalar(obj, name, H5T_NATIVE_DOUBLE, &value);
}

bool write_attr_bool(hid_t obj, std::string_view name, bool value) {
    Id type(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose);
    std::int8_t f = 0, t = 1;
    H5Tenum_insert(type.get(), "FALSE", &f);
    H5Tenum_insert(type.get(), "TRUE", &t);
    const std::int8_t v = value ? 1 : 0;
    return write_scalar(obj, name, type.get(), &v);
}

Id group(hid_t file, std::string_view path) {
    Id lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    const std::string p(path);
    if (H5Lexists(file, p.c_str(), H5P_DEFAULT) > 0) return {H5Gopen2(file, p.c_str(), H5P_DEFAULT), H5Gclose};
    return {H5Gcreate2(file, p.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT), H5Gclose};
}

}  // namespace ostsim::trace::h5
