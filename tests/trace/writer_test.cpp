#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <vector>

#include "sample_rows.hpp"
#include "trace/writer.hpp"

using namespace ostsim::trace;
namespace fs = std::filesystem;

namespace {

fs::path temp(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("ostsim_trace_" + std::to_string(::getpid()) + name);
    fs::remove(p);
    return p;
}

}  // namespace

TEST(trace_writer, existing_file_is_not_overwritten_without_force) {
    const fs::path p = temp("exists.h5");
    std::ofstream(p) << "precious";
    auto opened = Writer::open(p, {});
    EXPECT_FALSE(opened.writer);
    EXPECT_EQ(opened.error, p.string() + " exists; use --force to overwrite it");
    EXPECT_EQ(fs::file_size(p), 8u);
    auto forced = Writer::open(p, {.force = true});
    ASSERT_TRUE(forced.writer) << forced.error;
    EXPECT_EQ(forced.writer->close(true, 0), "");
    fs::remove(p);
}

TEST(trace_writer, unwritable_path_is_a_clear_error_at_open) {
    auto opened = Writer::open("/nonexistent-dir/x.h5", {});
    EXPECT_FALSE(opened.writer);
    EXPECT_EQ(opened.error, "cannot write /nonexistent-dir/x.h5: No such file or directory");
}

TEST(trace_writer, many_batches_through_a_small_queue) {
    const fs::path p = temp("many.h5");
    auto [w, err] = Writer::open(p, {.batch_rows = 7, .queue_batches = 1});
    ASSERT_TRUE(w) << err;
    Table<sample::SampleRow> t = w->table<sample::SampleRow>(sample::kSample);
    for (std::uint32_t i = 0; i < 10'000; ++i) t.append(sample::row(i));
    EXPECT_EQ(w->close(true, 5), "");
    EXPECT_GT(fs::file_size(p), 0u);
    fs::remove(p);
}

TEST(trace_writer, column_offsets_follow_the_struct) {
    EXPECT_EQ(sample::kSample.columns[0].offset, offsetof(sample::SampleRow, time));
    EXPECT_EQ(sample::kSample.columns[3].offset, offsetof(sample::SampleRow, value));
    EXPECT_EQ(sample::kSample.columns[5].size, 8u);
    EXPECT_EQ(sample::kSample.columns[5].type, ColumnType::text);
}

namespace {

// The raw bytes of a table as stored (its own compound type: padding included).
std::vector<unsigned char> stored_bytes(const fs::path& p, const char* table) {
    const hid_t f = H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, table, H5P_DEFAULT);
    const hid_t type = H5Dget_type(d);
    const hid_t space = H5Dget_space(d);
    std::vector<unsigned char> bytes(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)) *
                                     H5Tget_size(type));
    H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
    H5Sclose(space);
    H5Tclose(type);
    H5Dclose(d);
    H5Fclose(f);
    return bytes;
}

std::int64_t root_int(const fs::path& p, const char* name) {
    const hid_t f = H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t a = H5Aopen(f, name, H5P_DEFAULT);
    std::int64_t v = -1;
    H5Aread(a, H5T_NATIVE_INT64, &v);
    H5Aclose(a);
    H5Fclose(f);
    return v;
}

}  // namespace

TEST(trace_writer, struct_padding_is_stored_as_zeros) {
    // SampleRow pads after `flag`: a row made over a dirty buffer keeps dirt there, which the
    // file must not.
    const fs::path p = temp("pad.h5");
    auto [w, err] = Writer::open(p, {});
    ASSERT_TRUE(w) << err;
    Table<sample::SampleRow> t = w->table<sample::SampleRow>(sample::kSample);
    alignas(sample::SampleRow) unsigned char dirty[sizeof(sample::SampleRow)];
    std::memset(dirty, 0xAB, sizeof dirty);
    auto* r = new (dirty) sample::SampleRow;  // members uninitialised: the 0xAB bytes stay
    const sample::SampleRow clean = sample::row(3);
    r->time = clean.time, r->id = clean.id, r->flag = clean.flag, r->value = clean.value;
    r->big = clean.big, r->label = clean.label;
    t.append(*r);
    ASSERT_EQ(w->close(true, 1), "");
    const std::vector<unsigned char> bytes = stored_bytes(p, "samples");
    ASSERT_EQ(bytes.size(), sizeof(sample::SampleRow));
    EXPECT_EQ(std::count(bytes.begin(), bytes.end(), 0xAB), 0);
    fs::remove(p);
}

TEST(trace_writer, a_killed_writer_leaves_the_rows_of_its_last_checkpoint) {
    const fs::path p = temp("kill.h5");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto [w, err] = Writer::open(p, {.batch_rows = 16});
        Table<sample::SampleRow> t = w->table<sample::SampleRow>(sample::kSample);
        for (std::uint32_t i = 0; i < 100; ++i) t.append(sample::row(i));
        w->checkpoint(42);
        ::sleep(2);  // time for the writer thread; rows appended after it are never flushed
        for (std::uint32_t i = 100; i < 150; ++i) t.append(sample::row(i));
        ::raise(SIGKILL);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(stored_bytes(p, "samples").size(), 100 * sizeof(sample::SampleRow));
    EXPECT_EQ(root_int(p, "sim_time_reached"), 42);
    fs::remove(p);
}
