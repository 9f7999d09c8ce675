// DaryHeap against a sorted reference, for both arities the engine may use.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>
#include <vector>

#include "engine/dary_heap.hpp"

namespace ostsim::engine {
namespace {

template <std::size_t Arity>
void check_random_ops(unsigned seed) {
    DaryHeap<int, std::less<int>, Arity> heap;
    std::multiset<int> ref;
    std::mt19937 gen(seed);
    for (int step = 0; step < 20000; ++step) {
        const int op = static_cast<int>(gen() % 4);
        const int x = static_cast<int>(gen() % 1000);
        if (op <= 1 || ref.empty()) {
            heap.push(x);
            ref.insert(x);
        } else if (op == 2) {
            ASSERT_EQ(heap.top(), *ref.begin());
            heap.pop();
            ref.erase(ref.begin());
        } else {
            ASSERT_EQ(heap.top(), *ref.begin());
            heap.replace_top(x);
            ref.erase(ref.begin());
            ref.insert(x);
        }
        ASSERT_EQ(heap.size(), ref.size());
    }
    std::vector<int> drained;
    while (!heap.empty()) {
        drained.push_back(heap.top());
        heap.pop();
    }
    EXPECT_TRUE(std::is_sorted(drained.begin(), drained.end()));
    EXPECT_EQ(drained, std::vector<int>(ref.begin(), ref.end()));
}

TEST(engine_heap, binary_matches_sorted_reference) {
    check_random_ops<2>(1);
}
TEST(engine_heap, four_ary_matches_sorted_reference) {
    check_random_ops<4>(2);
}
TEST(engine_heap, eight_ary_matches_sorted_reference) {
    check_random_ops<8>(3);
}

}  // namespace
}  // namespace ostsim::engine
