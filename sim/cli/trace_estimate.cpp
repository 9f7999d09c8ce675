#include "cli/trace_estimate.hpp"

#include <fmt/format.h>

#include <system_error>

#include "cli/event_rows.hpp"
#include "cli/nodes_table.hpp"
#include "cli/phold_run.hpp"
#include "cli/world_run.hpp"

namespace ostsim::cli {
namespace {

// Tables are shuffled and deflated (level 4). Measured on scenarios/default.yaml (30 min): the
// txs table compresses 5.3 times, blocks 2.5 times (hashes are random hex); 8 leaves room for
// tables that compress better and for runs that send fewer transactions than their rate.
constexpr double kAssumedRatio = 8;

// An empty trace: the superblock, root group, summary group and table headers.
constexpr std::uint64_t kFixedBytes = 4096;

double rows_bytes(double rows, const trace::TableSpec& spec) {
    return rows * static_cast<double>(spec.row_size) / kAssumedRatio;
}

}  // namespace

std::uint64_t trace_size_estimate(const scenario::Value& tree, std::uint64_t text_bytes) {
    double bytes = static_cast<double>(kFixedBytes + text_bytes);
    const std::string& level = tree.at("trace.level").as_string();
    if (level == "none") return 0;
    if (level == "summary") return static_cast<std::uint64_t>(bytes);
    const double seconds = static_cast<double>(tree.at("duration").as_int()) / 1e9;
    if (const scenario::Value* cores = tree.find("cores"); cores && cores->is_map()) {
        for (const scenario::Entry& c : cores->as_map()) {
            const double block_s = static_cast<double>(c.value.at("consensus.block_time").as_int()) / 1e9;
            const double blocks = seconds / block_s;
            const double txs = seconds * c.value.at("transfers.rate").as_real();
            const auto nodes = static_cast<double>(c.value.at("nodes").as_int());
            bytes += rows_bytes(blocks, blocks_spec()) + rows_bytes(txs, txs_spec()) +
                     rows_bytes(nodes, nodes_spec());
            if (level == "full")
                bytes += rows_bytes(blocks * nodes, arrivals_spec()) + rows_bytes(txs, inclusions_spec());
        }
    } else if (const scenario::Value* nlp = tree.find_path("phold.nlp")) {
        bytes += rows_bytes(static_cast<double>(nlp->as_int()), phold_lps_spec());
    }
    return static_cast<std::uint64_t>(bytes);
}

std::string check_free_space(const std::filesystem::path& path, std::uint64_t bytes) {
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    std::error_code ec;
    const std::filesystem::space_info s = std::filesystem::space(dir, ec);
    if (ec || s.available >= bytes) return {};  // an unknown folder is the writer's to report
    return fmt::format("{} has {} bytes free; the trace needs at least about {} bytes", dir.string(),
                       s.available, bytes);
}

}  // namespace ostsim::cli
