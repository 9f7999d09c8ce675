// BlockBook keeps its most recent entry outside its table and writes it back when another block
// comes: a random mix of operations over a few blocks must read as a plain map of entries does.
#include <gtest/gtest.h>

#include <map>

#include "engine/rng.hpp"
#include "net/block_book.hpp"

using ostsim::net::BlockBook;
using ostsim::chain::BlockId;

namespace {
// The book's rules, on a std::map.
struct Reference {
    std::map<std::uint64_t, BlockBook::Entry> entries;

    bool request(BlockId id, std::uint32_t from, std::uint64_t announcers) {
        auto [it, fresh] = entries.try_emplace(id.key(), BlockBook::Entry{0, from, false, false});
        it->second.heard |= announcers;
        return fresh;
    }
    bool receive(BlockId id, std::uint32_t from) {
        auto [it, fresh] = entries.try_emplace(id.key(), BlockBook::Entry{0, from, true, false});
        if (!fresh && it->second.have) return false;
        it->second = {it->second.heard, from, true, false};
        return true;
    }
    bool announce(BlockId id, std::uint32_t self) {
        auto [it, fresh] = entries.try_emplace(id.key(), BlockBook::Entry{0, self, true, false});
        if (!fresh && !it->second.have) it->second = {it->second.heard, self, true, false};
        if (it->second.announced) return false;
        it->second.announced = true;
        return true;
    }
};
}  // namespace

TEST(block_book, recent_entry_reads_as_a_plain_map) {
    BlockBook book;
    Reference ref;
    ostsim::engine::Stream rng(5, 0);
    for (std::uint32_t step = 0; step < 20'000; ++step) {
        const BlockId id{rng.below(3), rng.below(8)};
        const auto from = static_cast<std::uint32_t>(rng.below(100));
        switch (rng.below(5)) {
            case 0: {
                const std::uint64_t mask = std::uint64_t{1} << rng.below(64);
                ASSERT_EQ(book.request(id, from, mask), ref.request(id, from, mask)) << step;
                break;
            }
            case 1: ASSERT_EQ(book.receive(id, from), ref.receive(id, from)) << step; break;
            case 2: ASSERT_EQ(book.announce(id, from) != nullptr, ref.announce(id, from)) << step; break;
            case 3:
                if (rng.below(8) == 0) {  // rarely: forgetting empties the books
                    book.forget(id);
                    ref.entries.erase(id.key());
                }
                break;
            default: break;
        }
        // Every block, the recent one and those written back to the table alike.
        for (std::uint32_t p = 0; p < 3; ++p) {
            for (std::uint32_t s = 0; s < 8; ++s) {
                const BlockId k{p, s};
                const BlockBook::Entry* e = book.find(k);
                const auto it = ref.entries.find(k.key());
                ASSERT_EQ(e != nullptr, it != ref.entries.end()) << step;
                if (!e) continue;
                EXPECT_EQ(e->heard, it->second.heard);
                EXPECT_EQ(e->from, it->second.from);
                EXPECT_EQ(e->have, it->second.have);
                EXPECT_EQ(e->announced, it->second.announced);
            }
        }
        ASSERT_EQ(book.size(), ref.entries.size()) << step;
    }
}
