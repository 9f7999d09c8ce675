#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

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
