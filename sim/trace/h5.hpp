// RAII for HDF5 identifiers, and the attribute helpers the writer uses. Internal to sim/trace.
// Every call here must be made under the writer's HDF5 mutex.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string_view>
#include <utility>

namespace ostsim::trace::h5 {

// Owns one hid_t and closes it with the matching H5?close.
class Id {
  public:
    using Closer = herr_t (*)(hid_t);
    Id() = default;
    Id(hid_t id, Closer close) : id_(id), close_(close) {}
    Id(Id&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
    Id& operator=(Id&& o) noexcept {
        std::swap(id_, o.id_);
        std::swap(close_, o.close_);
        return *this;
    }
    ~Id() {
        if (id_ >= 0 && close_) close_(id_);
    }
    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

  private:
    hid_t id_ = H5I_INVALID_HID;
    Closer close_ = nullptr;
};

// Scalar attributes on an object (group, dataset or file root); an existing one is replaced.
// Strings are variable-length UTF-8, so that h5py returns str; booleans are the int8 enum
// FALSE/TRUE that h5py and NumPy read as bool.
bool write_attr(hid_t obj, std::string_view name, std::string_view value);
bool write_attr(hid_t obj, std::string_view name, std::int64_t value);
bool write_attr(hid_t obj, std::string_view name, std::uint64_t value);
bool write_attr(hid_t obj, std::string_view name, double value);
bool write_attr_bool(hid_t obj, std::string_view name, bool value);

// The group at `path` ("summary/phold"), created with its parents if missing.
Id group(hid_t file, std::string_view path);

}  // namespace ostsim::trace::h5
