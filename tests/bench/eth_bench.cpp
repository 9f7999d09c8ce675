// Benchmarks of the eth primitives against their floors (docs/performance.md):
//   keccak256 vs a bare Crypto++ loop; trie commits vs the Keccak permutations they must make;
//   trie memory per leaf and per retained version; proofs; secp256k1 sign and recover.
#include <benchmark/benchmark.h>
#include <cryptopp/keccak.h>
#include <malloc.h>

#include <chrono>
#include <memory>
#include <random>

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

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// Nanoseconds of one Keccak-f permutation, from a bare Crypto++ loop over 135-byte inputs
// (exactly one block each): the floor the trie's hashing is compared with.
double ns_per_permutation() {
    static const double ns = [] {
        CryptoPP::Keccak_256 h;
        std::uint8_t in[135] = {}, out[32];
        constexpr int n = 200000;
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) {
            in[0] = static_cast<std::uint8_t>(i);
            h.CalculateDigest(out, in, sizeof in);
            benchmark::DoNotOptimize(out);
        }
        auto t1 = std::chrono::steady_clock::now();
        return std::chrono::duration<double, std::nano>(t1 - t0).count() / n;
    }();
    return ns;
}

// One million leaves, built once and shared by the trie benchmarks.
SecureTrie& big_trie() {
    static std::unique_ptr<SecureTrie> t = [] {
        auto trie = std::make_unique<SecureTrie>(64);
        for (std::uint64_t i = 0; i < kLeaves; ++i) trie->put(key_of(i), value_of(i, 0));
        trie->commit(0);
        return trie;
    }();
    return *t;
}

}  // namespace

static void BM_keccak256(benchmark::State& state) {
    Bytes in(static_cast<std::size_t>(state.range(0)), 0xab);
    for (auto _ : state) benchmark::DoNotOptimize(keccak256(in));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_keccak256)->Arg(32)->Arg(136);

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
BENCHMARK(BM_keccak256_bare_cryptopp)->Arg(32)->Arg(136);

// kBatch random leaves of the 1M-leaf secure trie changed, then committed as a new version
// (the last 64 retained, so shared nodes are copied on write as in a running core).
static void BM_trie_commit_1M(benchmark::State& state) {
    SecureTrie& t = big_trie();
    std::mt19937_64 rng(1);
    static std::uint64_t version = 1;
    std::uint64_t perms = 0, calls = 0;
    double seconds = 0;
    for (auto _ : state) {
        auto before = keccak_counters();
        auto t0 = std::chrono::steady_clock::now();
        for (std::size_t j = 0; j < kBatch; ++j) {
            std::uint64_t i = rng() % kLeaves;
            t.put(key_of(i), value_of(i, version));
        }
        t.commit(version++);
        auto t1 = std::chrono::steady_clock::now();
        seconds += std::chrono::duration<double>(t1 - t0).count();
        perms += keccak_counters().permutations - before.permutations;
        calls += keccak_counters().calls - before.calls;
    }
    double leaves = static_cast<double>(state.iterations() * kBatch);
    double floor_ns = static_cast<double>(perms) * ns_per_permutation();
    state.counters["ns_per_leaf"] = seconds * 1e9 / leaves;
    state.counters["keccak_calls_per_leaf"] = static_cast<double>(calls) / leaves;
    state.counters["permutations_per_leaf"] = static_cast<double>(perms) / leaves;
    state.counters["x_keccak_floor"] = seconds * 1e9 / floor_ns;
}
BENCHMARK(BM_trie_commit_1M)->Unit(benchmark::kMillisecond)->MinTime(2.0);

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
