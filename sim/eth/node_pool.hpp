// Memory for one trie's nodes: size classes of 16 bytes with free lists, carved from slabs
// that start at 4 KiB and double up to 256 KiB, so that the many small tries of a world state
// (one storage trie per contract account) stay small. Node sizes are known from their contents, so blocks carry no header, and a freed
// block is reused by the next node of its class without a call into malloc. Profiles of commits
// with retained versions showed malloc and free as the largest cost after Keccak.
//
// Limits: one thread at a time (as the trie); slabs return to the system only when the pool is
// destroyed; blocks over kMaxPooled bytes (nodes with values of hundreds of bytes) go to
// operator new.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace ostsim::eth::trie {

class NodePool {
public:
    static constexpr std::size_t kGranule = 16;
    static constexpr std::size_t kMaxPooled = 512;
    static constexpr std::size_t kFirstSlabBytes = 4 * 1024;
    static constexpr std::size_t kMaxSlabBytes = 256 * 1024;

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
        std::size_t bytes = slabs_.empty() ? kFirstSlabBytes
                                           : std::min(2 * last_slab_bytes_, kMaxSlabBytes);
        slabs_.emplace_back(new std::byte[bytes]);  // uninitialised: nodes are written whole
        bump_ = slabs_.back().get();
        left_ = bytes;
        last_slab_bytes_ = bytes;
    }

    std::array<FreeBlock*, kMaxPooled / kGranule> free_{};
    std::vector<std::unique_ptr<std::byte[]>> slabs_;
    std::byte* bump_ = nullptr;
    std::size_t left_ = 0;
    std::size_t last_slab_bytes_ = 0;
};

}  // namespace ostsim::eth::trie
