#include "trace/writer.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "trace/h5.hpp"

#ifndef OSTSIM_VERSION
#define OSTSIM_VERSION "unknown"
#endif
#ifndef OSTSIM_GIT_REVISION
#define OSTSIM_GIT_REVISION "unknown"
#endif

namespace ostsim::trace {

struct TableState {
    h5::Id dataset;
    h5::Id memtype;
    std::size_t row_size = 0;
    // Byte ranges [first, second) of a row that no column covers: the struct's padding, which
    // would otherwise carry whatever the stack held into the file. Zeroed on append.
    std::vector<std::pair<std::size_t, std::size_t>> padding;
    hsize_t rows = 0;  // written to the dataset (writer thread only)
    std::vector<std::byte> buffer;  // producer side
};

namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

hid_t native(ColumnType t) {
    switch (t) {
        case ColumnType::i8: return H5T_NATIVE_INT8;
        case ColumnType::u8: return H5T_NATIVE_UINT8;
        case ColumnType::i32: return H5T_NATIVE_INT32;
        case ColumnType::u32: return H5T_NATIVE_UINT32;
        case ColumnType::i64: return H5T_NATIVE_INT64;
        case ColumnType::u64: return H5T_NATIVE_UINT64;
        case ColumnType::f64: return H5T_NATIVE_DOUBLE;
        case ColumnType::text: break;
    }
    return H5T_NATIVE_UINT8;
}

std::vector<std::pair<std::size_t, std::size_t>> padding_of(const TableSpec& spec,
                                                            std::size_t row_size) {
    std::vector<bool> used(row_size, false);
    for (const Column& c : spec.columns)
        for (std::size_t i = c.offset; i < c.offset + c.size && i < row_size; ++i) used[i] = true;
    std::vector<std::pair<std::size_t, std::size_t>> gaps;
    for (std::size_t i = 0; i < row_size; ++i) {
        if (used[i]) continue;
        if (!gaps.empty() && gaps.back().second == i) ++gaps.back().second;
        else gaps.emplace_back(i, i + 1);
    }
    return gaps;
}

h5::Id compound(const TableSpec& spec, std::size_t row_size) {
    h5::Id type(H5Tcreate(H5T_COMPOUND, row_size), H5Tclose);
    for (const Column& c : spec.columns) {
        if (c.type == ColumnType::text) {
            h5::Id s(H5Tcopy(H5T_C_S1), H5Tclose);
            H5Tset_size(s.get(), c.size);
            H5Tset_strpad(s.get(), H5T_STR_NULLPAD);
            H5Tset_cset(s.get(), H5T_CSET_UTF8);
            H5Tinsert(type.get(), c.name.c_str(), c.offset, s.get());
        } else {
            H5Tinsert(type.get(), c.name.c_str(), c.offset, native(c.type));
        }
    }
    return type;
}

}  // namespace

void skip_hdf5_teardown_at_exit() { H5dont_atexit(); }

std::string_view ostsim_version() { return OSTSIM_VERSION; }
std::string_view git_revision() { return OSTSIM_GIT_REVISION; }

Writer::Opened Writer::open(const std::filesystem::path& path, Options options) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !options.force) {
        return {nullptr, fmt::format("{} exists; use --force to overwrite it", path.string())};
    }
    // fopen first: its errno says plainly why a path cannot be written.
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fclose(f);
    } else {
        return {nullptr, fmt::format("cannot write {}: {}", path.string(), std::strerror(errno))};
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported as values, not printed
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0) return {nullptr, fmt::format("cannot create HDF5 file {}", path.string())};
    return {std::unique_ptr<Writer>(new Writer(path, options, file)), {}};
}

Writer::Writer(std::filesystem::path path, Options options, long long file)
    : path_(std::move(path)), options_(options), file_(file), opened_at_(now_seconds()) {
    const auto f = static_cast<hid_t>(file_);
    h5::write_attr_bool(f, "complete", false);
    h5::write_attr(f, "trace_schema_version", kTraceSchemaVersion);
    h5::write_attr(f, "ostsim_version", ostsim_version());
    h5::write_attr(f, "git_revision", git_revision());
    h5::write_attr(f, "created_unix_seconds", opened_at_);
    H5Fflush(f, H5F_SCOPE_GLOBAL);
    thread_ = std::thread([this] { drain(); });
}

Writer::~Writer() { close(false, -1); }

void Writer::flush() {
    std::lock_guard lock(h5_);
    H5Fflush(static_cast<hid_t>(file_), H5F_SCOPE_GLOBAL);
}

void Writer::attribute(std::string_view name, std::string_view value) {
    std::lock_guard lock(h5_);
    h5::write_attr(static_cast<hid_t>(file_), name, value);
}
void Writer::attribute(std::string_view name, std::int64_t value) {
    std::lock_guard lock(h5_);
    h5::write_attr(static_cast<hid_t>(file_), name, value);
}
void Writer::attribute(std::string_view name, std::uint64_t value) {
    std::lock_guard lock(h5_);
    h5::write_attr(static_cast<hid_t>(file_), name, value);
}
void Writer::attribute(std::string_view name, double value) {
    std::lock_guard lock(h5_);
    h5::write_attr(static_cast<hid_t>(file_), name, value);
}
void Writer::attribute_bool(std::string_view name, bool value) {
    std::lock_guard lock(h5_);
    h5::write_attr_bool(static_cast<hid_t>(file_), name, value);
}

#define OSTSIM_SUMMARY(T)                                                                  \
    void Writer::summary(std::string_view group, std::string_view name, T value) {         \
        std::lock_guard lock(h5_);                                                         \
        h5::Id g = h5::group(static_cast<hid_t>(file_), "summary/" + std::string(group)); \
        h5::write_attr(g.get(), name, value);                                              \
    }
OSTSIM_SUMMARY(std::int64_t)
OSTSIM_SUMMARY(std::uint64_t)
OSTSIM_SUMMARY(double)
OSTSIM_SUMMARY(std::string_view)
#undef OSTSIM_SUMMARY

TableState* Writer::create(const TableSpec& spec, std::size_t row_size) {
    auto t = std::make_unique<TableState>();
    t->row_size = row_size;
    t->padding = padding_of(spec, row_size);
    t->buffer.reserve(row_size * options_.batch_rows);
    std::lock_guard lock(h5_);
    t->memtype = compound(spec, row_size);
    const hsize_t zero = 0, unlimited = H5S_UNLIMITED;
    const hsize_t chunk = std::max<hsize_t>(1, options_.batch_rows);
    h5::Id space(H5Screate_simple(1, &zero, &unlimited), H5Sclose);
    h5::Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    H5Pset_chunk(dcpl.get(), 1, &chunk);
    H5Pset_shuffle(dcpl.get());
    H5Pset_deflate(dcpl.get(), 4);
    h5::Id lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    t->dataset = h5::Id(H5Dcreate2(static_cast<hid_t>(file_), spec.name.c_str(), t->memtype.get(),
                                   space.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT),
                        H5Dclose);
    if (!t->dataset.valid()) {
        error_ = error_.empty() ? "cannot create table " + spec.name : error_;
    } else {
        h5::write_attr(t->dataset.get(), "doc", spec.doc);
        for (const Column& c : spec.columns) {
            h5::write_attr(t->dataset.get(), "unit." + c.name, c.unit);
            h5::write_attr(t->dataset.get(), "doc." + c.name, c.doc);
        }
    }
    tables_.push_back(std::move(t));
    return tables_.back().get();
}

void Writer::append(TableState* t, const void* row) {
    const auto* p = static_cast<const std::byte*>(row);
    t->buffer.insert(t->buffer.end(), p, p + t->row_size);
    std::byte* copy = t->buffer.data() + t->buffer.size() - t->row_size;
    for (const auto& [from, to] : t->padding) std::fill(copy + from, copy + to, std::byte{0});
    if (t->buffer.size() >= t->row_size * options_.batch_rows) submit(t);
}

void Writer::checkpoint(std::int64_t sim_time_ns) {
    for (auto& t : tables_) submit(t.get());
    enqueue({nullptr, {}, sim_time_ns});
}

std::string Writer::error() {
    std::lock_guard lock(h5_);
    return error_;
}

void Writer::submit(TableState* t) {
    if (t->buffer.empty()) return;
    Batch b{t, std::move(t->buffer)};
    t->buffer = {};
    t->buffer.reserve(t->row_size * options_.batch_rows);
    enqueue(std::move(b));
}

void Writer::enqueue(Batch b) {
    std::unique_lock lock(queue_mutex_);
    queue_changed_.wait(lock, [&] { return queue_.size() < options_.queue_batches; });
    queue_.push_back(std::move(b));
    queue_changed_.notify_all();
}

void Writer::drain() {
    {
        // HDF5 prints its error stacks per thread unless told not to in each: errors here are
        // values (error_), reported once by close().
        std::lock_guard lock(h5_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    for (;;) {
        Batch b;
        {
            std::unique_lock lock(queue_mutex_);
            queue_changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left
            b = std::move(queue_.front());
            queue_.pop_front();
            queue_changed_.notify_all();
        }
        write(b);
    }
}

void Writer::write(const Batch& b) {
    if (!b.table) {
        std::lock_guard lock(h5_);
        const auto f = static_cast<hid_t>(file_);
        h5::write_attr(f, "sim_time_reached", b.sim_time_ns);
        if (H5Fflush(f, H5F_SCOPE_GLOBAL) < 0 && error_.empty())
            error_ = fmt::format("writing {} failed (disk full?)", path_.string());
        return;
    }
    TableState& t = *b.table;
    const hsize_t n = b.bytes.size() / t.row_size, start = t.rows, total = t.rows + n;
    std::lock_guard lock(h5_);
    if (!t.dataset.valid()) return;
    bool ok = H5Dset_extent(t.dataset.get(), &total) >= 0;
    h5::Id file_space(H5Dget_space(t.dataset.get()), H5Sclose);
    h5::Id mem_space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    ok = ok && H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr) >= 0;
    ok = ok && H5Dwrite(t.dataset.get(), t.memtype.get(), mem_space.get(), file_space.get(),
                        H5P_DEFAULT, b.bytes.data()) >= 0;
    if (ok) {
        t.rows = total;
    } else if (error_.empty()) {
        error_ = fmt::format("writing {} failed (disk full?)", path_.string());
    }
}

std::string Writer::close(bool complete, std::int64_t sim_time_reached_ns) {
    if (closed_) return error_;
    closed_ = true;
    for (auto& t : tables_) submit(t.get());
    {
        std::lock_guard lock(queue_mutex_);
        stopping_ = true;
        queue_changed_.notify_all();
    }
    thread_.join();
    std::lock_guard lock(h5_);
    const auto f = static_cast<hid_t>(file_);
    if (sim_time_reached_ns >= 0) h5::write_attr(f, "sim_time_reached", sim_time_reached_ns);
    h5::write_attr(f, "wall_seconds", now_seconds() - opened_at_);
    h5::write_attr_bool(f, "complete", complete && error_.empty());
    tables_.clear();  // closes the datasets before the file
    if (H5Fclose(f) < 0 && error_.empty()) error_ = "closing " + path_.string() + " failed";
    return error_;
}

}  // namespace ostsim::trace
