// Benchmarks of the eth primitives against their floors (docs/performance.md):
//   keccak256 vs a bare Crypto++ loop; trie commits vs the Keccak permutations they must make;
//   trie memory per leaf and per retained version; proofs; secp256k1 sign and recover.
#include <benchmark/benchmark.h>
#include <cryptopp/keccak.h>
#include <malloc.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <random>

#include "allocator/jemalloc.hpp"
#include "eth/keccak.hpp"
#include "eth/rlp.hpp"
#include "eth/secp256k1.hpp"
#include "eth/secure_trie.hpp"
#include "eth/trie_proof.hpp"

using namespace ostsim::eth;

namespace {

constexpr std::size_t kLeaves = 1'000'000;
constexpr std::size_t kBatch = 1000;  // leaves modified per commit, about one busy block

Bytes key_of(std::uint64_t i) {
    Bytes k(8);
    for (int b = 0; b < 8; ++b) k[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(i >> (8 * b));
    return k;
}
// A storage word: 32 bytes, as the contracts' slots hold.
Bytes value_of(std::uint64_t i, std::uint64_t salt) {
    Hash h = keccak256(key_of(i ^ (salt << 40)));
    return Bytes(h.bytes.begin(), h.bytes.end());
}

// Bytes the program has allocated and not freed. Under jemalloc (the executables link it:
// cmake/OstsimAllocator.cmake) its "stats.allocated", refreshed by writing "epoch"; glibc's
// mallinfo2 would see only its own, unused, heap. Else glibc's small blocks plus mmap'd ones.
std::size_t heap_in_use() {
    static const ostsim::allocator::Mallctl mallctl = ostsim::allocator::jemalloc_mallctl();
    if (mallctl) {
        std::uint64_t epoch = 1;
        std::size_t len = sizeof(epoch);
        mallctl("epoch", &epoch, &len, &epoch, len);
        std::size_t allocated = 0;
        len = sizeof(allocated);
        if (mallctl("stats.allocated", &allocated, &len, nullptr, 0) == 0) return allocated;
    }
    auto mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

// CPU time of this thread: unlike wall time, it does not count time the scheduler gave to other
// processes, so two measurements taken under different load still compare.
double cpu_seconds() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// CPU seconds a bare Crypto++ loop takes to hash messages of exactly these lengths: the floor
// of the hashing that produced them.
double bare_replay_seconds(const std::vector<std::uint32_t>& lengths) {
    static std::vector<std::uint8_t> in(1 << 16, 0x5a);
    CryptoPP::Keccak_256 h;
    std::uint8_t out[32];
    double t0 = cpu_seconds();
    for (std::uint32_t n : lengths) {
        h.CalculateDigest(out, in.data(), std::min<std::size_t>(n, in.size()));
        benchmark::DoNotOptimize(out);
    }
    return cpu_seconds() - t0;
}

// Secure tries of `leaves` leaves, built once per (leaves, retained versions) and shared.
SecureTrie& trie_of(std::size_t leaves, std::size_t retained) {
    static std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<SecureTrie>> tries;
    auto& t = tries[{leaves, retained}];
    if (!t) {
        t = std::make_unique<SecureTrie>(retained);
        for (std::uint64_t i = 0; i < leaves; ++i) t->put(key_of(i), value_of(i, 0));
        t->commit(0);
    }
    return *t;
}
SecureTrie& big_trie() { return trie_of(kLeaves, 64); }

}  // namespace

static void BM_keccak256(benchmark::State& state) {
    Bytes in(static_cast<std::size_t>(state.range(0)), 0xab);
    for (auto _ : state) benchmark::DoNotOptimize(keccak256(in));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_keccak256)->Arg(32)->Arg(135)->Arg(136)->Arg(532);

static void BM_keccak256_bare_cryptopp(benchmark::State& state) {
    Bytes in(static_cast<std::size_t>(state.range(0)), 0xab);
    CryptoPP::Keccak_256 h;
    std::uint8_t out[32];
    for (auto _ : state) {
        h.CalculateDigest(out, in.data(), in.size());
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_keccak256_bare_cryptopp)->Arg(32)->Arg(135)->Arg(136)->Arg(532);

// kBatch random leaves of a secure trie (arguments: leaves, versions retained) changed, then
// committed as a new version. With 64 versions retained, shared nodes are copied on write and
// the oldest version is freed at each commit, as in a running core; with 0, no history. Each
// iteration then replays the very keccak256 calls it made (same lengths, same order) through a
// bare Crypto++ loop, so x_keccak_floor compares two CPU times taken side by side.
static void BM_trie_commit(benchmark::State& state) {
    const auto leaves = static_cast<std::size_t>(state.range(0));
    SecureTrie& t = trie_of(leaves, static_cast<std::size_t>(state.range(1)));
    std::mt19937_64 rng(1);
    static std::uint64_t version = 1;
    std::uint64_t perms = 0, calls = 0;
    double seconds = 0, put_seconds = 0, floor_seconds = 0;
    std::vector<std::pair<Bytes, Bytes>> batch(kBatch);
    std::vector<std::uint32_t> lengths;
    for (auto _ : state) {
        state.PauseTiming();
        for (auto& [k, v] : batch) {
            std::uint64_t i = rng() % leaves;
            k = key_of(i);
            v = value_of(i, version);
        }
        state.ResumeTiming();
        lengths.clear();
        keccak_counters().lengths = &lengths;
        auto before = keccak_counters();
        double t0 = cpu_seconds();
        for (auto& [k, v] : batch) t.put(k, v);
        double t1 = cpu_seconds();
        t.commit(version++);
        seconds += cpu_seconds() - t0;
        put_seconds += t1 - t0;
        keccak_counters().lengths = nullptr;
        perms += keccak_counters().permutations - before.permutations;
        calls += keccak_counters().calls - before.calls;
        state.PauseTiming();
        floor_seconds += bare_replay_seconds(lengths);
        state.ResumeTiming();
    }
    double changed = static_cast<double>(state.iterations() * kBatch);
    state.counters["ns_per_leaf"] = seconds * 1e9 / changed;
    state.counters["put_ns_per_leaf"] = put_seconds * 1e9 / changed;
    state.counters["floor_ns_per_leaf"] = floor_seconds * 1e9 / changed;
    state.counters["keccak_calls_per_leaf"] = static_cast<double>(calls) / changed;
    state.counters["permutations_per_leaf"] = static_cast<double>(perms) / changed;
    state.counters["x_keccak_floor"] = seconds / floor_seconds;
}
BENCHMARK(BM_trie_commit)
    ->Args({10'000, 0})->Args({10'000, 64})->Args({kLeaves, 0})->Args({kLeaves, 64})
    ->Unit(benchmark::kMillisecond)->MinTime(2.0);

static void BM_trie_prove_1M(benchmark::State& state) {
    SecureTrie& t = big_trie();
    std::mt19937_64 rng(2);
    std::size_t bytes = 0;
    for (auto _ : state) {
        Proof p = t.prove(key_of(rng() % kLeaves));
        for (auto& n : p) bytes += n.size();
        benchmark::DoNotOptimize(p);
    }
    state.counters["proof_bytes"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_trie_prove_1M);

static void BM_trie_verify_1M(benchmark::State& state) {
    SecureTrie& t = big_trie();
    Hash root = t.root_hash();
    std::vector<std::pair<Bytes, Proof>> proofs;
    for (std::uint64_t i = 0; i < 256; ++i) proofs.emplace_back(key_of(i * 3901), t.prove(key_of(i * 3901)));
    std::size_t k = 0;
    for (auto _ : state) {
        auto& [key, proof] = proofs[k++ % proofs.size()];
        auto r = verify_secure_proof(root, key, proof);
        if (!r || !*r) state.SkipWithError("proof did not verify");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_trie_verify_1M);

// Heap bytes per leaf of a fresh 1M-leaf secure trie (glibc's count, malloc overhead included),
// and heap kept per retained version when each version changes kBatch leaves.
static void BM_trie_memory(benchmark::State& state) {
    for (auto _ : state) {
        std::size_t base = heap_in_use();
        SecureTrie t(16);
        for (std::uint64_t i = 0; i < kLeaves; ++i) t.put(key_of(i), value_of(i, 0));
        t.commit(0);
        std::size_t built = heap_in_use();
        std::mt19937_64 rng(3);
        for (std::uint64_t v = 1; v <= 16; ++v) {
            for (std::size_t j = 0; j < kBatch; ++j) {
                std::uint64_t i = rng() % kLeaves;
                t.put(key_of(i), value_of(i, v));
            }
            t.commit(v);
        }
        std::size_t versioned = heap_in_use();
        state.counters["bytes_per_leaf"] = static_cast<double>(built - base) / kLeaves;
        state.counters["bytes_per_version"] = static_cast<double>(versioned - built) / 16;
        state.counters["bytes_per_version_per_changed_leaf"] =
            static_cast<double>(versioned - built) / 16 / kBatch;
    }
}
BENCHMARK(BM_trie_memory)->Iterations(1)->Unit(benchmark::kMillisecond);

static void BM_secp256k1_sign(benchmark::State& state) {
    auto key = *PrivateKey::from_bytes(keccak256(as_bytes("bench")));
    Hash msg = keccak256(as_bytes("message"));
    for (auto _ : state) {
        msg.bytes[0]++;
        benchmark::DoNotOptimize(key.sign(msg));
    }
}
BENCHMARK(BM_secp256k1_sign);

static void BM_secp256k1_recover(benchmark::State& state) {
    auto key = *PrivateKey::from_bytes(keccak256(as_bytes("bench")));
    Hash msg = keccak256(as_bytes("message"));
    Signature sig = key.sign(msg);
    for (auto _ : state) benchmark::DoNotOptimize(recover_address(msg, sig));
}
BENCHMARK(BM_secp256k1_recover);

BENCHMARK_MAIN();
