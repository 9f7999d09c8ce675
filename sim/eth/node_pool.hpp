// Memory for the nodes of a trie, or of several tries of one owner (a world state's state trie
// and storage tries): size classes of 16 bytes with free lists, carved from slabs that start
// at 4 KiB and double up to 256 KiB, so that a small trie stays small; after that, slabs of
// 2 MiB, aligned to 2 MiB and offered to the kernel as transparent huge pages (Linux, madvise).
// A large trie that retains versions takes fresh memory at every block; touched 4 KiB at a
// time, that memory cost one page fault per page (about 2.5 % of a whole-world spend's time
// went to page faults, half of them in trie slabs: docs/performance.md, Session spends). Node
// sizes are known from their contents, so blocks carry no header, and a freed block is reused
// by the next node of its class without a call into malloc. Profiles of commits with retained
// versions showed malloc and free as the largest cost after Keccak.
//
// Limits: one thread at a time (as the tries that use it); slabs return to the system only when
// the pool is destroyed; blocks over kMaxPooled bytes (nodes with values of hundreds of bytes)
// go to operator new.
#pragma once

#include <array>
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ostsim::eth::trie {

class NodePool {
public:
    static constexpr std::size_t kGranule = 16;
    static constexpr std::size_t kMaxPooled = 512;
    static constexpr std::size_t kFirstSlabBytes = 4 * 1024;
    static constexpr std::size_t kLastSmallSlabBytes = 256 * 1024;
    static constexpr std::size_t kMaxSlabBytes = 2 * 1024 * 1024;  // one x86-64 huge page

    NodePool() = default;
    NodePool(const NodePool&) = delete;
    NodePool& operator=(const NodePool&) = delete;

    void* allocate(std::size_t size) {
        if (size > kMaxPooled) return ::operator new(size);
        std::size_t c = size_class(size);
        if (FreeBlock* b = free_[c]) {
            free_[c] = b->next;
            return b;
        }
        std::size_t bytes = (c + 1) * kGranule;
        if (left_ < bytes) new_slab();
        void* p = bump_;
        bump_ += bytes;
        left_ -= bytes;
        return p;
    }

    void deallocate(void* p, std::size_t size) {
        if (size > kMaxPooled) {
            ::operator delete(p);
            return;
        }
        std::size_t c = size_class(size);
        auto* b = static_cast<FreeBlock*>(p);
        b->next = free_[c];
        free_[c] = b;
    }

private:
    struct FreeBlock {
        FreeBlock* next;
    };
    static std::size_t size_class(std::size_t size) { return (size + kGranule - 1) / kGranule - 1; }
    void new_slab() {
        // Doubling to 256 KiB, then huge pages: a trie that large is one that keeps growing.
        std::size_t bytes = kFirstSlabBytes;
        if (!slabs_.empty())
            bytes = last_slab_bytes_ >= kLastSmallSlabBytes ? kMaxSlabBytes : 2 * last_slab_bytes_;
        slabs_.emplace_back(bytes);  // uninitialised: nodes are written whole
        bump_ = slabs_.back().data;
        left_ = bytes;
        last_slab_bytes_ = bytes;
    }

    // A slab's memory; the largest are huge-page aligned.
    struct Slab {
        std::byte* data;
        std::size_t bytes;
        explicit Slab(std::size_t n) : data(allocate_slab(n)), bytes(n) {}
        Slab(Slab&& o) noexcept : data(std::exchange(o.data, nullptr)), bytes(o.bytes) {}
        Slab& operator=(Slab&&) = delete;
        ~Slab() {
            if (!data) return;
            if (bytes == kMaxSlabBytes)
                ::operator delete(data, std::align_val_t{kMaxSlabBytes});
            else
                ::operator delete(data);
        }
    };
    static std::byte* allocate_slab(std::size_t bytes) {
        if (bytes != kMaxSlabBytes) return static_cast<std::byte*>(::operator new(bytes));
        void* p = ::operator new(bytes, std::align_val_t{kMaxSlabBytes});
#ifdef __linux__
        madvise(p, bytes, MADV_HUGEPAGE);  // a hint: without huge pages the slab still works
#endif
        return static_cast<std::byte*>(p);
    }

    std::array<FreeBlock*, kMaxPooled / kGranule> free_{};
    std::vector<Slab> slabs_;
    std::byte* bump_ = nullptr;
    std::size_t left_ = 0;
    std::size_t last_slab_bytes_ = 0;
};

}  // namespace ostsim::eth::trie
