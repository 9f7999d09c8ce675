// One HDF5 trace file per run, written by one background thread.
//
//   auto [w, err] = Writer::open("out.h5", {.force = false});
//   if (!w) { report(err); return 3; }
//   w->attribute("seed", std::int64_t{7});
//   Table<LpRow> lps = w->table<LpRow>(kLpsSpec);
//   lps.append(row);                          // buffered; full buffers go to the writer thread
//   w->checkpoint(sim_ns);                    // rows so far to disk, without waiting for it
//   w->summary("phold", "committed", n);      // /summary/phold attributes
//   std::string e = w->close(true, sim_ns);   // flushes; `complete` true only here
//
// At open the root gets `complete` = false, `trace_schema_version`, `ostsim_version` and
// `git_revision`, and is flushed, so a file from a crashed run says it is incomplete. A
// checkpoint hands every buffered row to the writer thread, which writes them, sets
// `sim_time_reached` and flushes the file: a run killed later leaves those rows readable (HDF5
// writes nothing between checkpoints, so only a kill during that short write can spoil the
// file). close() writes `complete`, `sim_time_reached` (ns) and `wall_seconds`. A run stopped
// early closes with complete = false: the tables hold every row appended, readable.
// Tables are chunked, shuffled and deflated compound datasets, extended batch by batch; each
// column has a `unit.<column>` and `doc.<column>` attribute.
// Threads: appends to one table come from one thread at a time; the writer thread owns the
// datasets; every HDF5 call (either thread) holds one mutex. Producers block only while the
// queue holds `queue_batches` batches. A full disk is reported by close() and, once the rows
// have reached the writer thread, by error().
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "trace/table.hpp"

namespace ostsim::trace {

inline constexpr std::int64_t kTraceSchemaVersion = 1;

struct TableState;  // one dataset and its producer-side buffer

template <typename Row>
class Table;

class Writer {
  public:
    struct Options {
        bool force = false;                // overwrite an existing file
        std::size_t batch_rows = 4096;     // rows per batch handed to the writer thread
        std::size_t queue_batches = 16;    // batches queued before producers wait
    };
    struct Opened;

    static Opened open(const std::filesystem::path& path, Options options);
    ~Writer();  // closes with complete = false if close() was not called
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void attribute(std::string_view name, std::string_view value);
    void attribute(std::string_view name, const char* value) { attribute(name, std::string_view(value)); }
    void attribute(std::string_view name, std::int64_t value);
    void attribute(std::string_view name, std::uint64_t value);
    void attribute(std::string_view name, double value);
    void attribute_bool(std::string_view name, bool value);
    // A scalar attribute of the group summary/<group>.
    void summary(std::string_view group, std::string_view name, std::int64_t value);
    void summary(std::string_view group, std::string_view name, std::uint64_t value);
    void summary(std::string_view group, std::string_view name, double value);
    void summary(std::string_view group, std::string_view name, std::string_view value);

    template <typename Row>
    Table<Row> table(const TableSpec& spec) {
        return Table<Row>(this, create(spec, sizeof(Row)));
    }

    // Puts what HDF5 holds in memory on disk (the attributes so far, the tables' written
    // batches), so that a run killed later leaves them readable.
    void flush();

    // Queues every row appended so far, then `sim_time_reached` = `sim_time_ns` and a flush, in
    // that order, on the writer thread; returns without waiting for the disk.
    void checkpoint(std::int64_t sim_time_ns);

    // The first write error met so far (empty if none): a run may stop on it.
    std::string error();

    // Flushes every table, stops the writer thread, writes the closing attributes. Returns
    // the first error met while writing (empty if none). Idempotent.
    std::string close(bool complete, std::int64_t sim_time_reached_ns);

    const std::filesystem::path& path() const { return path_; }

  private:
    template <typename Row>
    friend class Table;
    struct Batch {
        TableState* table = nullptr;  // null: a checkpoint marker
        std::vector<std::byte> bytes;
        std::int64_t sim_time_ns = -1;  // the marker's
    };

    Writer(std::filesystem::path path, Options options, long long file);
    TableState* create(const TableSpec& spec, std::size_t row_size);
    void append(TableState* t, const void* row);
    void submit(TableState* t);
    void enqueue(Batch b);
    void drain();
    void write(const Batch& b);
    void fail(std::string why);

    std::filesystem::path path_;
    Options options_;
    long long file_;  // hid_t, kept out of this header
    std::mutex h5_;   // every HDF5 call
    std::mutex queue_mutex_;
    std::condition_variable queue_changed_;
    std::deque<Batch> queue_;
    bool stopping_ = false;
    bool closed_ = false;
    std::string error_;
    std::vector<std::unique_ptr<TableState>> tables_;
    double opened_at_;
    std::thread thread_;
};

struct Writer::Opened {
    std::unique_ptr<Writer> writer;
    std::string error;  // why there is no writer
};

// A typed handle to one table of a Writer (which must outlive it).
template <typename Row>
class Table {
  public:
    Table() = default;
    void append(const Row& row) { writer_->append(state_, &row); }
    explicit operator bool() const { return state_ != nullptr; }

  private:
    friend class Writer;
    Table(Writer* w, TableState* s) : writer_(w), state_(s) {}
    Writer* writer_ = nullptr;
    TableState* state_ = nullptr;
};

// Call first in a program's main(), before any HDF5 call: HDF5 then does not tear itself down
// at exit. HDF5 1.10 keeps a file whose H5Fclose failed (a full disk) and crashes closing it
// again at exit; every trace is closed by its Writer anyway.
void skip_hdf5_teardown_at_exit();

// "1.2.3" and the git revision at build time ("unknown" outside a git checkout).
std::string_view ostsim_version();
std::string_view git_revision();

}  // namespace ostsim::trace
