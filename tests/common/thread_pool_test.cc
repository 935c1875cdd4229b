#include "loch/common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace loch {

TEST(ThreadPoolTest, RunsEveryMorselOnce) {
  for (int threads : {1, 2, 4}) {
    ThreadPool pool(threads);
    std::vector<std::atomic<int>> hits(1000);
    for (int round = 0; round < 20; ++round) {
      pool.parallelFor(1000, [&](int64_t m, int worker) {
        ASSERT_LT(worker, threads);
        hits[m]++;
      });
    }
    for (auto& h : hits) EXPECT_EQ(h.load(), 20);
  }
}

TEST(ThreadPoolTest, PropagatesTheFirstException) {
  ThreadPool pool(3);
  EXPECT_THROW(pool.parallelFor(100,
                                [](int64_t m, int) {
                                  if (m == 37) throw std::runtime_error("boom");
                                }),
               std::runtime_error);
  // The pool stays usable.
  std::atomic<int> n{0};
  pool.parallelFor(10, [&](int64_t, int) { n++; });
  EXPECT_EQ(n.load(), 10);
}

TEST(ThreadPoolTest, ZeroMorselsIsANoOp) {
  ThreadPool pool(2);
  pool.parallelFor(0, [](int64_t, int) { FAIL(); });
}

}  // namespace loch
